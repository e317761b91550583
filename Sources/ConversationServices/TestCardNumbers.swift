// SPDX-License-Identifier: GPL-3.0-or-later

/// The industry test card numbers, written the ways customers write them, for the simulator (SPEC §2.7).
///
/// Draws come from the caller's uniform source in [0, 1) — the simulator passes its customer
/// stream — and each function consumes a fixed number of draws, so a chat's other draws never
/// shift with the format picked.
public enum TestCardNumbers {
    /// Visa, Mastercard, Visa, American Express, Discover: all Luhn-valid, none a real account.
    public static let digits = ["4111111111111111", "5555555555554444", "4012888888881881",
                                "378282246310005", "6011111111111117"]

    /// How a number is written.
    public enum Format: Sendable, CaseIterable {
        /// `4111111111111111`
        case plain
        /// `4111 1111 1111 1111`, American Express `3782 822463 10005`
        case spaced
        /// `4111-1111-1111-1111`, `3782-822463-10005`
        case dashed
    }

    /// Sentences a number is sent in; `#` stands for the number.
    public static let sentences = ["Meine Kartennummer ist # und läuft 12/27 ab.",
                                   "Here is my card: #",
                                   "#",
                                   "Bitte buchen Sie von # ab, danke!",
                                   "La mia carta è # (scadenza 03/28)."]

    /// `digits` written in `format`: groups of four, or 4-6-5 for 15-digit (American Express) numbers.
    public static func write(_ digits: String, as format: Format) -> String {
        let separator: String
        switch format {
        case .plain: return digits
        case .spaced: separator = " "
        case .dashed: separator = "-"
        }
        let lengths = digits.count == 15 ? [4, 6, 5] : Array(repeating: 4, count: (digits.count + 3) / 4)
        var groups: [Substring] = []
        var rest = Substring(digits)
        for length in lengths where !rest.isEmpty {
            groups.append(rest.prefix(length))
            rest = rest.dropFirst(length)
        }
        return groups.joined(separator: separator)
    }

    /// A test number in a drawn format; consumes exactly two draws (number, format).
    public static func sample(_ uniform: () -> Double) -> String {
        let number = pick(digits, uniform())
        return write(number, as: pick(Format.allCases, uniform()))
    }

    /// A message carrying a test number; consumes exactly three draws (number, format, sentence).
    public static func sampleMessage(_ uniform: () -> Double) -> String {
        let number = sample(uniform)
        let sentence = pick(sentences, uniform())
        return sentence.split(separator: "#", omittingEmptySubsequences: false).joined(separator: number)
    }

    /// The element a uniform draw in [0, 1) falls on; a draw of 1 (some sources allow it) takes the last.
    private static func pick<T>(_ items: [T], _ u: Double) -> T {
        items[min(max(Int(u * Double(items.count)), 0), items.count - 1)]
    }
}
