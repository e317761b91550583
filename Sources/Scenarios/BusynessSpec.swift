// SPDX-License-Identifier: GPL-3.0-or-later

/// Forecast uncertainty: a random multiplier on every arrival rate (SPEC §3.3 `busyness: {cv, per}`).
///
/// The multiplier is gamma-distributed with mean 1 and coefficient of variation `cv`, drawn once
/// per replication or once per day of local time, so a run's arrivals are a Poisson mixture: over
/// a span of expected count λT with one multiplier, Var N = λT + (λT)²·cv².
public struct BusynessSpec: Sendable, Equatable {
    /// How often a new multiplier is drawn.
    public enum Period: String, Sendable, CaseIterable {
        /// One multiplier for the whole replication.
        case replication
        /// One multiplier per day: 24 hours from local midnight, counted as profiles count them.
        case day
    }

    /// The multiplier's coefficient of variation (0: no uncertainty).
    public var cv: Double
    public var per: Period

    public init(cv: Double, per: Period = .replication) {
        self.cv = cv
        self.per = per
    }
}
