// SPDX-License-Identifier: GPL-3.0-or-later

extension JSONValue {
    /// The member `key` of an object (the first, if repeated); nil for a missing key or a non-object.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The members of an object in file order; nil for anything else.
    package var members: [(String, JSONValue)]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    /// A number as a `Double`; nil for anything else (including `null`).
    package var doubleValue: Double? {
        switch self {
        case .number(let d): d
        case .integer(let i): Double(i)
        default: nil
        }
    }

    /// Whether this is `null`.
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
