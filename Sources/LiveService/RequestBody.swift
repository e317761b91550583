// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A request's JSON object, read strictly: every field must be known, of the right type.
///
/// A refusal is a ``LiveError`` 400 naming the field's path (`reasons[1]`), so a client sees
/// exactly which part of its request is wrong. An empty body reads as an empty object.
struct RequestBody {
    private let fields: [String: Any]

    /// Parses `bytes` as a JSON object whose keys are all in `allowed`.
    init(_ bytes: [UInt8], allowed: Set<String>) throws(LiveError) {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            fields = [:]
            return
        }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: []) } catch {
            throw .malformedJSON("the request body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw .badField("$", "the request body must be a JSON object") }
        // Sorted so that, of several unknown fields, the same one is named every time.
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) { throw .unknownField(unknown) }
        fields = object
    }

    /// A required string field.
    func string(_ key: String) throws(LiveError) -> String {
        guard let value = try optionalString(key) else { throw .badField(key, "required") }
        return value
    }

    /// An optional string field; null counts as absent.
    func optionalString(_ key: String) throws(LiveError) -> String? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw .badField(key, "must be a string") }
        return text
    }

    /// An optional array of strings; absent is empty.
    func strings(_ key: String) throws(LiveError) -> [String] {
        guard let value = fields[key], !(value is NSNull) else { return [] }
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
}
