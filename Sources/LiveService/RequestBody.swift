// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A request's JSON object, read strictly: every field must be known, of the right type.
///
/// A refusal is a ``LiveError`` 400 naming the field's path (`reasons[1]`), so a client sees
/// exactly which part of its request is wrong. An empty body reads as an empty object.
///
/// The bodies clients send (a flat object of plain strings, arrays of them and nulls, every field
/// known) are read by a small scanner of their bytes; anything else — escapes, non-ASCII text,
/// numbers, nesting, a repeated or unknown field, malformed text — goes to `JSONSerialization`,
/// which decides and words every refusal as before. The scanner accepts only documents that
/// `JSONSerialization` reads to the same fields.
struct RequestBody {
    /// A field's value as the scanner read it.
    enum Value: Equatable {
        case string(String)
        case strings([String])
        case null
    }

    private enum Fields {
        case scanned([(key: String, value: Value)])
        case parsed([String: Any])
    }

    private let fields: Fields

    /// Parses `bytes` as a JSON object whose keys are all in `allowed` (`scanning` false: through
    /// `JSONSerialization` only, as tests compare).
    init(_ bytes: UnsafeRawBufferPointer, allowed: [String], scanning: Bool = true) throws(LiveError) {
        if scanning, let scanned = Self.scan(bytes, allowed: allowed) {
            fields = .scanned(scanned)
            return
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            fields = .scanned([])
            return
        }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: []) } catch {
            throw .malformedJSON("the request body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw .badField("$", "the request body must be a JSON object") }
        // Sorted so that, of several unknown fields, the same one is named every time.
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) { throw .unknownField(unknown) }
        fields = .parsed(object)
    }

    /// The field `key` as read (nil: absent or null).
    private func value(_ key: String) -> Any? {
        switch fields {
        case .scanned(let pairs):
            guard let pair = pairs.first(where: { $0.key == key }) else { return nil }
            switch pair.value {
            case .string(let text): return text
            case .strings(let items): return items
            case .null: return nil
            }
        case .parsed(let object):
            guard let value = object[key], !(value is NSNull) else { return nil }
            return value
        }
    }

    /// A required string field.
    func string(_ key: String) throws(LiveError) -> String {
        guard let value = try optionalString(key) else { throw .badField(key, "required") }
        return value
    }

    /// An optional string field; null counts as absent.
    func optionalString(_ key: String) throws(LiveError) -> String? {
        if case .scanned(let pairs) = fields {
            switch pairs.first(where: { $0.key == key })?.value {
            case .string(let text)?: return text
            case nil, .null?: return nil
            case .strings?: throw .badField(key, "must be a string")
            }
        }
        guard let value = value(key) else { return nil }
        guard let text = value as? String else { throw .badField(key, "must be a string") }
        return text
    }

    /// An optional array of strings; absent is empty.
    func strings(_ key: String) throws(LiveError) -> [String] {
        if case .scanned(let pairs) = fields {
            switch pairs.first(where: { $0.key == key })?.value {
            case .strings(let items)?: return items
            case nil, .null?: return []
            case .string?: throw .badField(key, "must be an array of strings")
            }
        }
        guard let value = value(key) else { return [] }
        guard let items = value as? [Any] else { throw .badField(key, "must be an array of strings") }
        var result: [String] = []
        for (i, item) in items.enumerated() {
            guard let text = item as? String else { throw .badField("\(key)[\(i)]", "must be a string") }
            result.append(text)
        }
        return result
    }

    /// One of the names in `choices` (an enum field).
    func choice<T>(_ key: String, _ choices: [(String, T)], default fallback: T? = nil) throws(LiveError) -> T {
        guard let text = try optionalString(key) else {
            if let fallback { return fallback }
            throw .badField(key, "required")
        }
        guard let match = choices.first(where: { $0.0 == text }) else {
            throw .badField(key, "must be one of \(choices.map(\.0).joined(separator: ", "))")
        }
        return match.1
    }

    // MARK: The scanner

    /// The fields of a flat object of plain strings, arrays of plain strings and nulls, each key
    /// in `allowed` and none repeated; nil for any other document (valid or not).
    ///
    /// A plain string is printable ASCII without a backslash, so its text is its bytes.
    static func scan(_ bytes: UnsafeRawBufferPointer, allowed: [String]) -> [(key: String, value: Value)]? {
        var scanner = Scanner(bytes: bytes)
        scanner.skipSpace()
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        var pairs: [(key: String, value: Value)] = []
        scanner.skipSpace()
        if !scanner.take(UInt8(ascii: "}")) {
            while true {
                guard let key = scanner.plainString(), allowed.contains(key),
                      !pairs.contains(where: { $0.key == key }) else { return nil }
                scanner.skipSpace()
                guard scanner.take(UInt8(ascii: ":")) else { return nil }
                scanner.skipSpace()
                guard let value = scanner.value() else { return nil }
                pairs.append((key, value))
                scanner.skipSpace()
                if scanner.take(UInt8(ascii: ",")) {
                    scanner.skipSpace()
                    continue
                }
                guard scanner.take(UInt8(ascii: "}")) else { return nil }
                break
            }
        }
        scanner.skipSpace()
        return scanner.atEnd ? pairs : nil
    }

    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var at = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        var atEnd: Bool { at == bytes.count }

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 {
                at += 1
            }
        }

        /// Steps over `byte` if it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        /// A plain string (quotes included), or nil.
        mutating func plainString() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = at
            while at < bytes.count {
                let byte = bytes[at]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                    at += 1
                    return text
                }
                guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
                at += 1
            }
            return nil
        }

        /// A plain string, an array of plain strings or null; nil for anything else.
        mutating func value() -> Value? {
            guard at < bytes.count else { return nil }
            switch bytes[at] {
            case UInt8(ascii: "\""):
                return plainString().map(Value.string)
            case UInt8(ascii: "n"):
                guard bytes.count - at >= 4, bytes[at + 1] == UInt8(ascii: "u"), bytes[at + 2] == UInt8(ascii: "l"),
                      bytes[at + 3] == UInt8(ascii: "l") else { return nil }
                at += 4
                return .null
            case UInt8(ascii: "["):
                at += 1
                var items: [String] = []
                skipSpace()
                if take(UInt8(ascii: "]")) { return .strings(items) }
                while true {
                    guard let item = plainString() else { return nil }
                    items.append(item)
                    skipSpace()
                    if take(UInt8(ascii: ",")) {
                        skipSpace()
                        continue
                    }
                    return take(UInt8(ascii: "]")) ? .strings(items) : nil
                }
            default:
                return nil
            }
        }
    }
}
