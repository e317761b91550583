// SPDX-License-Identifier: GPL-3.0-or-later

/// The planner's keys (SPEC §3.3): forecast uncertainty (`busyness`).
extension ScenarioReader {
    /// `busyness: {cv, per}`: a coefficient of variation from 0 to ``ScenarioLimits/busynessCV``
    /// and `per: replication` (the default) or `per: day`.
    static func busyness(_ field: Field) throws(ScenarioError) -> BusynessSpec {
        let map = try field.mapping(ScenarioKeys.busyness)
        let cvField = try map.required("cv")
        let cv = try cvField.number(atMost: ScenarioLimits.busynessCV, limit: ScenarioLimits.busynessCVReason)
        guard cv >= 0 else { throw cvField.error("a coefficient of variation must not be negative, found \(formatted(cv))") }
        guard let perField = map.optional("per") else { return BusynessSpec(cv: cv) }
        let text = try perField.string()
        guard let per = BusynessSpec.Period(rawValue: text) else {
            let names = BusynessSpec.Period.allCases.map(\.rawValue)
            throw perField.error("unknown busyness period '\(text)'\(KeySuggestion.hint(for: text, among: names)); "
                                     + "expected replication or day")
        }
        return BusynessSpec(cv: cv, per: per)
    }
}
