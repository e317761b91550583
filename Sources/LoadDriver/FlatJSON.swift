// SPDX-License-Identifier: GPL-3.0-or-later

/// The top-level scalar fields of a JSON object, read in one pass over its UTF-8 bytes: what the
/// driver needs of the service's replies and events (`type`, `chat`, `at`, `status`, `id`, `token`).
///
/// The driver reads four WebSocket events and a create reply per chat; Foundation's
/// `JSONSerialization` built a dictionary of bridged objects for each. This reader keeps string
/// and number fields (strings decoded, escapes included) and skips nested arrays and objects. A
/// text that is not a JSON object gives nil. (Measured: the driver's CPU per lifecycle did not
/// change beyond the noise of a loaded machine; the HTTP client dominates it, see the README.)
struct FlatJSON {
    /// A field's value: a string, or a number's text.
    enum Value: Equatable {
        case string(String)
        case number(Substring)
        case other
    }

    private(set) var fields: [(key: String, value: Value)] = []

    subscript(_ key: String) -> Value? { fields.first { $0.key == key }?.value }

    /// A string field.
    func string(_ key: String) -> String? {
        if case .string(let text)? = self[key] { return text }
        return nil
    }

    /// An integer field.
    func int64(_ key: String) -> Int64? {
        if case .number(let text)? = self[key] { return Int64(text) ?? Double(text).map { Int64($0) } }
        return nil
    }

    init?(_ text: String) {
        var text = text
        let parsed: [(String, Value)]? = text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.object()
        }
        guard let parsed else { return nil }
        fields = parsed.map { (key: $0.0, value: $0.1) }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func object() -> [(String, Value)]? {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            var fields: [(String, Value)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { return fields }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipSpace()
                guard i < bytes.count else { return nil }
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard let value = string() else { return nil }
                    fields.append((key, .string(value)))
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let start = i
                    while i < bytes.count, Self.isNumberByte(bytes[i]) { i += 1 }
                    fields.append((key, .number(Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))))
                default:
                    guard skipValue() else { return nil }
                    fields.append((key, .other))
                }
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                return bytes[i] == UInt8(ascii: "}") ? fields : nil
            }
        }

        static func isNumberByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }

        /// A string at `i` (which holds its opening quote), decoded.
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                defer { i += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            // An escape: decode the rest byte by byte.
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self).unicodeScalars)
            var utf8: [UInt8] = []
            func flush() {
                if !utf8.isEmpty { scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars); utf8 = [] }
            }
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    flush()
                    return String(scalars)
                }
                guard byte == UInt8(ascii: "\\") else { utf8.append(byte); i += 1; continue }
                flush()
                guard i + 1 < bytes.count else { return nil }
                let escaped = bytes[i + 1]
                i += 2
                switch escaped {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "u"):
                    guard var unit = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(unit), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(unit) else { return nil }
                    scalars.append(scalar)
                default: return nil
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[i]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                i += 1
            }
            return value
        }

        /// Skips a nested array or object, or a literal, at `i`.
        mutating func skipValue() -> Bool {
            var depth = 0
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                    if depth == 0 { return true }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return true }
                    depth -= 1
                    if depth == 0 { i += 1; return true }
                case UInt8(ascii: ","):
                    if depth == 0 { return true }
                default:
                    break
                }
                i += 1
            }
            return false
        }
    }
}

/// The service's reply to `POST /v1/chats`: the chat's id and token, and whether it got the offline form.
struct CreatedChat {
    let id: String
    let token: String
    let offline: Bool

    init?(_ text: String) {
        guard let fields = FlatJSON(text), let id = fields.string("id"), let token = fields.string("token") else { return nil }
        self.id = id
        self.token = token
        offline = fields.string("state") == "offline_form"
    }
}
