// SPDX-License-Identifier: GPL-3.0-or-later

/// The planner's keys (SPEC §3.3): forecast uncertainty (`busyness`) and customers who try again (`retrial`).
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

    /// Refuses `busyness` when every stream replays a trace: traces have no rate to multiply, so
    /// the key would be accepted and do nothing.
    static func checkBusynessApplies(_ busyness: BusynessSpec?, at field: Field?, streams: [CustomerStreamSpec]) throws(ScenarioError) {
        guard busyness != nil, let field else { return }
        let hasRate = streams.contains { if case .trace = $0.arrivals { false } else { true } }
        guard hasRate else {
            throw field.error("busyness multiplies arrival rates, but every customer stream replays a trace, which has none")
        }
    }

    /// A stream's `retrial: {probability, after, max_attempts}`.
    ///
    /// With probability 1 and no `max_attempts` a customer who keeps giving up keeps writing, so
    /// `after` must never be shorter than 1 µs, or the attempts could pile up at one instant forever.
    func retrial(_ field: Field) throws(ScenarioError) -> RetrialSpec {
        let map = try field.mapping(ScenarioKeys.retrial)
        let probabilityField = try map.required("probability")
        var spec = RetrialSpec(probability: try probabilityField.probability(), after: try distribution(map.required("after")))
        spec.maxAttempts = try map.optional("max_attempts")?.int(atLeast: 1, atMost: ScenarioLimits.attempts,
                                                                 limit: "an attempt's number rides in a 28-bit field of its event")
        guard spec.probability < 1 || spec.maxAttempts != nil
                || spec.after.smallestValue >= ScenarioLimits.shortestDurationSeconds else {
            throw probabilityField.error("with a retrial probability of 1 and no max_attempts, 'after' must never be "
                                             + "shorter than 1µs, or a customer could try again forever at one instant")
        }
        return spec
    }
}
