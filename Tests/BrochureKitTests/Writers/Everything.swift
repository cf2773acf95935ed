import BrochureDocument

/// One document that uses every node kind, every inline kind, and text that must be escaped.
enum Everything {
    static let document = Document(
        id: "everything",
        language: "pl",
        title: [.text("Wszystko & <nic>")],
        subtitle: [.place([.text("Kazachstan")]), .text(" · "), .emphasis([.text("test")])],
        blocks: [
            .section(Section(id: "inline", title: [.text("Znaczniki \"w\" tekście")], blocks: [
                .paragraph([
                    .text("Tekst <script>alert(1)</script> & \"cudzysłów\" 'apostrof' ]]> \r koniec. "),
                    .emphasis([.text("em")]), .text(" "), .strong([.text("strong")]), .text(" "),
                    .organization([.text("Związek Polaków")]), .text(" "), .place([.text("Tałdykorgan")]), .text(" "),
                    .foreign(language: "kk", [.text("Қазақстан")]), .text(" "),
                    .link(url: "https://example.org/?a=1&b=\"2\"", [.text("link")]), .text(" "),
                    .date(iso: "2018-04", [.text("kwiecień 2018")]), .text(" "),
                    .fallback(language: "pl", [.text("nieprzetłumaczone")]), .text(" "),
                    .outdated([.text("nieaktualne")]),
                ]),
                .note([.text("Uwaga: stan na 2018 r.")]),
                .section(Section(id: "nested", title: [.text("Podsekcja")], blocks: [.paragraph([.text("Akapit.")])])),
            ])),
            .section(Section(id: "structures", title: [.text("Struktury")], blocks: [
                .list(List(items: [[.text("jeden")], [.text("dwa")]])),
                .list(List(ordered: true, items: [[.text("pierwszy")]])),
                .table(Table(id: "figures", caption: [.text("Dane")], columns: [[.text("Dane")], [.text("Wartość")]],
                             rows: [TableRow(header: [.text("Powierzchnia")], cells: [[.text("224 tys. km²")]])], role: "key-figures")),
                .timeline(Timeline(id: "events", caption: [.text("Kalendarium")], events: [
                    TimelineEvent(iso: "2015", when: [.date(iso: "2015", [.text("2015")])], title: [.text("Początek")], body: [[.text("Opis.")]]),
                ])),
                .figure(Figure(id: "graphic", caption: [.text("Oś czasu")], alternative: "Oś czasu: 2 wydarzenia <&> \"cytat\"",
                               graphic: .timeline([TimePoint(iso: "2015", when: "2015", label: "Początek & <koniec>"),
                                                   TimePoint(iso: "2018-04", when: "kwiecień 2018", label: "Umowa")]))),
                .figure(Figure(id: "figures-graphic", caption: [.text("Liczby")], alternative: "Powierzchnia: 224 tys. km²",
                               graphic: .figures([Figure.Value(label: "Powierzchnia", value: "224 tys. km²")]))),
            ])),
        ]
    )
}
