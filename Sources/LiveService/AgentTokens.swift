// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The bearer token of every agent: each agent's requests and event stream need its own.
///
/// Tokens come from a tokens file of `NAME TOKEN` lines (blank lines and `#` comments
/// allowed), or are issued at start: 128 random bits each, as 32 hex digits. `parley serve
/// --tokens FILE` reads FILE when it exists and otherwise writes the issued tokens there
/// (mode 0600), so that `parley drive --tokens FILE` and other clients can use them.
public struct AgentTokens: Sendable, Equatable {
    /// Token by agent, in member order.
    public let tokens: [String]
    private let agentByToken: [String: Int]

    /// Tokens given in member order; every one distinct and non-empty.
    public init(tokens: [String]) throws(AgentTokensError) {
        var byToken: [String: Int] = [:]
        for (a, token) in tokens.enumerated() {
            guard !token.isEmpty else { throw .emptyToken(agent: a) }
            guard byToken.updateValue(a, forKey: token) == nil else { throw .duplicateToken(agent: a) }
        }
        self.tokens = tokens
        agentByToken = byToken
    }

    /// Fresh random tokens for `count` agents.
    public static func issue(count: Int) -> AgentTokens {
        let tokens = (0..<count).map { _ in randomToken() }
        do { return try AgentTokens(tokens: tokens) } catch {
            preconditionFailure("128-bit random tokens collided: \(error)")
        }
    }

    /// Reads a tokens file's text: a token for each of `agents`, by name.
    public static func parse(_ text: String, agents: [String]) throws(AgentTokensError) -> AgentTokens {
        var byName: [String: String] = [:]
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else { throw .malformedLine(n + 1) }
            let name = String(parts[0])
            guard agents.contains(name) else { throw .unknownAgent(name, line: n + 1) }
            guard byName.updateValue(String(parts[1]), forKey: name) == nil else { throw .repeatedAgent(name, line: n + 1) }
        }
        var tokens: [String] = []
        for name in agents {
            guard let token = byName[name] else { throw .missingAgent(name) }
            tokens.append(token)
        }
        return try AgentTokens(tokens: tokens)
    }

    /// The tokens file's text for `agents` (member order).
    public func fileText(agents: [String]) -> String {
        "# parley serve: one bearer token per agent\n" + zip(agents, tokens).map { "\($0) \($1)\n" }.joined()
    }

    /// The agent (member index) holding `token`, if any.
    public func agent(holding token: String) -> Int? { agentByToken[token] }

    /// One fresh random token: 128 random bits as 32 lowercase hex digits (a chat's token).
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return String(unsafeUninitializedCapacity: 32) { digits in
            for i in 0..<32 {
                let nibble = UInt8(truncatingIfNeeded: (i < 16 ? high : low) >> (60 - 4 * (i % 16))) & 0xF
                digits[i] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 32
        }
    }
}
