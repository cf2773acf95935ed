#!/usr/bin/env python3
"""Writes a synthetic Brochure project with N messages in pl, en and kk.

    python3 Benchmarks/generate.py N FOLDER

Sentences are realistic (Polish, English, Kazakh in Cyrillic), with inline markup, numbers
and dates bound to profile facts, plurals and grammatical cases; one template section per
100 messages. The translations carry no fingerprints yet: the benchmark accepts them once
(`brochure validate --accept LANG --all`), as a translator would.
"""
import os
import random
import sys

PL = [
    "Współpraca z <place>{region, name, instrumental}</place> obejmuje {n} projektów w dziedzinie {topic}.",
    "W {year} r. przedstawiciele <org>{org}</org> odwiedzili <place>{city, name, accusative}</place>, aby rozmawiać o {topic}.",
    "Region liczy {population, number, ::compact-short} mieszkańców i zajmuje {area, number, ::compact-short}.",
    "{n, plural, one {# firma wyraziła} few {# firmy wyraziły} many {# firm wyraziło} other {# firmy wyraziło}} zainteresowanie <em>wspólnymi przedsięwzięciami</em>.",
    "Umowa o współpracy z {agreement, date, MMMM y} r. obejmuje promocję, edukację i zdrowie.",
]
EN = [
    "Cooperation with <place>{region}</place> covers {n} projects in {topic}.",
    "In {year}, representatives of <org>{org}</org> visited <place>{city}</place> to discuss {topic}.",
    "The region has {population, number, ::compact-long} inhabitants and covers {area}.",
    "{n, plural, one {# company has} other {# companies have}} expressed interest in <em>joint ventures</em>.",
    "The cooperation agreement of {agreement, date, MMMM y} covers promotion, education and health.",
]
KK = [
    "<place>{region}</place> облысымен ынтымақтастық {topic} саласындағы {n} жобаны қамтиды.",
    "{year} жылы <org>{org}</org> өкілдері {topic} мәселесін талқылау үшін <place>{city}</place> қаласына барды.",
    "Өңірде {population, number, ::compact-long} адам тұрады, аумағы {area, number, ::compact-long}.",
    "{n, plural, one {# компания} other {# компания}} <em>бірлескен жобаларға</em> қызығушылық білдірді.",
    "{agreement, date, ::yMMMM} айындағы ынтымақтастық туралы келісім насихатты, білім беруді және денсаулық сақтауды қамтиды.",
]
TOPICS = [("zdrowia", "health", "денсаулық"), ("edukacji", "education", "білім"), ("przemysłu", "industry", "өнеркәсіп"),
          ("kultury", "culture", "мәдениет"), ("rolnictwa", "agriculture", "ауыл шаруашылығы")]
ORGS = [("Lubelskiego Klubu Biznesu", "the Lublin Business Club", "Лублин бизнес клубының"),
        ("Wyższej Szkoły Ekonomii i Innowacji", "WSEI", "Экономика және инновациялар жоғары мектебінің")]


def fill(template, i, lang):
    topic = TOPICS[i % len(TOPICS)][lang]
    org = ORGS[i % len(ORGS)][lang]
    return (template.replace("{topic}", topic).replace("{org}", org)
            .replace("{n}", "{n}").replace("{year}", "{year}").replace("{region}", "{region}"))


def main():
    n = int(sys.argv[1])
    root = sys.argv[2]
    for folder in ("Profiles", "Templates", "Locales"):
        os.makedirs(os.path.join(root, folder), exist_ok=True)
    with open(os.path.join(root, "Profiles", "synthetic.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<profile xmlns="urn:brochure:profile:1" id="synthetic" as-of="2018">\n')
        f.write('  <quantity id="area" value="224000" unit="area-square-kilometer" approximate="true"/>\n')
        f.write('  <quantity id="population" value="1900000" approximate="true"/>\n')
        f.write('  <quantity id="n" value="17"/>\n  <date id="year" value="2015"/>\n  <date id="agreement" value="2018-04"/>\n')
        f.write('  <name id="region" term="region"/>\n  <name id="city" term="city"/>\n</profile>\n')
    with open(os.path.join(root, "Templates", "synthetic.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<template xmlns="urn:brochure:template:1" id="synthetic">\n')
        f.write('  <title msg="title"/>\n')
        for s in range(0, n, 100):
            f.write(f'  <section id="s{s}" title="title">\n')
            for i in range(s, min(n, s + 100)):
                f.write(f'    <p msg="m{i}"/>\n')
            f.write('  </section>\n')
        f.write('</template>\n')
    terms = {
        "pl": ('{case, select, accusative {Tałdykorgan} instrumental {Obwodem Ałmatyńskim} other {Obwód Ałmatyński}}',
               '{case, select, accusative {Tałdykorgan} other {Tałdykorgan}}'),
        "en": ("Almaty Region", "Taldykorgan"),
        "kk": ("Алматы", "Талдықорған"),
    }
    for lang, sentences, index in (("pl", PL, 0), ("en", EN, 1), ("kk", KK, 2)):
        with open(os.path.join(root, "Locales", f"{lang}.xml"), "w") as f:
            source = '' if lang == "pl" else ' source-lang="pl"'
            f.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<locale xmlns="urn:brochure:locale:1" xml:lang="{lang}"{source}>\n')
            f.write(f'  <term key="region">{terms[lang][0]}</term>\n  <term key="city">{terms[lang][1]}</term>\n')
            f.write(f'  <message key="title">{["Obwód", "Region", "Облыс"][index]}</message>\n')
            for i in range(n):
                f.write(f'  <message key="m{i}">{fill(sentences[i % len(sentences)], i, index)}</message>\n')
            f.write('</locale>\n')


if __name__ == "__main__":
    main()
