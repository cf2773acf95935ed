/// The stylesheet every HTML edition carries inline: screen and A4 print.
/// Font stacks name faces that carry Polish and Kazakh letters (DejaVu, Noto, Liberation).
enum HTMLStyle {
    // Colours and font stacks, written out (no CSS custom properties: PDF engines such as
    // WeasyPrint 57 do not resolve them in shorthands).
    static let ink = "#1d2733", muted = "#56636f", accent = "#0b5d7a", accentSoft = "#e3f0f5"
    static let rule = "#c9d6de", paper = "#ffffff"
    static let serif = #""DejaVu Serif", "Noto Serif", "Liberation Serif", Georgia, serif"#
    static let sans = #""DejaVu Sans", "Noto Sans", "Liberation Sans", Arial, sans-serif"#

    static let css = """
    * { box-sizing: border-box; }
    html { background: #eef2f4; }
    body { margin: 0 auto; max-width: 52rem; background: \(paper); color: \(ink);
      font: 1rem/1.55 \(serif); padding: 0 0 2.5rem; hyphens: auto; }
    .title-page { background: \(accent); color: #fff; padding: 2.75rem 2.5rem 2.25rem; }
    .title-page h1 { font: 700 2.4rem/1.15 \(sans); margin: 0 0 .6rem; letter-spacing: -.01em; }
    .title-page .subtitle { font: 1.15rem/1.4 \(sans); margin: 0; opacity: .92; }
    main { padding: 0 2.5rem; }
    h2 { font: 700 1.35rem/1.25 \(sans); color: \(accent); margin: 2rem 0 .75rem;
      padding-bottom: .3rem; border-bottom: 2px solid \(rule); }
    h3, h4 { font: 700 1.05rem/1.3 \(sans); margin: .2rem 0 .35rem; }
    p { margin: 0 0 .8rem; }
    .org { font-variant: normal; }
    .note { font: .85rem/1.45 \(sans); color: \(muted); }
    .fallback { background: #fff3c4; outline: 1px dashed #b58a00; }
    .fallback::after { content: " [" attr(lang) "]"; font: .75em \(sans); color: #8a6a00; }
    .outdated { background: #fde2e1; outline: 1px dashed #a3322b; }
    .outdated::after { content: " [" attr(title) "]"; font: .75em \(sans); color: #a3322b; }
    p.draft { margin: 0; padding: .6rem 2.5rem; background: #fff3c4; border-bottom: 2px dashed #b58a00;
      font: 600 .95rem/1.4 \(sans); color: #5c4500; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-family: \(sans); }
    caption { text-align: left; font: 600 .85rem \(sans); color: \(muted); padding-bottom: .4rem; }
    th, td { text-align: left; padding: .45rem .7rem; border-bottom: 1px solid \(rule); vertical-align: top; }
    thead th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: \(muted); }
    tbody th { font-weight: 600; width: 30%; }
    table.key-figures td:first-of-type { font-size: 1.25rem; font-weight: 700; color: \(accent); white-space: nowrap; }
    ul { padding-left: 1.3rem; }
    li { margin: .2rem 0; }
    figure.timeline { margin: .5rem 0 1rem; }
    figure.timeline figcaption { font: 600 .85rem \(sans); color: \(muted); margin-bottom: .6rem; }
    figure.timeline ol { list-style: none; margin: 0; padding: 0 0 0 1.4rem; border-left: 3px solid \(accentSoft); }
    figure.timeline li { position: relative; margin: 0 0 1.1rem; }
    figure.timeline li::before { content: ""; position: absolute; left: -1.93rem; top: .35rem; width: .8rem; height: .8rem;
      border-radius: 50%; background: \(accent); border: 2px solid #fff; }
    figure.graphic { margin: .5rem 0 1.2rem; }
    figure.graphic svg { display: block; width: 100%; height: auto; max-width: 640px; }
    figure.graphic figcaption { font: 600 .85rem \(sans); color: \(muted); margin-top: .3rem; }
    .when { font: 700 .9rem \(sans); color: \(accent); margin: 0; }
    html.side-by-side body { max-width: 74rem; }
    .pair { display: flex; gap: 2rem; }
    .pair > * { flex: 1 1 0; min-width: 0; }
    .pair > .side + .side { border-left: 1px solid \(rule); padding-left: 1.2rem; margin-left: -1.2rem; }
    .title-page.pair > .side + .side { border-color: rgba(255, 255, 255, .35); }
    .title-page .title { font: 700 2.4rem/1.15 \(sans); margin: 0 0 .6rem; letter-spacing: -.01em; }
    @media (max-width: 40rem) {
      main, .title-page { padding-left: 1.1rem; padding-right: 1.1rem; }
      .title-page h1 { font-size: 1.8rem; }
      .pair { flex-direction: column; gap: 0; }
      table.key-figures td:first-of-type { white-space: normal; }
      .pair > .side + .side { border-left: 0; padding-left: 0; margin-left: 0; border-top: 1px dashed \(rule); padding-top: .4rem; }
      .pair > h2[lang], .pair > h3[lang] { margin-top: 0; }
      .title-page .title { font-size: 1.8rem; }
    }
    html.factsheet { font-size: 15px; }
    body.factsheet .title-page { padding: 1.6rem 2.5rem 1.3rem; }
    body.factsheet .title-page h1 { font-size: 1.8rem; }
    body.factsheet h2 { font-size: 1.1rem; margin: 1.1rem 0 .5rem; }
    body.factsheet figure.timeline li { margin-bottom: .6rem; }
    body.factsheet main { columns: 2; column-gap: 2rem; }
    body.factsheet #key-figures { column-span: all; }
    body.factsheet main > section > h2 { break-after: avoid; }
    @media screen {
      body.factsheet figure.timeline li, body.factsheet main p, body.factsheet li { break-inside: avoid; }
      body.factsheet thead th { white-space: nowrap; }
    }
    body.factsheet main > section:first-of-type h2 { margin-top: 1.1rem; }
    body.factsheet table.key-figures td:first-of-type { font-size: 1.1rem; }
    body.factsheet .note { margin-bottom: .3rem; }
    @media (max-width: 40rem) { body.factsheet main { columns: 1; } }
    @page { size: A4; margin: 16mm 16mm 18mm; }
    @media print {
      html, body { background: #fff; }
      html { font-size: 10.5pt; }
      html.factsheet { font-size: 8.5pt; }
      body { max-width: none; padding: 0; }
      body.factsheet main { column-gap: 7mm; column-fill: balance; }
      body.factsheet h2 { margin-top: 3mm; }
      body.factsheet th, body.factsheet td { padding: 1.2mm 2mm; }
      .title-page { -webkit-print-color-adjust: exact; padding: 14mm 10mm 10mm; }
      body.factsheet .title-page { padding: 6mm 8mm; }
      main { padding: 0; }
      h2, h3, h4 { break-after: avoid; }
      table, figure.timeline li, p { break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
      a[href]::after { content: " (" attr(href) ")"; font-size: .85em; }
    }

    """

    /// Added for paged output (PDF): page numbers and the document's title as running head,
    /// in CSS paged media; the brochure's title page is a cover of its own.
    static let paged = """
    @page { size: A4; margin: 18mm 16mm 20mm;
      @top-right { content: string(doctitle); font: 8pt \(sans); color: \(muted); }
      @bottom-right { content: counter(page) " / " counter(pages); font: 8pt \(sans); color: \(muted); }
    }
    @page :first { @top-right { content: none; } }
    h1 { string-set: doctitle content(); }
    html.factsheet { font-size: 8.4pt; }
    body.brochure .title-page { height: 236mm; display: flex; flex-direction: column; justify-content: flex-end;
      padding: 20mm 14mm; break-after: page; break-inside: avoid; margin: 0; }
    body.brochure .title-page h1, body.brochure .title-page .title { font-size: 30pt; }
    body.brochure .title-page .subtitle { font-size: 14pt; }
    body.brochure .title-page.pair { flex-direction: row; align-items: flex-end; }
    p.draft { position: fixed; top: -13mm; left: 0; right: 38%; padding: 0; border: 0; background: none;
      font: 600 7.5pt/1.3 \(sans); color: #8a6a00; }

    """
}
