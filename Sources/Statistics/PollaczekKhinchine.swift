// SPDX-License-Identifier: GPL-3.0-or-later

/// The mean wait of the M/G/1 queue by the Pollaczek–Khinchine formula.
///
/// With Poisson arrivals at λ and independent service times S of mean E[S] and variance
/// Var[S], ρ = λE[S] < 1, the mean wait in queue is E[W] = λE[S²] / (2(1 − ρ)) =
/// ρE[S](1 + c²) / (2(1 − ρ)) with c² = Var[S]/E[S]² (Pollaczek 1930, Khinchine 1932; Kleinrock
/// 1975, *Queueing Systems* I, eq. 5.72). By PASTA an arrival waits exactly when the server is
/// busy, so P(wait) = ρ, which is also the server's utilisation.
public struct PollaczekKhinchine: Sendable {
    public let arrivalRatePerSecond: Double
    public let meanServiceSeconds: Double
    /// Var[S], in seconds².
    public let serviceVarianceSeconds2: Double

    /// The M/G/1 queue with the given arrival rate and service-time mean and variance.
    ///
    /// - Throws: ``QueueingModelError/unstable(offeredLoad:capacity:)`` when ρ ≥ 1.
    public init(arrivalRatePerSecond: Double, meanServiceSeconds: Double,
                serviceVarianceSeconds2: Double) throws(QueueingModelError) {
        guard arrivalRatePerSecond > 0, meanServiceSeconds > 0, serviceVarianceSeconds2 >= 0 else {
            throw .invalidParameter("M/G/1 needs a positive arrival rate and mean service time and a variance ≥ 0")
        }
        let rho = arrivalRatePerSecond * meanServiceSeconds
        guard rho < 1 else { throw .unstable(offeredLoad: rho, capacity: 1) }
        self.arrivalRatePerSecond = arrivalRatePerSecond
        self.meanServiceSeconds = meanServiceSeconds
        self.serviceVarianceSeconds2 = serviceVarianceSeconds2
    }

    /// ρ = λE[S].
    public var utilisation: Double { arrivalRatePerSecond * meanServiceSeconds }

    /// P(an arrival waits) = ρ.
    public var probabilityOfWaiting: Double { utilisation }

    /// E[W] = λE[S²] / (2(1 − ρ)), in seconds.
    public var meanWaitSeconds: Double {
        let secondMoment = serviceVarianceSeconds2 + meanServiceSeconds * meanServiceSeconds
        return arrivalRatePerSecond * secondMoment / (2 * (1 - utilisation))
    }

    /// E[Lq] = λE[W].
    public var meanQueueLength: Double { arrivalRatePerSecond * meanWaitSeconds }
}
