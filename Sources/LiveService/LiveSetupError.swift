// SPDX-License-Identifier: GPL-3.0-or-later

/// Why a center could not be built from a scenario.
public enum LiveSetupError: Error, Equatable, Sendable, CustomStringConvertible {
    case engine(String)
    case tokens(String)

    public var description: String {
        switch self {
        case .engine(let text): "the engine refused the scenario: \(text)"
        case .tokens(let text): "tokens: \(text)"
        }
    }
}
