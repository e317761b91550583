// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Testing

/// Blocks by visitor id and IP with expiry and shared proxies, and unknown WhatsApp senders
/// (SPEC §2.1, §2.3, §3.3), each shown to change what it should.
@Suite struct BlockAndUnknownContactTests {
    /// A well-staffed team (nobody waits long) serving one stream with room for extra keys.
    static func scenario(channel: String = "live_chat", streamExtra: String, replications: Int = 12) throws -> Scenario {
        try ScenarioLoader.load(yaml: """
            name: blocks
            seed: 11
            replications: \(replications)
            warmup: 1h
            duration: 6h
            queues:
              - {id: chat, strategy: longest_idle}
            agents:
              - {group: team, count: 8, capacity: 2, queues: [chat]}
            customers:
              - {id: visitors, channel: \(channel), queue: chat, arrivals: {rate_per_hour: 60},
                 patience: {dist: exponential, mean: 30m}, handle_time: {dist: exponential, mean: 3m}\(streamExtra)}
            """, file: "blocks.yaml")
    }

    static func overall(_ scenario: Scenario) throws -> [ScopeValues] {
        let model = try CompiledScenario(scenario)
        let results = Simulation.run(model, replications: scenario.replications, jobs: 2)
        return RunSummary(model: model, results: results).perReplication.map { $0[0] }
    }

    /// Every visitor is abusive and blocked for good when its chat ends, by visitor id and IP. The
    /// first proxy visitor's block (in the warm-up) covers the proxy, so afterwards every new
    /// visitor behind it is rejected as collateral: among the window's chats that were not a
    /// blocked visitor's own retry, the collateral share is exactly the proxy share p — inside its
    /// 99.9 % binomial interval. Without `shared_ip_probability` blocks are by visitor id alone and
    /// nobody is rejected as collateral.
    @Test func aSharedProxyBlockRejectsTheExpectedShareOfInnocentVisitors() throws {
        let p = 0.3
        let idOnly = try Self.overall(Self.scenario(streamExtra: ", abusive_probability: 1"))
        #expect(idOnly.allSatisfy { $0[.rejectedCollateral]! == 0 && $0[.rejected]! > 0 })
        let shared = try Self.overall(Self.scenario(streamExtra: ", abusive_probability: 1, shared_ip_probability: \(p)"))
        var collateral = 0.0, fresh = 0.0
        for overall in shared {
            collateral += overall[.rejectedCollateral]!
            fresh += overall[.arrivals]! - overall[.rejected]!
            #expect(overall[.arrivals]! == overall[.answered]! + overall[.abandoned]! + overall[.rejected]!
                        + overall[.rejectedCollateral]! + overall[.unresolved]!)
        }
        let halfWidth = 3.29 * (p * (1 - p) / fresh).squareRoot()
        #expect(abs(collateral / fresh - p) < halfWidth, "collateral share \(collateral / fresh) of \(fresh) visitors")
    }

    /// A blocked visitor tries again exactly 10 minutes after its chat ends: a block lasting 20
    /// minutes rejects that retry, one lasting 5 minutes has expired by then and the visitor is served.
    @Test func anExpiredBlockNoLongerRejects() throws {
        let extra = ", abusive_probability: 0.2, return: {probability: 0.3, after: {dist: constant, value: 10m}}"
        let forGood = try Self.overall(Self.scenario(streamExtra: extra, replications: 4))
        let long = try Self.overall(Self.scenario(streamExtra: extra + ", block_expiry: 20m", replications: 4))
        let short = try Self.overall(Self.scenario(streamExtra: extra + ", block_expiry: 5m", replications: 4))
        #expect(forGood.allSatisfy { $0[.rejected]! > 0 })
        #expect(zip(forGood, long).allSatisfy { $0[.rejected]! == $1[.rejected]! })   // the retry comes before either ends
        #expect(short.allSatisfy { $0[.rejected]! == 0 })
    }

    /// With every first-time sender unknown and every agent ignoring such chats, no chat is ever
    /// answered: each is `ignored`, and a returning sender is flagged again. Adding the sender
    /// instead makes it known: its later chats are answered without being flagged.
    @Test func ignoredSendersStayUnknownAndAddedOnesBecomeKnown() throws {
        let returns = ", return: {probability: 0.5, after: {dist: exponential, mean: 20m}}"
        let ignore = try Self.overall(Self.scenario(channel: "whatsapp", streamExtra: returns
            + ", unknown_contact_probability: 1, unknown_contact_actions: {ignore: 1}", replications: 3))
        for overall in ignore {
            #expect(overall[.answered]! == 0 && overall[.ignored]! > 0)
            #expect(overall[.unknownContacts]! == overall[.ignored]!)
            #expect(overall[.offered]! == overall[.ignored]! + overall[.abandoned]! + overall[.unresolved]!)
        }
        let add = try Self.overall(Self.scenario(channel: "whatsapp", streamExtra: returns
            + ", unknown_contact_probability: 1, unknown_contact_actions: {add: 1}", replications: 3))
        for overall in add {
            #expect(overall[.ignored]! == 0 && overall[.unknownContacts]! == overall[.unknownContactsAdded]!)
            #expect(overall[.answered]! > overall[.unknownContacts]!)   // returning senders are known
        }
    }

    /// Without returns each chat is a first-time sender: unknown with probability q, then ignored
    /// with share i, so the ignored share of all chats is q·i inside its 99.9 % binomial interval;
    /// the actions add up to the flagged chats. Without the key nothing is flagged and the run is unchanged.
    @Test func theIgnoredShareIsTheUnknownShareTimesTheIgnoreShare() throws {
        let plain = try Self.overall(Self.scenario(channel: "whatsapp", streamExtra: ""))
        #expect(plain.allSatisfy { $0[.unknownContacts]! == 0 && $0[.ignored]! == 0 })
        let (q, i) = (0.4, 0.25)
        let flagged = try Self.overall(Self.scenario(channel: "whatsapp", streamExtra:
            ", unknown_contact_probability: \(q), unknown_contact_actions: {add: 0.5, reply: 0.25, ignore: \(i)}"))
        var ignored = 0.0, offered = 0.0
        for overall in flagged {
            #expect(overall[.unknownContacts]! == overall[.unknownContactsAdded]! + overall[.unknownContactsReplied]!
                        + overall[.ignored]!)
            #expect(overall[.offered]! == overall[.answered]! + overall[.ignored]! + overall[.abandoned]! + overall[.unresolved]!)
            ignored += overall[.ignored]!
            offered += overall[.answered]! + overall[.ignored]!
        }
        let p = q * i
        let halfWidth = 3.29 * (p * (1 - p) / offered).squareRoot()
        #expect(abs(ignored / offered - p) < halfWidth, "ignored share \(ignored / offered) of \(offered) chats")
    }
}
