// SPDX-License-Identifier: GPL-3.0-or-later

import PlainStorage

extension RoutingEngine {
    /// The number of agents.
    public var agentCount: Int { agentStatus.count }
    /// The number of queues.
    public var queueCount: Int { publicQueueCount }
    /// Chats the engine tracks (waiting, offered or active).
    public var chatCount: Int { chats.liveCount }

    /// An agent's status.
    @inlinable public func status(of agent: AgentID) throws(EngineError) -> AgentStatus {
        try checkAgent(agent)
        return agentStatus[Int(agent.index)]
    }

    /// Slots an agent has in use: reserved offers, its active chats and conferences it joined.
    @inlinable public func load(of agent: AgentID) throws(EngineError) -> Int {
        try checkAgent(agent)
        return Int(agentCounters[Int(agent.index)].load)
    }

    /// Chats an agent accepted so far.
    public func acceptedCount(of agent: AgentID) throws(EngineError) -> Int {
        try checkAgent(agent)
        return Int(agentCounters[Int(agent.index)].accepted)
    }

    /// A chat's state.
    @inlinable public func state(of chat: ChatID) throws(EngineError) -> ChatState {
        try checkChat(chat)
        return chats.records[Int(chat.slot)].state
    }

    /// A chat's owner, if it has one.
    public func owner(of chat: ChatID) throws(EngineError) -> AgentID? {
        try checkChat(chat)
        let owner = chats.records[Int(chat.slot)].owner
        return chats.records[Int(chat.slot)].state == .active && owner >= 0 ? AgentID(Int(owner)) : nil
    }

    /// A chat's conference participant, if one joined.
    public func participant(of chat: ChatID) throws(EngineError) -> AgentID? {
        try checkChat(chat)
        let participant = chats.records[Int(chat.slot)].participant
        return participant >= 0 ? AgentID(Int(participant)) : nil
    }

    /// The agents a chat is currently offered to, in member order.
    public func offeredAgents(of chat: ChatID) throws(EngineError) -> [AgentID] {
        try checkChat(chat)
        let first = chats.records[Int(chat.slot)].firstOffer
        var agents: [AgentID] = first >= 0 ? [AgentID(Int(first))] : []
        var record = chats.records[Int(chat.slot)].offerHead
        while record >= 0 {
            agents.append(AgentID(Int(offerAgent[Int(record)])))
            record = offerNext[Int(record)]
        }
        return agents.sorted()
    }

    /// A chat's queue.
    @inlinable public func queue(of chat: ChatID) throws(EngineError) -> QueueID {
        try checkChat(chat)
        return QueueID(publicQueue(Int(chats.records[Int(chat.slot)].queue)))
    }

    /// A chat's language (its queue's default for a chat that arrived without one); nil: none.
    public func language(of chat: ChatID) throws(EngineError) -> LanguageID? {
        try checkChat(chat)
        let language = chats.records[Int(chat.slot)].language
        return language < 0 ? nil : LanguageID(Int(language))
    }

    /// Chats waiting in a queue's lines (not offered).
    public func waitingCount(in queue: QueueID) throws(EngineError) -> Int {
        try checkQueue(queue)
        return waitingInAllLevels(Int(queue.index))
    }

    /// Chats of a queue not yet answered: waiting or offered (the queue's unanswered counter).
    public func unansweredCount(in queue: QueueID) throws(EngineError) -> Int {
        try checkQueue(queue)
        return unansweredInAllLevels(Int(queue.index))
    }

    /// The chats waiting in a queue, oldest first: the list the members see.
    ///
    /// - Complexity: O(w log w) in the entries of the queue's lines.
    public func waitingChats(in queue: QueueID) throws(EngineError) -> [ChatID] {
        try checkQueue(queue)
        var entries: [WaitingEntry] = []
        for q in internalQueues(of: Int(queue.index)) {
            for partition in queues[q].partitions {
                for entry in partition.line.allEntries where isWaiting(entry) { entries.append(entry) }
            }
        }
        entries.sort { $0.sequence < $1.sequence }
        return entries.map(\.chat)
    }

    /// The members of a queue in member order.
    public func members(of queue: QueueID) throws(EngineError) -> [AgentID] {
        try checkQueue(queue)
        return queues[Int(queue.index)].members.map { AgentID(Int($0)) }
    }

    /// The agent with this name.
    public func agent(named name: String) throws(EngineError) -> AgentID {
        guard let index = agentNames.firstIndex(of: name) else { throw .noSuchAgent(name) }
        return AgentID(index)
    }

    /// The agent with this extension number.
    public func agent(extension number: String) throws(EngineError) -> AgentID {
        guard let index = agentExtensions.firstIndex(of: number) else { throw .noSuchAgent(number) }
        return AgentID(index)
    }

    /// The id of a configured language.
    public func language(named name: String) throws(EngineError) -> LanguageID {
        guard let index = languageNames.firstIndex(of: name) else { throw .unknownLanguage(LanguageID(-1)) }
        return LanguageID(index)
    }

    /// Whether a line entry is the current stay of a waiting chat.
    func isWaiting(_ entry: WaitingEntry) -> Bool {
        let c = Int(entry.chat.slot)
        return chats.isCurrent(entry.chat) && chats.records[c].state == .queued && chats.records[c].round == entry.round
    }

    func checkQueue(_ queue: QueueID) throws(EngineError) {
        guard queue.index >= 0 && Int(queue.index) < publicQueueCount else { throw .unknownQueue(queue) }
    }
}
