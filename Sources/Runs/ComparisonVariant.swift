// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// One variant of `parley compare --variant NAME:key=value[,key=value…]`: a name and the
/// `--set` overrides that make it (SPEC §3.3).
///
/// The settings are split at the commas that start a new `key=` (a key path followed by
/// `=`), so that a value may itself hold commas: `tight:queues.q.wrap_up_reasons=[a,b],agents.t.count=9`
/// is two settings. A variant may set nothing (`as-is:`): the scenario as the file and
/// `--set` give it, usually the baseline.
package struct ComparisonVariant: Equatable, Sendable {
    /// The name the variant is reported and stored under.
    package var name: String
    /// Its overrides, in order, as `--set` takes them (`key.path=value`).
    package var settings: [String]

    package init(name: String, settings: [String]) {
        self.name = name
        self.settings = settings
    }

    /// Reads `NAME:key=value[,key=value…]`.
    ///
    /// - Throws: a message naming what is wrong, for the command line to print as a usage error.
    /// - Complexity: O(n) in the length of `text`.
    package init(parsing text: String) throws(VariantError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw VariantError("--variant '\(text)' needs the form NAME:key=value[,key=value…], "
                                   + "such as more-agents:agents.team.count=14")
        }
        let name = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ Self.nameCharacters.contains($0) }) else {
            throw VariantError("--variant '\(text)': the name before ':' must be letters, digits, '-', '_' or '.'")
        }
        let settings = Self.settings(in: text[text.index(after: colon)...])
        for setting in settings {
            guard let equals = setting.firstIndex(of: "=") else {
                throw VariantError("--variant \(name): '\(setting)' is not key.path=value")
            }
            let key = setting[..<equals].trimmingCharacters(in: .whitespaces)
            if Self.sharedKeys.contains(key) {
                throw VariantError("--variant \(name): '\(key)' is shared by every variant, which run on the same "
                                       + "replications; set it with --\(key) or --set instead")
            }
        }
        self.init(name: name, settings: settings)
    }

    /// Keys a variant cannot change: the variants of a comparison run the same seeds and replications.
    static let sharedKeys: Set<String> = ["seed", "replications"]

    /// Characters a variant's name may hold: it appears in tables, JSON and the database.
    static let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.".unicodeScalars)

    /// `a=1,b.c=[x,y],d=2` → `["a=1", "b.c=[x,y]", "d=2"]`: a comma ends a setting only
    /// when what follows it reads as a key path and `=`.
    static func settings(in text: Substring) -> [String] {
        var settings: [String] = []
        var current = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == ",", startsSetting(text[text.index(after: index)...]) {
                settings.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            index = text.index(after: index)
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty || !settings.isEmpty { settings.append(last) }
        return settings.filter { !$0.isEmpty }
    }

    /// Whether `text` begins with a key path (letters, digits, `_`, `-`, `.`) followed by `=`.
    private static func startsSetting(_ text: Substring) -> Bool {
        let trimmed = text.drop { $0 == " " }
        guard let equals = trimmed.firstIndex(of: "="), equals > trimmed.startIndex else { return false }
        return trimmed[..<equals].unicodeScalars.allSatisfy { nameCharacters.contains($0) }
    }
}

/// Why a `--variant` could not be read, in words.
package struct VariantError: Error, Equatable, CustomStringConvertible {
    package var description: String

    package init(_ description: String) {
        self.description = description
    }
}
