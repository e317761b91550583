// SPDX-License-Identifier: GPL-3.0-or-later

/// The keys `parley staff` reads: queue `targets`, group `staffable` and `cost_per_hour` (SPEC §3.2, §6).
extension ScenarioReader {
    /// `targets: {service_level: 0.8, abandon_rate: 0.05, asa: 30s}`, at least one of them.
    static func targets(_ field: Field) throws(ScenarioError) -> QueueTargets {
        let map = try field.mapping(ScenarioKeys.targets)
        var targets = QueueTargets()
        targets.serviceLevel = try map.optional("service_level")?.probability()
        targets.abandonRate = try map.optional("abandon_rate")?.probability()
        targets.asa = try map.optional("asa")?.duration(positive: true)
        guard targets != QueueTargets() else {
            throw field.error("give at least one target: service_level, abandon_rate or asa")
        }
        return targets
    }

    /// A group's `staffable: {min, max}` (`min` defaults to 0) and `cost_per_hour`.
    func readStaffing(_ map: MappingReader, into group: inout AgentGroupSpec) throws(ScenarioError) {
        if let field = map.optional("cost_per_hour") {
            let cost = try field.number(atMost: ScenarioLimits.costPerHour,
                                        limit: "parley staff adds the costs of every agent and hour")
            guard cost >= 0 else { throw field.error("a cost must not be negative, found \(formatted(cost))") }
            group.costPerHour = cost
        }
        if let field = map.optional("shift_rules") { group.shiftRules = try Self.shiftRules(field) }
        guard let field = map.optional("staffable") else { return }
        let bounds = try field.mapping(ScenarioKeys.staffable)
        let low = try bounds.optional("min")?.int(atLeast: 0, atMost: ScenarioLimits.agents, limit: Self.agentsLimit) ?? 0
        let highField = try bounds.required("max")
        let high = try highField.int(atLeast: 1, atMost: ScenarioLimits.agents, limit: Self.agentsLimit)
        guard high >= low else { throw highField.error("max (\(high)) must not be below min (\(low))") }
        group.staffable = StaffableRange(min: low, max: high)
    }

    /// Checks that either every staffable group gives `cost_per_hour` or none does.
    ///
    /// Without costs the staffable groups count as equally expensive; with some, a group left
    /// out would have to be given a cost by guessing, so the scenario must say.
    func checkStaffingCosts(_ groups: [Located<AgentGroupSpec>]) throws(ScenarioError) {
        let staffable = groups.filter { $0.value.staffable != nil }
        guard let priced = staffable.first(where: { $0.value.costPerHour != nil }),
              let unpriced = staffable.first(where: { $0.value.costPerHour == nil }) else { return }
        throw unpriced.field.error("staffable group '\(unpriced.value.name)' has no cost_per_hour, but staffable "
                                       + "group '\(priced.value.name)' has one; give every staffable group a cost or none")
    }
}
