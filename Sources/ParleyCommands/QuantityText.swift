// SPDX-License-Identifier: GPL-3.0-or-later

/// Reads the rates and durations planners type on the command line.
///
/// Durations follow the scenario format (SPEC §3.1): a number of seconds, or `<number><unit>`
/// parts with units `d`, `h`, `m`, `s`, `ms`, each at most once and from the largest to the
/// smallest (`1h30m`, `20s`, `250ms`). Rates are `N/h`, `N/m`, `N/s`, `N/<duration>`
/// (`100/30m`) or a plain number per hour.
///
/// The scenario loader's duration parser is internal to the Scenarios module; this one keeps
/// its rules so a duration means the same on the command line and in a file.
enum QuantityText {
    /// The units from the largest to the smallest, with their length in seconds.
    static let units: [(name: String, seconds: Double)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 0.001)]

    static let durationForms = "a number of seconds or <number><unit> parts with units ms, s, m, h, d (20s, 4m, 1h30m)"
    static let rateForms = "N/h, N/m, N/s, N/<duration> such as 100/30m, or a plain number per hour"

    /// The length in seconds of a duration text, or nil if it is not one.
    static func seconds(_ text: String) -> Double? {
        if let plain = decimal(Substring(text)) { return plain }
        var rest = Substring(text)
        var total = 0.0
        var previousUnit = -1
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard let value = decimal(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            // Longest unit name first, so `ms` is not read as `m` followed by `s`.
            guard let unit = units.indices.filter({ rest.hasPrefix(units[$0].name) })
                .max(by: { units[$0].name.count < units[$1].name.count }),
                  unit > previousUnit else { return nil }
            total += value * units[unit].seconds
            previousUnit = unit
            rest = rest.dropFirst(units[unit].name.count)
        }
        return total
    }

    /// The rate per second of a rate text, or nil if it is not one.
    static func ratePerSecond(_ text: String) -> Double? {
        guard let slash = text.firstIndex(of: "/") else {
            return decimal(Substring(text)).map { $0 / 3600 }
        }
        guard let count = decimal(text[..<slash]) else { return nil }
        let per = String(text[text.index(after: slash)...])
        let period = units.first(where: { $0.name == per && $0.name != "ms" })?.seconds ?? seconds(per)
        guard let period, period > 0 else { return nil }
        return count / period
    }

    /// A plain non-negative decimal number (`12`, `12.5`), or nil.
    static func decimal(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }),
              text.filter({ $0 == "." }).count <= 1, text.first != ".", text.last != "." else { return nil }
        return Double(text)
    }
}
