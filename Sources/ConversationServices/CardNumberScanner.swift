// SPDX-License-Identifier: GPL-3.0-or-later

/// Where a payment-card number stands in a text — never the number itself.
///
/// Holds the position, the digit count and the last four digits (what a redacted text shows
/// anyway), so printing or logging a match cannot leak a card number (SPEC §2.7).
public struct CardNumberMatch: Sendable, Equatable, CustomStringConvertible {
    /// The number's bytes in the text's UTF-8 encoding, separators included.
    public let utf8Range: Range<Int>
    /// How many digits the number has (13 … 19).
    public let digitCount: Int
    /// The last four digits, which redaction keeps.
    public let lastFour: String

    public var description: String {
        "card number of \(digitCount) digits ending \(lastFour) at UTF-8 offset \(utf8Range.lowerBound)"
    }
}

/// Finds payment-card numbers in free text (SPEC §2.7).
///
/// A card number is 13 to 19 ASCII digits, in groups joined by single spaces or dashes
/// (`4111 1111 1111 1111`, `3782-822463-10005`, `4111111111111111`), that passes the Luhn check
/// and stands alone. Not cards:
/// - a number directly after `+` (an international phone number: `+49 1511 2345678 90`);
/// - digits inside a URL (from `http://`, `https://` or `www.` to the next white space);
/// - a number joined to letters or `_` (`INV4111111111111111`), or with a decimal part
///   (`1.4111…`, `…1111,50`): part of an identifier or an amount;
/// - a longer run: the groups are taken as a whole, so a 20-digit reference is not a card, and
///   neither is a Luhn-valid 16-digit stretch inside it. The price: a card glued to another
///   number by a single space or dash (`4111 1111 1111 1111 123`) is one 19+-digit run, found
///   only if that whole run passes; written with a word or punctuation between, it is found.
///
/// Works on UTF-8 bytes; digits other than ASCII `0`–`9` are not read as digits.
public enum CardNumberScanner {
    /// The card numbers in `text`, in order.
    ///
    /// - Complexity: O(n) in the text's UTF-8 length.
    public static func matches(in text: String) -> [CardNumberMatch] {
        let bytes = Array(text.utf8)
        let inURL = urlMask(bytes)
        var result: [CardNumberMatch] = []
        var i = 0
        while i < bytes.count {
            guard isDigit(bytes[i]), !inURL[i] else { i += 1; continue }
            let start = i
            var digits: [UInt8] = []
            var end = i
            // A run: digit groups joined by one space or dash each.
            while true {
                while end < bytes.count, isDigit(bytes[end]), !inURL[end] { digits.append(bytes[end]); end += 1 }
                guard end + 1 < bytes.count, bytes[end] == space || bytes[end] == dash,
                      isDigit(bytes[end + 1]), !inURL[end + 1] else { break }
                end += 1
            }
            i = end
            guard (13...19).contains(digits.count), standsAlone(bytes, start, end), passesLuhn(digits) else { continue }
            result.append(CardNumberMatch(utf8Range: start..<end, digitCount: digits.count,
                                          lastFour: String(decoding: digits.suffix(4), as: UTF8.self)))
        }
        return result
    }

    /// Whether the digits pass the Luhn (mod 10) check (Luhn 1960, ISO/IEC 7812-1).
    public static func passesLuhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (position, byte) in digits.reversed().enumerated() {
            var d = Int(byte - zero)
            if position % 2 == 1 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return sum % 10 == 0
    }

    /// Whether the run `start ..< end` is a number of its own: not a phone number, not part of a word or a decimal.
    private static func standsAlone(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        if start > 0 {
            let before = bytes[start - 1]
            if before == plus || isWordByte(before) { return false }
            if (before == dot || before == comma), start > 1, isDigit(bytes[start - 2]) { return false }
        }
        if end < bytes.count {
            let after = bytes[end]
            if isWordByte(after) { return false }
            if (after == dot || after == comma), end + 1 < bytes.count, isDigit(bytes[end + 1]) { return false }
        }
        return true
    }

    /// For each byte, whether it belongs to a URL: from `http://`, `https://` or `www.` (at the
    /// start of the text or after a byte that is not a letter or digit) to the next white space.
    private static func urlMask(_ bytes: [UInt8]) -> [Bool] {
        var mask = Array(repeating: false, count: bytes.count)
        var i = 0
        while i < bytes.count {
            let boundary = i == 0 || !isWordByte(bytes[i - 1])
            if boundary, urlPrefixes.contains(where: { hasPrefix(bytes, at: i, $0) }) {
                while i < bytes.count, !isWhitespace(bytes[i]) { mask[i] = true; i += 1 }
            } else {
                i += 1
            }
        }
        return mask
    }

    private static let urlPrefixes: [[UInt8]] = ["http://", "https://", "www."].map { Array($0.utf8) }

    /// Whether `prefix` (lowercase ASCII) starts at `i`, ignoring ASCII case.
    private static func hasPrefix(_ bytes: [UInt8], at i: Int, _ prefix: [UInt8]) -> Bool {
        guard i + prefix.count <= bytes.count else { return false }
        for (k, p) in prefix.enumerated() where lowercase(bytes[i + k]) != p { return false }
        return true
    }

    private static let zero = UInt8(ascii: "0"), space = UInt8(ascii: " "), dash = UInt8(ascii: "-")
    private static let plus = UInt8(ascii: "+"), dot = UInt8(ascii: "."), comma = UInt8(ascii: ",")

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= zero + 9 }

    /// ASCII letters, digits and `_`. Non-ASCII characters count as boundaries: a no-break space,
    /// `…` or `€` next to a card number must not hide it.
    @inline(__always) private static func isWordByte(_ b: UInt8) -> Bool {
        isDigit(b) || (lowercase(b) >= UInt8(ascii: "a") && lowercase(b) <= UInt8(ascii: "z")) || b == UInt8(ascii: "_")
    }

    @inline(__always) private static func isWhitespace(_ b: UInt8) -> Bool {
        b == space || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
    }

    @inline(__always) private static func lowercase(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
    }
}
