// SPDX-License-Identifier: GPL-3.0-or-later

import HTTPTypes
import Hummingbird
import NIOCore

/// A JSON document the service writes: responses and WebSocket events, with keys in a fixed order.
///
/// Written by hand rather than through `Codable` so that field order is stable (tests and
/// clients compare whole documents) and so that no reflection runs on the hot path.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text == b.text }

    /// The compact JSON text.
    public var text: String { String(buffer: bytes) }

    /// The compact JSON text as bytes, as responses and events carry it.
    public var bytes: ByteBuffer {
        var out = ByteBufferAllocator().buffer(capacity: 128)
        write(into: &out)
        return out
    }

    /// Appends the compact JSON text to `out`.
    ///
    /// Written as bytes straight into the buffer a response or event is sent from (building a
    /// `String` first, then copying it into a buffer, cost a copy and many small appends).
    public func write(into out: inout ByteBuffer) {
        switch self {
        case .string(let s): Self.writeString(s, into: &out)
        case .int(let n): out.writeString(String(n))
        case .double(let d): out.writeString(d.isFinite ? String(d) : "null")
        case .bool(let b): out.writeStaticString(b ? "true" : "false")
        case .null: out.writeStaticString("null")
        case .array(let items):
            out.writeInteger(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.writeInteger(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.writeInteger(UInt8(ascii: "]"))
        case .object(let fields):
            Self.writeObject(fields, into: &out)
        }
    }

    /// Writes the object of `fields`, then `last` as one more field when given (an event's `at`),
    /// without building a longer array of fields first.
    static func writeObject(_ fields: [(String, JSONValue)], last: (String, JSONValue)? = nil, into out: inout ByteBuffer) {
        out.writeInteger(UInt8(ascii: "{"))
        for (i, (key, value)) in fields.enumerated() {
            if i > 0 { out.writeInteger(UInt8(ascii: ",")) }
            writeString(key, into: &out)
            out.writeInteger(UInt8(ascii: ":"))
            value.write(into: &out)
        }
        if let (key, value) = last {
            if !fields.isEmpty { out.writeInteger(UInt8(ascii: ",")) }
            writeString(key, into: &out)
            out.writeInteger(UInt8(ascii: ":"))
            value.write(into: &out)
        }
        out.writeInteger(UInt8(ascii: "}"))
    }

    /// A response carrying this document.
    func response(status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: bytes))
    }

    static func writeString(_ s: String, into out: inout ByteBuffer) {
        // Most strings (ids, names, types) need no escape: appended whole, not scalar by scalar
        // (callgrind: the scalar loop was 5.7 % of the service's instructions in a drive).
        if !s.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            out.writeInteger(UInt8(ascii: "\""))
            out.writeString(s)
            out.writeInteger(UInt8(ascii: "\""))
            return
        }
        var escaped = ""
        writeEscaped(s, into: &escaped)
        out.writeString(escaped)
    }

    /// `s` as a JSON string literal with its quotes, backslashes and control characters escaped.
    static func writeEscaped(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
