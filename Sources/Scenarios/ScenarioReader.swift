// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime

/// Builds a ``Scenario`` from a located tree, checking every key, type, value and reference.
///
/// Queues are read first whatever their place in the file, so agent groups and customer
/// streams can be checked against the queue ids; the cross checks that need the whole
/// scenario (every queue served, a stable load) come last.
struct ScenarioReader {
    /// The directory that relative file names in the scenario (empirical samples) are resolved against.
    let directory: String

    /// Reads and validates the whole scenario.
    func scenario(from root: SourceNode) throws(ScenarioError) -> Scenario {
        let top = try Field(node: root, path: .root).mapping(ScenarioKeys.topLevel)
        let name = try top.required("name").string()
        let seed = try Self.seed(top.required("seed"))
        let replications = try top.optional("replications")?.int(
            atLeast: 1, atMost: ScenarioLimits.replications,
            limit: "each replication keeps its results in memory until the run's summary") ?? 10
        let warmup = try top.optional("warmup")?.duration() ?? .zero
        let duration = try top.required("duration").duration(positive: true)
        let drainLimit = try top.optional("drain_limit")?.duration() ?? .hours(24)
        let threshold = try top.optional("service_level_threshold")?.duration(positive: true) ?? .seconds(20)
        let start = try top.optional("start").map { field throws(ScenarioError) in try Self.start(field) } ?? .mondayMidnight
        let interval = try top.optional("interval")?.duration(positive: true) ?? .hours(1)
        let calendarContext = CalendarContext(start: top.optional("start"), startValue: start,
                                              horizon: warmup + duration + drainLimit)
        let calendar = try top.optional("calendar").map { field throws(ScenarioError) in
            try Self.calendar(field, context: calendarContext)
        }
        let company = try top.optional("company")?.string()
        let busyness = try top.optional("busyness").map { field throws(ScenarioError) in try Self.busyness(field) }

        var queues = try readQueues(top.required("queues").list(nonEmpty: true), company: company,
                                    calendars: calendarContext)
        try Self.checkQueueCalendarZones(queues, topLevel: calendar, at: top.optional("calendar"))
        let queueIDs = QueueDirectory(queues.map(\.value.id))
        let groups = try readAgentGroups(top.required("agents").list(nonEmpty: true), queueIDs: queueIDs)
        try Self.readOverflow(&queues, groups: groups, queueIDs: queueIDs)
        let streams = try readCustomerStreams(top.required("customers").list(nonEmpty: true), queueIDs: queueIDs,
                                              start: start)
        try checkEveryQueueServed(queues, by: groups)
        try Self.checkTemplateUse(groups, queues: queues.map(\.value))
        try Self.checkAgentNames(groups)
        try Self.checkInternalChats(groups)
        try Self.checkCalls(queues, groups: groups, streams: streams.map(\.value))
        try checkStreamsServable(queues, groups, streams)
        try Self.checkBusynessApplies(busyness, at: top.optional("busyness"), streams: streams.map(\.value))
        try checkStability(queues, groups, streams)
        try checkHolidayFactors(streams, queues: queues.map(\.value), calendar: calendar)
        try checkStaffingCosts(groups)
        try checkShiftGrid(groups, interval: interval)
        let spanFields = SpanFields(duration: try top.required("duration"), interval: top.optional("interval"))
        try checkAgentTotals(groups)
        try checkIntervalCount(duration: duration.seconds, interval: interval.seconds, fields: spanFields)
        try checkEventEstimate(spanSeconds: (warmup + duration + drainLimit).seconds, groups: groups, streams: streams,
                               fields: spanFields)

        var scenario = Scenario(name: name, seed: seed, replications: replications, warmup: warmup,
                                duration: duration, drainLimit: drainLimit, serviceLevelThreshold: threshold,
                                queues: queues.map(\.value), agentGroups: groups.map(\.value),
                                customerStreams: streams.map(\.value))
        scenario.start = start
        scenario.interval = interval
        scenario.calendar = calendar
        scenario.company = company
        scenario.busyness = busyness
        return scenario
    }

    /// The seed: an integer from 0 to 2⁶⁴ − 1.
    static func seed(_ field: Field) throws(ScenarioError) -> UInt64 {
        guard let scalar = field.node.scalar, scalar.kind == .int else {
            throw field.error("expected a non-negative integer, found \(field.node.summary)")
        }
        if let value = scalar.int, value >= 0 { return UInt64(value) }
        if let value = UInt64(scalar.text.filter { $0 != "_" }) { return value }
        throw field.error("must be an integer from 0 to \(UInt64.max), found \(scalar.text)")
    }
}

/// A value read from the scenario together with the node it was read from, for later cross checks.
struct Located<Value> {
    var value: Value
    var field: Field
}

/// The queue ids of a scenario, in file order, for checking references to them.
struct QueueDirectory {
    let ids: [String]
    private let known: Set<String>

    init(_ ids: [String]) {
        self.ids = ids
        self.known = Set(ids)
    }

    /// Checks that the id read from `field` names a queue.
    func check(_ id: String, at field: Field) throws(ScenarioError) {
        guard !known.contains(id) else { return }
        throw field.error("unknown queue '\(id)'\(KeySuggestion.hint(for: id, among: ids)); "
                              + "the queues are \(ids.joined(separator: ", "))")
    }
}

/// Names that must be unique within a list (queue ids, group names, stream ids).
struct UniqueNames {
    /// What the names are, for messages: "queue id", "agent group", "customer stream id".
    let kind: String
    private var seen: [String: Field] = [:]

    init(kind: String) { self.kind = kind }

    /// Records the name read from `field`; a name seen before is an error at `field`.
    mutating func insert(_ name: String, at field: Field) throws(ScenarioError) {
        if let first = seen[name] {
            let line = first.node.location.line
            let whereFirst = line > 0 ? " (first defined at line \(line))" : ""
            throw field.error("duplicate \(kind) '\(name)'\(whereFirst)")
        }
        seen[name] = field
    }
}
