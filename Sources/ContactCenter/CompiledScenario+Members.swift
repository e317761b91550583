// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore
import Scenarios
import Statistics

/// A scenario's languages by name, as the engine's dense ids (an unknown name is the first language).
struct LanguageIndex {
    let names: [String]

    init(_ names: [String]) { self.names = names }

    func id(_ name: String) -> LanguageID { LanguageID(names.firstIndex(of: name) ?? 0) }
}

extension CompiledScenario {
    /// Every agent of `scenario` in member order: the engine's configuration and the agent's work model.
    static func members(of scenario: Scenario, queueIndex: [String: Int],
                        languages: LanguageIndex) -> ([AgentConfiguration], [CompiledAgent]) {
        var configurations: [AgentConfiguration] = []
        var agents: [CompiledAgent] = []
        var member = 0
        for group in scenario.agentGroups {
            let memberships = group.queues.compactMap { queueIndex[$0] }.map { QueueID($0) }
            var channelCapacity: [Channel: Int] = [:]
            if !group.channelCapacity.isEmpty {
                for channel in ChannelName.allCases { channelCapacity[Channel(channel)] = group.channelCapacity[channel] ?? 0 }
            }
            for n in 0..<group.count {
                let duty = Self.duty(of: group, member: n, scenario: scenario)
                member += 1
                configurations.append(AgentConfiguration(
                    name: group.names.isEmpty ? "\(group.name)-\(n + 1)" : group.names[n],
                    extensionNumber: group.extensions.isEmpty ? String(1000 + member) : group.extensions[n],
                    capacity: group.capacity, channelCapacity: channelCapacity,
                    experience: group.experience, languages: group.languages.map(languages.id), weight: group.weight,
                    queues: memberships, initialStatus: duty.first?.start == 0 ? .available : .offline))
                agents.append(CompiledAgent(group, member: n, duty: duty, queues: memberships.map { Int($0.index) },
                                            queueIndex: queueIndex))
            }
        }
        return (configurations, agents)
    }
}

extension QueueConfiguration {
    /// The engine's configuration of a scenario's queue (its overflow steps are added once the agents are known).
    init(_ q: QueueSpec, languages: LanguageIndex) {
        self.init(name: q.id, strategy: Strategy(q.strategy), priority: q.priority, offerTimeout: q.offerTimeout,
                  alertAfter: q.alertAfter, stickyWait: q.stickyWait,
                  claim: q.claim == .take ? .take : .firstReply, top: q.top,
                  defaultLanguage: q.language.map(languages.id), offlineForm: q.offlineForm)
    }
}

extension CompiledAgent {
    /// Member `member` (from 0) of `group`, on duty over `duty`, in the queues at indexes `queues`.
    init(_ group: AgentGroupSpec, member n: Int, duty: [DutySpan], queues: [Int], queueIndex: [String: Int]) {
        self.init(
            name: "\(group.name)/\(n + 1)", group: group.name, speed: group.speed, slowdown: group.slowdown,
            capacity: group.capacity, queues: queues,
            acceptDelay: Distribution(group.acceptDelay), missProbability: group.missProbability,
            ronaRecovery: Distribution(group.ronaRecovery), unhandledProbability: group.unhandledProbability,
            duty: duty, away: group.away.map(CompiledAway.init), wrapUp: group.wrapUp.map(Distribution.init),
            transferProbability: group.transferProbability,
            transferQueue: group.transferQueue.flatMap { queueIndex[$0] },
            conferenceProbability: group.conferenceProbability,
            conferenceTime: Distribution(group.conferenceTime),
            afterRonaAwayProbability: group.afterRonaAwayProbability,
            afterRonaAwayFor: Distribution(group.afterRonaAwayFor ?? group.ronaRecovery),
            templateUseProbability: group.templateUseProbability,
            templateSaves: Distribution(group.templateSaves),
            templateSearchProbability: group.templateSearchProbability,
            requestProbabilities: group.requestProbabilities,
            requestResponse: Distribution(group.requestResponse),
            transferToAgentProbability: group.transferToAgentProbability,
            declineProbability: group.declineProbability,
            conferenceLeaveProbability: group.conferenceLeaveProbability,
            awayPickProbability: group.awayPickProbability,
            alertReaction: group.alertReaction.map(Distribution.init),
            ticketProbability: group.ticketProbability, ticketTime: Distribution(group.ticketTime),
            callProbability: group.callProbability, callTime: Distribution(group.callTime),
            internalChatProbability: group.internalChatProbability,
            internalChatTime: Distribution(group.internalChatTime))
    }
}

extension CompiledStream {
    /// A scenario's customer stream feeding the queue at index `queue`.
    init(_ s: CustomerStreamSpec, queue: Int, languages: LanguageIndex) {
        let arrivals = CompiledArrivals(s.arrivals)
        var poissonRate: Double?
        var isTrace = false
        switch arrivals {
        case .poisson(let rate): poissonRate = rate
        case .profile: break
        case .trace: isTrace = true
        }
        self.init(name: s.id, queue: queue, channel: Channel(s.channel), arrivals: arrivals,
                  poissonRate: poissonRate, isTrace: isTrace,
                  endsChatProbability: s.endsChatProbability,
                  patience: s.patience.map(Distribution.init), handleTime: Distribution(s.handleTime),
                  languages: s.languages.map { languages.id($0.language) },
                  languageShares: s.languages.map(\.share), returnProbability: s.returnProbability,
                  returnAfter: Distribution(s.returnAfter),
                  inactivityProbability: s.inactivityProbability,
                  inactivityAfter: Distribution(s.inactivityAfter))
    }
}
