#!/usr/bin/env python3
"""Writes the peers' version of the synthetic workload of generate.py, for peers.sh.

    python3 Benchmarks/peers.py N FOLDER

FOLDER/docbook/source.pl.xml   a DocBook 5 article with the N Polish paragraphs (one section per 100)
FOLDER/po/{en,kk}.po           gettext catalogues for itstool (msgid = the Polish paragraph)
FOLDER/po/source.pot           their template (the msgids alone), for msgcmp
FOLDER/hugo/                   a Hugo site in pl, en and kk whose one page renders the N messages
                               from i18n/{pl,en,kk}.json
The sentences are those of generate.py with their arguments filled in, since none of the
peers formats numbers or dates from a model.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import generate  # noqa: E402

FILLED = {
    "pl": ["Współpraca z Obwodem Ałmatyńskim obejmuje 17 projektów w dziedzinie {topic}.",
           "W 2015 r. przedstawiciele {org} odwiedzili Tałdykorgan, aby rozmawiać o {topic}.",
           "Region liczy 1,9 mln mieszkańców i zajmuje 224 tys. km².",
           "17 firm wyraziło zainteresowanie wspólnymi przedsięwzięciami.",
           "Umowa o współpracy z kwietnia 2018 r. obejmuje promocję, edukację i zdrowie."],
    "en": ["Cooperation with Almaty Region covers 17 projects in {topic}.",
           "In 2015, representatives of {org} visited Taldykorgan to discuss {topic}.",
           "The region has 1.9 million inhabitants and covers 224,000 km².",
           "17 companies have expressed interest in joint ventures.",
           "The cooperation agreement of April 2018 covers promotion, education and health."],
    "kk": ["Алматы облысымен ынтымақтастық {topic} саласындағы 17 жобаны қамтиды.",
           "2015 жылы {org} өкілдері {topic} мәселесін талқылау үшін Талдықорған қаласына барды.",
           "Өңірде 1,9 миллион адам тұрады, аумағы 224 мың км².",
           "17 компания бірлескен жобаларға қызығушылық білдірді.",
           "2018 ж. сәуір айындағы ынтымақтастық туралы келісім насихатты, білім беруді және денсаулық сақтауды қамтиды."],
}


def sentence(language, i):
    """The i-th paragraph; numbered, so that every gettext msgid is unique as in a real text."""
    index = ["pl", "en", "kk"].index(language)
    return f"{i + 1}. " + generate.fill(FILLED[language][i % 5], i, index)


def po_escape(text):
    return text.replace("\\", "\\\\").replace('"', '\\"')


def msgids(n):
    """The catalogues' msgids in order: the title, a title per section, the paragraphs."""
    seen = ["Obwód"]
    for s in range(0, n, 100):
        seen.append(f"Dane {s // 100 + 1}")
    seen += [sentence("pl", i) for i in range(n)]
    return list(dict.fromkeys(seen))


def main():
    n = int(sys.argv[1])
    root = sys.argv[2]
    for folder in ("docbook", "po", "hugo/i18n", "hugo/layouts", "hugo/content", "hugo/data"):
        os.makedirs(os.path.join(root, folder), exist_ok=True)
    with open(os.path.join(root, "docbook", "source.pl.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<article xmlns="http://docbook.org/ns/docbook" version="5.0" xml:lang="pl">\n')
        f.write("<info><title>Obwód</title></info>\n")
        for s in range(0, n, 100):
            f.write(f'<section xml:id="s{s}"><title>Dane {s // 100 + 1}</title>\n')
            for i in range(s, min(n, s + 100)):
                f.write(f"<para>{sentence('pl', i)}</para>\n")
            f.write("</section>\n")
        f.write("</article>\n")
    # The template: every msgid of the catalogues, in their order, without a translation.
    with open(os.path.join(root, "po", "source.pot"), "w") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for msgid in msgids(n):
            f.write(f'msgid "{po_escape(msgid)}"\nmsgstr ""\n\n')
    for language in ("en", "kk"):
        with open(os.path.join(root, "po", f"{language}.po"), "w") as f:
            f.write(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {language}\\n"\n\n')
            f.write(f'msgid "Obwód"\nmsgstr "{ {"en": "Region", "kk": "Облыс"}[language] }"\n\n')
            seen = {"Obwód"}
            for s in range(0, n, 100):
                title = f"Dane {s // 100 + 1}"
                if title not in seen:
                    seen.add(title)
                    f.write(f'msgid "{title}"\nmsgstr "{ {"en": "Data", "kk": "Деректер"}[language] } {s // 100 + 1}"\n\n')
            for i in range(n):
                source = sentence("pl", i)
                if source in seen:
                    continue
                seen.add(source)
                f.write(f'msgid "{po_escape(source)}"\nmsgstr "{po_escape(sentence(language, i))}"\n\n')
    hugo = os.path.join(root, "hugo")
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.org/"\ndefaultContentLanguage = "pl"\ndefaultContentLanguageInSubdir = true\n')
        f.write('disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n')
        f.write(f'[params]\n  count = {n}\n')
        f.write('[languages]\n  [languages.pl]\n    weight = 1\n  [languages.en]\n    weight = 2\n  [languages.kk]\n    weight = 3\n')
    for language in ("pl", "en", "kk"):
        with open(os.path.join(hugo, "i18n", f"{language}.json"), "w") as f:
            json.dump({f"m{i}": sentence(language, i) for i in range(n)}, f, ensure_ascii=False)
        with open(os.path.join(hugo, "content", f"_index.{language}.md"), "w") as f:
            f.write("---\ntitle: Brochure\n---\n")
    # The keys in order, as data (Hugo's seq stops at 2,000 items).
    with open(os.path.join(hugo, "data", "keys.json"), "w") as f:
        json.dump([f"m{i}" for i in range(n)], f)
    with open(os.path.join(hugo, "layouts", "index.html"), "w") as f:
        f.write('<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><body>\n'
                '{{ range .Site.Data.keys }}<p>{{ i18n . }}</p>\n{{ end }}</body></html>\n')


if __name__ == "__main__":
    main()
