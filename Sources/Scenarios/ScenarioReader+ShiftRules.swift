// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// A staffable group's `shift_rules` (SPEC §10): what `parley roster` may schedule.
extension ScenarioReader {
    /// `shift_rules: {lengths, starts: {from, to, every}, days, breaks: [{length, after: {min, max}}],
    /// max_shifts_per_week}`; the checks that need the scenario's interval are in ``checkShiftGrid``.
    static func shiftRules(_ field: Field) throws(ScenarioError) -> ShiftRules {
        let map = try field.mapping(ScenarioKeys.shiftRules)
        let lengths = try shiftLengths(map.required("lengths"))
        let (first, last, every) = try shiftStarts(map.required("starts"))
        var days = Array(0..<7)
        if let daysField = map.optional("days") {
            let text = try daysField.string()
            guard let list = dayList(text.lowercased()), !list.isEmpty else {
                throw daysField.error("expected days such as mon-fri, sat,sun or daily, found '\(text)'")
            }
            days = Array(Set(list)).sorted()
        }
        let breaks = try map.optional("breaks").map { field throws(ScenarioError) in
            try shiftBreaks(field, shortest: lengths.min() ?? .zero)
        } ?? []
        let maxShifts = try map.optional("max_shifts_per_week")?.int(atLeast: 1, atMost: 7,
                                                                     limit: "an agent works at most one shift a day") ?? 5
        return ShiftRules(lengths: lengths, firstStart: first, lastStart: last, startEvery: every, days: days,
                          breaks: breaks, maxShiftsPerWeek: maxShifts)
    }

    /// `lengths`: distinct shift lengths of at most 24 hours.
    static func shiftLengths(_ lengthsField: Field) throws(ScenarioError) -> [SimDuration] {
        var lengths: [SimDuration] = []
        for element in try lengthsField.list(nonEmpty: true) {
            let length = try element.duration(positive: true)
            guard length.seconds <= 86_400 else {
                throw element.error("a shift must be at most 24h long, found \(StaffingPlanWriter.durationText(length))")
            }
            guard !lengths.contains(length) else {
                throw element.error("the length \(StaffingPlanWriter.durationText(length)) is listed twice")
            }
            lengths.append(length)
        }
        return lengths
    }

    /// `starts: {from, to, every}`: the first and last start (seconds after midnight) and the step,
    /// which divides the day; the last start is a whole number of steps after the first.
    static func shiftStarts(_ startsField: Field) throws(ScenarioError) -> (first: Double, last: Double, every: SimDuration) {
        let starts = try startsField.mapping(ScenarioKeys.shiftStarts)
        let everyField = try starts.required("every")
        let every = try everyField.duration(positive: true)
        guard every.seconds <= 86_400, (86_400 * 1_000_000) % every.microseconds == 0 else {
            throw everyField.error("the start step must divide the day (24h) into whole steps, found "
                                       + StaffingPlanWriter.durationText(every))
        }
        let first = try starts.optional("from").map { field throws(ScenarioError) in try clockTime(field) } ?? 0
        let lastField = starts.optional("to")
        var last = try lastField.map { field throws(ScenarioError) in try clockTime(field) } ?? 86_400 - every.seconds
        if lastField == nil { last = max(first, last) }
        if let lastField {
            guard last >= first else { throw lastField.error("the last start must not be before the first ('from')") }
            guard last < 86_400 else { throw lastField.error("the last start must be before 24:00") }
        }
        let offset = (last - first).truncatingRemainder(dividingBy: every.seconds)
        if let lastField, abs(offset) > 1e-6 {
            throw lastField.error("the last start is not a whole number of steps (\(StaffingPlanWriter.durationText(every))) "
                                      + "after the first")
        }
        return (first, last, every)
    }

    /// `breaks: [{length, after: {min, max}}]`: in time order, windows that do not overlap, each
    /// fitting in the `shortest` shift.
    static func shiftBreaks(_ breaksField: Field, shortest: SimDuration) throws(ScenarioError) -> [ShiftRules.Break] {
        var breaks: [ShiftRules.Break] = []
        for element in try breaksField.list() {
            let entry = try element.mapping(ScenarioKeys.shiftBreak)
            let lengthField = try entry.required("length")
            let length = try lengthField.duration(positive: true)
            let afterField = try entry.required("after")
            let after = try afterField.mapping(ScenarioKeys.staffable)
            let earliest = try after.required("min").duration()
            let latestField = try after.required("max")
            let latest = try latestField.duration()
            guard latest.seconds >= earliest.seconds else {
                throw latestField.error("max (\(StaffingPlanWriter.durationText(latest))) must not be before min "
                                            + "(\(StaffingPlanWriter.durationText(earliest)))")
            }
            guard latest.seconds + length.seconds <= shortest.seconds else {
                throw (earliest.seconds + length.seconds > shortest.seconds ? lengthField : latestField)
                    .error("a break of \(StaffingPlanWriter.durationText(length)) starting up to "
                               + "\(StaffingPlanWriter.durationText(latest)) after the start does not fit in the "
                               + "shortest shift (\(StaffingPlanWriter.durationText(shortest)))")
            }
            if let previous = breaks.last, earliest.seconds < previous.latest.seconds + previous.length.seconds {
                throw Field(node: after.field.node, path: after.field.path.key("min")).error(
                    "the break may start before the previous one ends (it may end "
                        + "\(StaffingPlanWriter.durationText(previous.latest + previous.length)) after the start); "
                        + "list breaks in time order with windows that do not overlap")
            }
            breaks.append(ShiftRules.Break(length: length, earliest: earliest, latest: latest))
        }
        return breaks
    }

    /// A local time of day `HH:MM` as seconds after midnight.
    static func clockTime(_ field: Field) throws(ScenarioError) -> Double {
        let text = try field.string()
        guard let seconds = clock(text), seconds < 86_400 else {
            throw field.error("expected a time of day such as 06:30, found '\(text)'")
        }
        return seconds
    }

    /// Checks that every duration of the groups' shift rules is a whole number of `interval`s:
    /// a roster counts agents per interval, so a shift or break that ends inside one has no count.
    func checkShiftGrid(_ groups: [Located<AgentGroupSpec>], interval: SimDuration) throws(ScenarioError) {
        for group in groups {
            guard let rules = group.value.shiftRules, let field = group.field.peek("shift_rules") else { continue }
            guard group.value.staffable != nil else {
                throw field.error("shift_rules need a staffable group (give staffable: {min, max}); "
                                      + "parley roster covers the counts parley staff finds")
            }
            let step = interval.microseconds
            func onGrid(_ duration: SimDuration) -> Bool { step > 0 && duration.microseconds % step == 0 }
            let text = StaffingPlanWriter.durationText(interval)
            let why = "parley roster counts agents per interval (\(text)), so shifts and breaks start and end on its boundaries"
            if let bad = rules.lengths.firstIndex(where: { !onGrid($0) }) {
                throw (field.peek("lengths").map { Field(node: element($0, bad), path: $0.path.index(bad)) } ?? field)
                    .error("the length \(StaffingPlanWriter.durationText(rules.lengths[bad])) is not a whole number of "
                               + "intervals; \(why)")
            }
            let starts = field.peek("starts")
            for (key, duration) in [("every", rules.startEvery), ("from", SimDuration(seconds: rules.firstStart)),
                                    ("to", SimDuration(seconds: rules.lastStart))] where !onGrid(duration) {
                throw (starts?.peek(key) ?? field).error("\(StaffingPlanWriter.durationText(duration)) is not a whole number of "
                                                             + "intervals; \(why)")
            }
            for (index, rule) in rules.breaks.enumerated() {
                let entry = field.peek("breaks").map { Field(node: element($0, index), path: $0.path.index(index)) }
                for (key, duration) in [("length", rule.length), ("min", rule.earliest), ("max", rule.latest)]
                    where !onGrid(duration) {
                    let at = key == "length" ? entry?.peek("length") : entry?.peek("after")?.peek(key)
                    throw (at ?? field).error("\(StaffingPlanWriter.durationText(duration)) is not a whole number of "
                                                  + "intervals; \(why)")
                }
            }
        }
    }

    private func element(_ list: Field, _ index: Int) -> SourceNode {
        guard case .sequence(let elements) = list.node.content, elements.indices.contains(index) else { return list.node }
        return elements[index]
    }
}
