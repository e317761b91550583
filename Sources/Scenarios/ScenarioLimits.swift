// SPDX-License-Identifier: GPL-3.0-or-later

/// The largest (and a few smallest) values a scenario may hold, each with the reason it exists.
///
/// Every number a scenario file or a `--set` override can carry is bounded here, so that a
/// scenario that validates is one a run can hold in memory, finish, and compute without
/// overflowing: the loader refuses anything beyond a limit with a located error that names
/// the limit and its reason, instead of the run crashing, hanging or exhausting memory.
///
/// Why simulated time always advances (no run can loop forever at one instant): every
/// event source that schedules its own next event moves time forward by construction —
/// arrivals are Poisson with a mean gap of at least 3.6 ms (``ratePerHour``) or a finite
/// trace; scheduled breaks are at least ``shortestBreakIntervalSeconds`` apart and random
/// ones at most ``breakRatePerHour`` per agent; offer timeouts and every other positive
/// duration are at least 1 µs (``shortestDurationSeconds``); duty spans are a finite list; a
/// customer returns with probability below 1 (a finite chain of returns) or at least 1 µs
/// after the last chat. The total is
/// then bounded by ``eventsPerReplication``, checked on an estimate before any run.
public enum ScenarioLimits {
    /// The longest duration anywhere in a scenario, in seconds: 100 years (36,525 days).
    ///
    /// A run's instants are sums of a few durations (warm-up, window, drain limit, a week of
    /// shift offset, a drawn delay): at 100 years each, thousands of them still fit the
    /// simulator's clock of signed 64-bit microseconds (about 292,000 years).
    public static let longestDurationSeconds: Double = 36_525 * 86_400
    /// The same limit as it reads in messages.
    static let longestDurationText = "36525d (100 years)"
    /// The shortest positive duration: 1 µs, the simulator's time step (a shorter one would round to 0).
    public static let shortestDurationSeconds = 1e-6
    /// Agents in one group, and in the whole scenario: each is a record the engine scans when it routes.
    public static let agents = 100_000
    /// Concurrent chats per agent (`capacity`, each channel's slots and their total).
    public static let capacity = 1_000
    /// Agents × the largest capacity: the simulator keeps a work rate per agent and slot.
    public static let agentSlots = 10_000_000
    /// Arrivals per hour of one stream (`rate_per_hour`, each profile rate, times `holiday_factor`).
    public static let ratePerHour: Double = 1_000_000
    /// Random breaks per hour on duty (`away.rate_per_hour`): one a minute on average.
    public static let breakRatePerHour: Double = 60
    /// The shortest time between scheduled breaks (`away.every`), in seconds.
    public static let shortestBreakIntervalSeconds: Double = 60
    /// Events one replication may be estimated to create (chats, breaks, shift and plan edges).
    public static let eventsPerReplication: Double = 2_000_000_000
    /// The events the estimate counts for each chat: arrival, offer, answer, end of work, wrap-up or abandonment.
    static let eventsPerChat: Double = 5
    /// Replications of one run (`replications`): each keeps its results until the run's summary.
    public static let replications = 100_000
    /// Intervals of the time series in the measured window (`duration` / `interval`).
    public static let intervals = 200_000
    /// Nodes of the YAML tree once aliases are expanded: a few lines of aliases can otherwise stand for billions.
    public static let yamlNodes = 1_000_000
    /// The size of a scenario file: 64 MiB, so that reading `/dev/zero` or a runaway pipe ends.
    public static let fileBytes = 64 << 20
    /// Phases of an Erlang distribution (`k`): each draw sums k exponential draws.
    public static let erlangPhases = 1_000
    /// A group's `speed` and each `slowdown` factor.
    public static let workFactor: Double = 1_000
    /// `weight` (weighted_random sums the weights of all members).
    public static let weight: Double = 1_000_000
    /// `cost_per_hour` (`parley staff` sums the costs of every agent and hour).
    public static let costPerHour: Double = 1_000_000
    /// `holiday_factor`.
    public static let holidayFactor: Double = 100
    /// The magnitude of `priority` and `experience`, which the engine compares as ranks.
    public static let rank = 1_000_000
    /// `busyness.cv`, the spread of the arrival-rate multiplier (mean 1).
    public static let busynessCV: Double = 3
    /// Why ``busynessCV`` exists, as it reads in messages.
    static let busynessCVReason = "beyond it the multiplier is nearly always close to 0 and rarely many times the forecast"
    /// `retrial.max_attempts`: an attempt's number rides in a 28-bit field of its event.
    public static let attempts = 1 << 27
    /// `max_attachment_mb`: a terabyte.
    public static let attachmentMegabytes: Double = 1_048_576
}
