import Foundation
import Testing

/// Every fact and statement of the Polish source text (shared/seeds/000_07bd65875c9a76c3.txt)
/// must reach the brochure in every language. Each row is one statement of the source and the
/// words that carry it in pl, en and kk (no-break spaces are compared as spaces).
@Suite struct SourceCoverageTests {
    struct Statement: Sendable, CustomStringConvertible {
        var what: String
        var pl: [String]
        var en: [String]
        var kk: [String]
        var description: String { what }
    }

    static let statements: [Statement] = [
        .init(what: "area 224 thousand km²", pl: ["224 tys. km²"], en: ["224,000 km²"], kk: ["224 мың км²"]),
        .init(what: "population about 1.9 million", pl: ["ok. 1,9 mln"], en: ["about 1.9 million"], kk: ["1,9 миллион"]),
        .init(what: "capital Taldykorgan", pl: ["Stolica", "Tałdykorgan"], en: ["Capital", "Taldykorgan"], kk: ["Талдықорған"]),
        .init(what: "largest state of Central Asia", pl: ["największe państwo Azji Środkowej"], en: ["largest country in Central Asia"], kk: ["Орталық Азиядағы ең ірі мемлекет"]),
        .init(what: "rich in raw materials", pl: ["bogate w liczne surowce"], en: ["natural resources"], kk: ["шикізат"]),
        .init(what: "one of the most attractive countries", pl: ["najbardziej atrakcyjnych krajów"], en: ["most attractive countries"], kk: ["ең тартымды"]),
        .init(what: "used its economic potential thanks to reforms", pl: ["potencjał gospodarczy", "polityce reform"], en: ["economic potential", "reform policy"], kk: ["экономикалық әлеуетін", "реформалар"]),
        .init(what: "Ministry of Development chose it among five markets", pl: ["Ministerstwo Rozwoju RP", "jeden z pięciu perspektywicznych"], en: ["Ministry of Development", "one of five"], kk: ["Даму министрлігі", "бес перспективалы"]),
        .init(what: "Lubelskie: a future direction", pl: ["Województwo Lubelskie uwzględniło", "przyszłościowy kierunek"], en: ["Lubelskie Voivodeship", "forward-looking direction"], kk: ["Лублин воеводствосы", "болашағы зор бағыты"]),
        .init(what: "south-east of Kazakhstan", pl: ["na południowym wschodzie Kazachstanu"], en: ["south-east of Kazakhstan"], kk: ["оңтүстік-шығысында"]),
        .init(what: "borders Kyrgyzstan and China", pl: ["Kirgistanem", "Chinami"], en: ["Kyrgyzstan", "China"], kk: ["Қырғызстанмен", "Қытаймен"]),
        .init(what: "almost 2 million inhabitants", pl: ["prawie 2 miliony osób"], en: ["almost 2 million people"], kk: ["2 миллион адамға жуық"]),
        .init(what: "Almaty is a separate administrative unit", pl: ["Ałmaty", "odrębną jednostkę administracyjną"], en: ["separate administrative unit"], kk: ["жеке әкімшілік бірлік"]),
        .init(what: "first contacts in 2015", pl: ["zainicjowane w 2015 r."], en: ["initiated in 2015"], kk: ["2015 жылы"]),
        .init(what: "food, construction, herbal firms", pl: ["spożywczą", "budowlaną", "zielarską"], en: ["food", "construction", "herbal"], kk: ["азық-түлік", "құрылыс", "дәрілік өсімдіктер"]),
        .init(what: "machinery makers, dairy cooperatives, Lublin Business Club", pl: ["producenci maszyn i urządzeń", "spółdzielni mleczarskich", "Lubelskiego Klubu Biznesu"], en: ["machinery and equipment", "dairy cooperatives", "Lublin Business Club"], kk: ["машиналар мен жабдықтар", "сүт кооперативтерінің", "Лублин бизнес клубының"]),
        .init(what: "Expo 2017 in Astana", pl: ["Międzynarodowej Wystawie Expo 2017", "Astanie"], en: ["Expo 2017", "Astana"], kk: ["Экспо-2017", "Астанада"]),
        .init(what: "Polish–Kazakh Economic Forum", pl: ["Polsko-Kazachstańskie Forum Gospodarcze"], en: ["Polish–Kazakh Economic Forum"], kk: ["Поляк-қазақстан экономикалық форумы"]),
        .init(what: "National Day of Poland with President Duda", pl: ["Narodowy Dzień Polski", "Andrzeja Dudy"], en: ["National Day", "Andrzej Duda"], kk: ["ұлттық күні", "Анджей Дуда"]),
        .init(what: "aim: promotion of the Polish economy", pl: ["promocja polskiej gospodarki"], en: ["promote the Polish economy"], kk: ["Польша экономикасын насихаттау"]),
        .init(what: "cooperation agreement of April 2018", pl: ["Umowy o współpracy z kwietnia 2018 r."], en: ["April 2018"], kk: ["2018 ж. сәуір"]),
        .init(what: "contacts in promotion, education and health", pl: ["promocji", "edukacji", "zdrowia"], en: ["promotion", "education", "health"], kk: ["насихат", "білім беру", "денсаулық сақтау"]),
        .init(what: "hospitals in Biała Podlaska and Taldykorgan, 2018 agreement", pl: ["Wojewódzkim Szpitalem Specjalistycznym w Białej Podlaskiej", "Miejskim Szpitalem Multidyscyplinarnym w Tałdykorganie", "w 2018 r. placówki podpisały"], en: ["Biała Podlaska", "City Multidisciplinary Hospital in Taldykorgan", "2018"], kk: ["Бяла-Подляскидегі", "Талдықорған қалалық көпбейінді ауруханасы"]),
        .init(what: "Kazakh nursing students at WSEI funded by the ESF", pl: ["młodych Kazachów – studentów", "pielęgniarskim", "Wyższej Szkole Ekonomii i Innowacji w Lublinie", "EFS"], en: ["nursing", "University of Economics and Innovation in Lublin", "European Social Fund"], kk: ["мейіргер ісі", "Экономика және инновациялар жоғары мектебінің", "Еуропалық әлеуметтік қор"]),
        .init(what: "joint scientific, cultural, health, economic projects", pl: ["naukowych", "kulturalnych", "gospodarczych", "ochrony zdrowia"], en: ["scientific", "cultural", "economic", "healthcare"], kk: ["ғылыми", "мәдени", "экономикалық", "денсаулық сақтау"]),
        .init(what: "sectors: machinery, dairy, fruit-vegetable, pharma, furniture", pl: ["przemysł maszynowy", "przetwórstwo mleczne", "przetwórstwo owocowo-warzywne", "przemysł farmaceutyczny", "przemysł meblarski"], en: ["mechanical engineering", "dairy processing", "fruit and vegetable processing", "pharmaceutical", "furniture"], kk: ["машина жасау", "сүт өңдеу", "жеміс-көкөніс өңдеу", "фармацевтика", "жиһаз"]),
        .init(what: "large, active Polish community in the Union of Poles and other bodies", pl: ["liczna i aktywna Polonia", "Związku Polaków w Kazachstanie", "kilku innych organizacjach"], en: ["large and active Polish community", "Union of Poles in Kazakhstan", "several other organisations"], kk: ["белсенді поляк диаспорасы", "поляктар одағына", "тағы бірнеше ұйымға"]),
        .init(what: "Polish Culture Centre Więź in the region and in Almaty", pl: ["Centrum Kultury Polskiej „Więź”", "oraz w Ałmaty"], en: ["Polish Culture Centre “Więź”", "and in Almaty"], kk: ["Więź", "Алматы қаласында"]),
        .init(what: "as of 2018, and the 2022 reform", pl: ["stanu na 2018 r.", "2022", "Konajew"], en: ["as of 2018", "2022", "Konaev"], kk: ["2018 жылғы", "2022", "Қонаев"]),
    ]

    static func text(of language: String) throws -> String {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.brochure(["build", "brochure", "--locale", language, "--format", "docbook"], in: project)
        guard run.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        let xml = try String(contentsOfFile: (project as NSString).appendingPathComponent("Output/brochure.\(language).xml"), encoding: .utf8)
        let root = try TestSupport.parse(xml)
        return WriterTests.allText(root).replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    }

    @Test(arguments: ["pl", "en", "kk"])
    func everyStatementReachesTheBrochure(language: String) throws {
        let text = try Self.text(of: language)
        for statement in Self.statements {
            let words = language == "pl" ? statement.pl : language == "en" ? statement.en : statement.kk
            for word in words {
                #expect(text.contains(word), "\(language): “\(statement.what)” lacks “\(word)”")
            }
        }
    }
}
