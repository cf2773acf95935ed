import ArgumentParser
import Glibc

/// The everyday command lines of `build` and `validate`, read without ArgumentParser's
/// parser (DECISIONS 35).
///
/// ArgumentParser finds a command's options by reflecting on its property wrappers and
/// looking up their types by mangled name, at every start: 12.5 million instructions, about
/// 2 ms before anything else can begin (a run of `validate` on an empty folder takes 5.4 ms,
/// of which the process itself 1 ms). A command line made only of a subcommand, the options
/// below in their usual spellings and plain arguments is read here into the same command
/// values; anything else, and anything doubtful, is left to ArgumentParser (which also
/// prints every help text and every usage error). A debug build reads each command line
/// both ways and stops if the two commands differ.
enum QuickCommandLine {
    /// The command `arguments` (without the program name) ask for, or nil when ArgumentParser
    /// should read them.
    static func command(_ arguments: [String]) -> (any ParsableCommand)? {
        let command = read(arguments)
        #if DEBUG
        if let command {
            let parsed = try? Brochure.parseAsRoot(arguments)
            precondition(parsed.map { String(describing: $0) } == String(describing: command),
                         "the quick reading of \(arguments) differs from ArgumentParser's")
        }
        // The tests ask which reader read the command line.
        if getenv("BROCHURE_SAY_COMMAND_LINE_READER") != nil {
            Report.printError(command == nil ? "command line: ArgumentParser" : "command line: quick")
        }
        #endif
        return command
    }

    private static func read(_ arguments: [String]) -> (any ParsableCommand)? {
        guard let first = arguments.first else { return build([]) }
        switch first {
        case "build": return build(Array(arguments.dropFirst()))
        case "validate": return validate(Array(arguments.dropFirst()))
        default: return nil
        }
    }

    /// The options and plain arguments of one command line, as written.
    private struct Words {
        /// Options that take a value, by long name, in order; each may be given more than once.
        var values: [String: [String]] = [:]
        var flags: Set<String> = []
        var plain: [String] = []

        /// Reads `arguments`: `--name value`, `--name=value`, `-x value` for the short names
        /// given, flags, and plain words. Nil for anything else (an unknown option, `--`, a
        /// flag given twice, a value that is missing, empty or looks like an option).
        init?(_ arguments: [String], values valueNames: Set<String>, short: [String: String], flags flagNames: Set<String>) {
            var index = 0
            while index < arguments.count {
                let word = arguments[index]
                index += 1
                guard word.hasPrefix("-") else {
                    // `help` anywhere is ArgumentParser's to answer.
                    guard word != "help", !word.isEmpty else { return nil }
                    plain.append(word)
                    continue
                }
                var name: String
                var value: String?
                if word.hasPrefix("--") {
                    name = String(word.dropFirst(2))
                    if let equals = name.firstIndex(of: "=") {
                        value = String(name[name.index(after: equals)...])
                        name = String(name[..<equals])
                    }
                } else {
                    guard let long = short[word] else { return nil }
                    name = long
                }
                if flagNames.contains(name) {
                    guard value == nil, flags.insert(name).inserted else { return nil }
                    continue
                }
                guard valueNames.contains(name) else { return nil }
                if value == nil {
                    guard index < arguments.count else { return nil }
                    value = arguments[index]
                    index += 1
                }
                guard let value, !value.isEmpty, !value.hasPrefix("-") else { return nil }
                values[name, default: []].append(value)
            }
        }
    }

    private static let commonValues: Set<String> = ["project", "output", "profile"]

    /// The options every command shares, or nil when one is given more than once.
    private static func common(_ words: Words) -> CommonOptions? {
        var common = CommonOptions()
        for name in commonValues where (words.values[name]?.count ?? 0) > 1 { return nil }
        common.project = words.values["project"]?.first ?? "."
        common.output = words.values["output"]?.first
        common.profile = words.values["profile"]?.first
        return common
    }

    private static func build(_ arguments: [String]) -> Build? {
        guard let words = Words(arguments, values: commonValues.union(["locale", "format"]), short: ["-l": "locale", "-f": "format"],
                                flags: ["allow-incomplete"]),
              let common = common(words) else { return nil }
        var formats: [FormatOption] = []
        for written in words.values["format"] ?? [] {
            guard let format = FormatOption(argument: written) else { return nil }
            formats.append(format)
        }
        var command = Build()
        command.documents = words.plain
        command.locale = words.values["locale"] ?? []
        command.format = formats
        command.allowIncomplete = words.flags.contains("allow-incomplete")
        command.common = common
        return (try? command.validate()) == nil ? nil : command
    }

    private static func validate(_ arguments: [String]) -> Validate? {
        guard let words = Words(arguments, values: commonValues.union(["locale", "format", "accept"]), short: ["-l": "locale"],
                                flags: ["strict", "report", "all"]),
              let common = common(words) else { return nil }
        for name in ["format", "accept"] where (words.values[name]?.count ?? 0) > 1 { return nil }
        var format = ReportFormatOption.text
        if let written = words.values["format"]?.first {
            guard let known = ReportFormatOption(argument: written) else { return nil }
            format = known
        }
        var command = Validate()
        command.locale = words.values["locale"] ?? []
        command.format = format
        command.strict = words.flags.contains("strict")
        command.report = words.flags.contains("report")
        command.accept = words.values["accept"]?.first
        command.all = words.flags.contains("all")
        command.keys = words.plain
        command.common = common
        return (try? command.validate()) == nil ? nil : command
    }
}
