// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import Statistics

/// The analytic queueing formulas against published values, independent computations and
/// their own identities.
@Suite struct ErlangFormulaTests {
    /// `scenarios/validation/reference-values.json`: exact values published with the project
    /// (a verbatim copy of shared/validation/cases.json).
    static var referenceCases: [[String: Any]] {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("scenarios/validation/reference-values.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return object["cases"] as? [[String: Any]] ?? []
    }

    /// Whether `computed` equals the printed `published` value to its printed digits.
    ///
    /// The file drops trailing zeros (0.409180 prints as 0.40918), so the tolerance is half a unit
    /// of the last printed decimal, but never looser than six significant digits.
    static func agrees(_ computed: Double, _ published: Double) -> Bool {
        var decimals = 0
        let text = "\(published)"
        if let dot = text.firstIndex(of: "."), !text.contains("e") {
            decimals = text.distance(from: dot, to: text.endIndex) - 1
        }
        let halfUnit = 0.5 * pow(10, -Double(decimals))
        return abs(computed - published) <= min(halfUnit, 5e-6 * abs(published))
    }

    /// The figures of one reference case, under the case file's metric names (times in minutes).
    static func figures(of reference: [String: Any]) throws -> [String: Double] {
        let model = try #require(reference["model"] as? String)
        let lambda = try #require(reference["arrival_rate_per_min"] as? Double) / 60
        let service = try #require(reference["mean_service_min"] as? Double) * 60
        let servers = try #require(reference["servers"] as? Int)
        let threshold = 20.0
        switch model {
        case "M/M/c (Erlang C)", "M/M/1":
            let c = try ErlangC(arrivalRatePerSecond: lambda, meanServiceSeconds: service, agents: servers)
            return ["P_wait_gt0": c.probabilityOfWaiting, "mean_wait_Wq": c.averageSpeedOfAnswerSeconds / 60,
                    "mean_sojourn_W": (c.averageSpeedOfAnswerSeconds + service) / 60,
                    "mean_queue_Lq": c.meanQueueLength, "SL_P_W_le_t": c.serviceLevel(thresholdSeconds: threshold),
                    "utilisation": c.occupancy]
        case "M/M/c+M (Erlang A)":
            let patience = try #require(reference["mean_patience_min"] as? Double) * 60
            let a = try ErlangA(arrivalRatePerSecond: lambda, meanServiceSeconds: service,
                                meanPatienceSeconds: patience, agents: servers)
            return ["P_wait_gt0": a.probabilityOfWaiting, "P_abandon": a.abandonProbability,
                    "mean_wait_all_EW": a.meanWaitSeconds / 60, "mean_wait_served": a.averageSpeedOfAnswerSeconds / 60,
                    "mean_wait_abandoned": try #require(a.meanWaitAbandonedSeconds) / 60,
                    "mean_queue_Lq": a.meanQueueLength, "utilisation": a.occupancy,
                    "SL_served_within_t_over_all_arrivals": a.serviceLevel(thresholdSeconds: threshold),
                    "P_offered_wait_V_le_t": a.virtualWaitProbability(withinSeconds: threshold),
                    "P_actual_wait_le_t": a.actualWaitProbability(withinSeconds: threshold)]
        case "M/D/1":
            let cv = try #require(reference["cv_service"] as? Double)
            let pk = try PollaczekKhinchine(arrivalRatePerSecond: lambda, meanServiceSeconds: service,
                                            serviceVarianceSeconds2: (cv * service) * (cv * service))
            return ["mean_wait_Wq": pk.meanWaitSeconds / 60, "mean_sojourn_W": (pk.meanWaitSeconds + service) / 60,
                    "mean_queue_Lq": pk.meanQueueLength, "P_wait_gt0": pk.probabilityOfWaiting,
                    "utilisation": pk.utilisation]
        default:
            Issue.record("reference case model '\(model)' has no formula here")
            return [:]
        }
    }

    @Test func referenceFileHoldsTheFiveCases() {
        #expect(Self.referenceCases.count == 5)
    }

    /// Every metric of every reference case, to its printed digits.
    @Test(arguments: 0..<5)
    func referenceCaseMatchesToPrintedDigits(index: Int) throws {
        let reference = try #require(Self.referenceCases.indices.contains(index) ? Self.referenceCases[index] : nil)
        let name = reference["name"] as? String ?? "?"
        let published = try #require(reference["metrics"] as? [String: Double])
        let computed = try Self.figures(of: reference)
        for (metric, value) in published.sorted(by: { $0.key < $1.key }) {
            let mine = try #require(computed[metric], "\(name): no formula for \(metric)")
            #expect(Self.agrees(mine, value), "\(name).\(metric): published \(value), computed \(mine)")
        }
    }

    /// The textbook example: 100 contacts per 30 minutes, AHT 180 s, 14 agents, threshold 20 s.
    @Test func textbookExample() throws {
        let c = try ErlangC(arrivalRatePerSecond: 100.0 / 1800, meanServiceSeconds: 180, agents: 14)
        #expect(abs(c.probabilityOfWaiting - 0.1741) < 5e-4)
        #expect(abs(c.serviceLevel(thresholdSeconds: 20) - 0.8884) < 5e-4)
        #expect(abs(c.averageSpeedOfAnswerSeconds - 7.8359) < 5e-4)
        #expect(abs(c.probabilityOfWaiting - 0.1741319) < 5e-8)
    }

    @Test func erlangBSmallCasesByHand() {
        #expect(abs(ErlangB.blockingProbability(agents: 1, offeredLoad: 1) - 0.5) < 1e-15)
        #expect(abs(ErlangB.blockingProbability(agents: 2, offeredLoad: 1) - 0.2) < 1e-15)
        // B(3, 2) = (8/6) / (1 + 2 + 2 + 8/6)
        #expect(abs(ErlangB.blockingProbability(agents: 3, offeredLoad: 2) - (8.0 / 6) / (5 + 8.0 / 6)) < 1e-15)
        #expect(ErlangB.blockingProbability(agents: 0, offeredLoad: 3) == 1)
    }

    /// M(a, z) = e^z z^(−a) γ(a, z) agrees with GSL's regularised P where both are accurate,
    /// below, near and far above z = a.
    @Test(arguments: [(0.5, 0.2), (3.0, 1.0), (10.0, 10.5), (40.0, 12.0), (200.0, 201.0), (1000.0, 900.0),
                      (5.0, 60.0), (120.0, 400.0), (2.5, 700.0)])
    func kummerSumMatchesGSL(a: Double, z: Double) {
        let viaSeries = LogSpace.logKummerSum(a, z)
        let viaGSL = z - a * log(z) + LogSpace.logGamma(a) + log(gslRegularisedP(a, z))
        #expect(abs(viaSeries - viaGSL) < 1e-12 * max(1, abs(z) + abs(a * log(z))), "a \(a), z \(z)")
    }

    /// Erlang C is the limit of Erlang A as patience grows without bound.
    @Test(arguments: [(10, 8.0), (14, 10.0), (120, 110.0), (500, 475.0)])
    func erlangAWithEndlessPatienceIsErlangC(agents: Int, load: Double) throws {
        let c = try ErlangC(arrivalRatePerSecond: load / 240, meanServiceSeconds: 240, agents: agents)
        let a = try ErlangA(arrivalRatePerSecond: load / 240, meanServiceSeconds: 240, meanPatienceSeconds: 1e12,
                            agents: agents)
        #expect(abs(a.probabilityOfWaiting - c.probabilityOfWaiting) < 1e-6)
        #expect(abs(a.serviceLevel(thresholdSeconds: 20) - c.serviceLevel(thresholdSeconds: 20)) < 1e-6)
        #expect(abs(a.averageSpeedOfAnswerSeconds - c.averageSpeedOfAnswerSeconds) < 1e-6 * c.averageSpeedOfAnswerSeconds)
        #expect(abs(a.occupancy - c.occupancy) < 1e-6)
    }

    /// Erlang A against an independent computation on the truncated birth–death chain: plain
    /// products for the stationary law, uniformisation for the service level, expected time in
    /// each waiting position for the served customers' wait.
    @Test(arguments: [(10, 8.0, 120.0), (10, 16.0, 120.0), (50, 49.0, 300.0), (30, 45.0, 60.0)])
    func erlangAMatchesTruncatedChain(agents: Int, load: Double, patience: Double) throws {
        let service = 240.0, lambda = load / service, threshold = 20.0
        let a = try ErlangA(arrivalRatePerSecond: lambda, meanServiceSeconds: service, meanPatienceSeconds: patience,
                            agents: agents)
        let chain = TruncatedErlangAChain(agents: agents, lambda: lambda, mu: 1 / service, theta: 1 / patience)
        #expect(abs(a.probabilityOfWaiting - chain.probabilityOfWaiting) < 1e-10)
        #expect(abs(a.abandonProbability - chain.abandonProbability) < 1e-10)
        #expect(abs(a.meanWaitSeconds - chain.meanWaitSeconds) < 1e-8 * max(1, chain.meanWaitSeconds))
        #expect(abs(a.averageSpeedOfAnswerSeconds - chain.servedWaitSeconds) < 1e-8 * max(1, chain.servedWaitSeconds))
        #expect(abs(a.serviceLevel(thresholdSeconds: threshold) - chain.serviceLevel(threshold: threshold)) < 1e-9)
    }

    /// Hundreds and thousands of agents: every figure finite and a probability where it should be.
    @Test(arguments: [500, 2000])
    func largeTeamsStayFiniteAndInRange(agents: Int) throws {
        let n = Double(agents)
        for rho in [0.3, 0.9, 0.95, 0.999] {
            let c = try ErlangC(arrivalRatePerSecond: rho * n / 240, meanServiceSeconds: 240, agents: agents)
            for p in [c.probabilityOfWaiting, c.serviceLevel(thresholdSeconds: 20), c.occupancy] {
                #expect(p.isFinite && (0...1).contains(p), "C n=\(agents) ρ=\(rho): \(p)")
            }
            #expect(c.averageSpeedOfAnswerSeconds.isFinite && c.averageSpeedOfAnswerSeconds >= 0)
        }
        for rho in [0.3, 0.95, 1.0, 1.2, 3.0] {
            let a = try ErlangA(arrivalRatePerSecond: rho * n / 240, meanServiceSeconds: 240, meanPatienceSeconds: 120,
                                agents: agents)
            let figures = [a.probabilityOfWaiting, a.abandonProbability, a.serviceLevel(thresholdSeconds: 20),
                           a.occupancy, a.virtualWaitProbability(withinSeconds: 20)]
            for p in figures { #expect(p.isFinite && (0...1).contains(p), "A n=\(agents) ρ=\(rho): \(figures)") }
            #expect(a.averageSpeedOfAnswerSeconds.isFinite && a.meanWaitSeconds.isFinite)
            // Little's law on the queue: P(abandon) = θ E[W].
            #expect(abs(a.abandonProbability - a.meanWaitSeconds / 120) < 1e-9)
            // Over capacity the agents are (almost) always busy and the excess abandons.
            if rho >= 1.2 {
                #expect(a.occupancy > 0.99)
                #expect(abs(a.abandonProbability - (1 - a.occupancy / rho)) < 1e-9)
            }
        }
    }

    /// Pollaczek–Khinchine: M/M/1 is Erlang C with one agent; M/D/1 waits half as long.
    @Test func pollaczekKhinchine() throws {
        let mm1 = try PollaczekKhinchine(arrivalRatePerSecond: 0.8 / 60, meanServiceSeconds: 60,
                                         serviceVarianceSeconds2: 3600)
        let c = try ErlangC(arrivalRatePerSecond: 0.8 / 60, meanServiceSeconds: 60, agents: 1)
        #expect(abs(mm1.meanWaitSeconds - c.averageSpeedOfAnswerSeconds) < 1e-9)
        #expect(abs(mm1.meanWaitSeconds - 240) < 1e-9)
        let md1 = try PollaczekKhinchine(arrivalRatePerSecond: 0.8 / 60, meanServiceSeconds: 60, serviceVarianceSeconds2: 0)
        #expect(abs(md1.meanWaitSeconds - 120) < 1e-9)
        #expect(throws: QueueingModelError.self) {
            try PollaczekKhinchine(arrivalRatePerSecond: 1.0 / 60, meanServiceSeconds: 60, serviceVarianceSeconds2: 0)
        }
    }

    @Test func erlangCRefusesAnUnstableLoad() {
        #expect(throws: QueueingModelError.unstable(offeredLoad: 10, capacity: 10)) {
            try ErlangC(arrivalRatePerSecond: 10.0 / 240, meanServiceSeconds: 240, agents: 10)
        }
        #expect(throws: QueueingModelError.self) {
            try ErlangA(arrivalRatePerSecond: 1, meanServiceSeconds: 240, meanPatienceSeconds: 0, agents: 10)
        }
    }

    /// The staffing searches return the fewest agents: that number meets the target and one fewer does not.
    static let staffingCases: [(lambda: Double, service: Double, target: Double)] = [
        (100.0 / 1800, 180, 0.8), (120.0 / 3600, 240, 0.8), (2000.0 / 3600, 300, 0.9), (20.0 / 60, 240, 0.95),
    ]

    @Test(arguments: staffingCases)
    func staffingIsTheFewestMeetingTheTarget(lambda: Double, service: Double, target: Double) throws {
        let c = try #require(try ErlangStaffing.fewestAgentsErlangC(arrivalRatePerSecond: lambda,
                                                                    meanServiceSeconds: service,
                                                                    thresholdSeconds: 20, targetServiceLevel: target))
        #expect(try ErlangC(arrivalRatePerSecond: lambda, meanServiceSeconds: service, agents: c)
            .serviceLevel(thresholdSeconds: 20) >= target)
        if let fewer = try? ErlangC(arrivalRatePerSecond: lambda, meanServiceSeconds: service, agents: c - 1) {
            #expect(fewer.serviceLevel(thresholdSeconds: 20) < target)
        }
        let a = try #require(try ErlangStaffing.fewestAgentsErlangA(
            arrivalRatePerSecond: lambda, meanServiceSeconds: service, meanPatienceSeconds: 120,
            thresholdSeconds: 20, targetServiceLevel: target, maxAbandonProbability: 0.02))
        let atA = try ErlangA(arrivalRatePerSecond: lambda, meanServiceSeconds: service, meanPatienceSeconds: 120, agents: a)
        #expect(atA.serviceLevel(thresholdSeconds: 20) >= target && atA.abandonProbability <= 0.02)
        let belowA = try ErlangA(arrivalRatePerSecond: lambda, meanServiceSeconds: service, meanPatienceSeconds: 120,
                                 agents: a - 1)
        #expect(belowA.serviceLevel(thresholdSeconds: 20) < target || belowA.abandonProbability > 0.02)
        // For the service level alone, patience shortens the line: Erlang A never needs more agents than Erlang C.
        let slOnly = try #require(try ErlangStaffing.fewestAgentsErlangA(
            arrivalRatePerSecond: lambda, meanServiceSeconds: service, meanPatienceSeconds: 120,
            thresholdSeconds: 20, targetServiceLevel: target))
        #expect(slOnly <= c && slOnly <= a)
    }

    @Test func textbookStaffing() throws {
        // 14 agents give 0.888 within 20 s; 13 give less than 0.8 (0.757).
        #expect(try ErlangStaffing.fewestAgentsErlangC(arrivalRatePerSecond: 100.0 / 1800, meanServiceSeconds: 180,
                                                       thresholdSeconds: 20, targetServiceLevel: 0.8) == 14)
    }
}
