// SPDX-License-Identifier: GPL-3.0-or-later

/// Why a tokens file was refused.
public enum AgentTokensError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedLine(Int)
    case unknownAgent(String, line: Int)
    case repeatedAgent(String, line: Int)
    case missingAgent(String)
    case emptyToken(agent: Int)
    case duplicateToken(agent: Int)

    public var description: String {
        switch self {
        case .malformedLine(let line): "line \(line): expected 'NAME TOKEN'"
        case .unknownAgent(let name, let line): "line \(line): no agent '\(name)' in the scenario"
        case .repeatedAgent(let name, let line): "line \(line): agent '\(name)' has a token already"
        case .missingAgent(let name): "agent '\(name)' has no token"
        case .emptyToken(let agent): "agent #\(agent) has an empty token"
        case .duplicateToken(let agent): "agent #\(agent) shares its token with another agent"
        }
    }
}
