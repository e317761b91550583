// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import Foundation
import ParleyTime

/// A stream of synthetic customers writing on one channel into one queue.
public struct CustomerStreamSpec: Sendable, Equatable {
    public var id: String
    public var channel: ChannelName
    /// The id of the queue the stream's chats enter.
    public var queue: String
    public var arrivals: ArrivalSpec
    /// How long a customer waits for an agent; nil means infinitely patient.
    public var patience: DistributionSpec?
    /// Work content of a chat for a solo agent of speed 1.
    public var handleTime: DistributionSpec
    /// The language mix, shares summing to 1, in file order; empty: chats take the queue's language.
    public var languages: [LanguageShare]
    /// Probability that the customer leaves an active chat, after a uniform fraction of its work.
    public var endsChatProbability: Double = 0
    /// Re-contacts: with this probability a customer writes again after a finished chat.
    public var returnProbability: Double = 0
    /// How long after the finished chat the customer writes again.
    public var returnAfter: DistributionSpec = .constant(value: 0)
    /// Probability that the customer goes silent while its chat waits, and after how long in the
    /// queue (`inactivity: {probability, after}`); the queue closes the chat as `inactive` once
    /// it has been silent for the queue's `inactivity_timeout`.
    public var inactivityProbability: Double = 0
    public var inactivityAfter: DistributionSpec = .constant(value: 0)
    /// Customers who abandon or leave the chatbot try again (`retrial`); nil: they are lost.
    public var retrial: RetrialSpec?
    /// Chatbot, card numbers, attachments, abusive visitors and holiday arrivals.
    public var services = CustomerServices()

    public init(id: String, channel: ChannelName, queue: String, arrivals: ArrivalSpec,
                patience: DistributionSpec?, handleTime: DistributionSpec, languages: [LanguageShare] = []) {
        self.id = id
        self.channel = channel
        self.queue = queue
        self.arrivals = arrivals
        self.patience = patience
        self.handleTime = handleTime
        self.languages = languages
    }
}

/// One language of a stream's mix and the share of chats written in it.
public struct LanguageShare: Sendable, Equatable {
    public var language: String
    public var share: Double

    public init(language: String, share: Double) {
        self.language = language
        self.share = share
    }
}

/// How a stream's chats arrive.
public enum ArrivalSpec: Sendable, Equatable {
    /// A Poisson process with a constant rate, in chats per hour.
    case poisson(ratePerHour: Double)
    /// A Poisson process whose rate is constant within each interval of local time, repeating
    /// daily (24 h of values) or weekly (7 × 24 h), the first value at Monday (or midnight) 00:00.
    case profile(interval: SimDuration, ratesPerHour: [Double])
    /// Recorded arrivals, replayed identically in every replication: offsets after `start`,
    /// optionally with a work content in seconds.
    case trace([TraceArrival])

    /// The long-run mean rate in chats per hour (a trace: its count over its span, at least an hour).
    public var meanRatePerHour: Double {
        switch self {
        case .poisson(let rate): return rate
        case .profile(_, let rates): return rates.isEmpty ? 0 : rates.reduce(0, +) / Double(rates.count)
        case .trace(let rows):
            guard let last = rows.last else { return 0 }
            return Double(rows.count) / max(last.offset.seconds / 3600, 1)
        }
    }
}

/// One recorded arrival of a trace.
public struct TraceArrival: Sendable, Equatable {
    /// Time after the window's start.
    public var offset: SimDuration
    /// The chat's work content in seconds, when the trace gives it.
    public var workSeconds: Double?

    public init(offset: SimDuration, workSeconds: Double? = nil) {
        self.offset = offset
        self.workSeconds = workSeconds
    }
}

/// The local time at which the measured window starts, and its place in the week.
public struct LocalStart: Sendable, Equatable {
    /// As written, e.g. `2026-11-23T00:00`.
    public var text: String
    /// Time from the preceding Monday 00:00 to the start.
    public var weekOffset: SimDuration

    public init(text: String, weekOffset: SimDuration) {
        self.text = text
        self.weekOffset = weekOffset
    }

    /// The default: the window starts on a Monday at midnight.
    public static let mondayMidnight = LocalStart(text: "Monday 00:00", weekOffset: .zero)
}

/// A range of the week, in seconds from Monday 00:00 (the end may pass into the next week).
public struct WeeklyRange: Sendable, Equatable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
}

/// Agents on duty per interval of local time, repeating daily or weekly.
public struct StaffingPlan: Sendable, Equatable {
    public var interval: SimDuration
    public var counts: [Int]

    public init(interval: SimDuration, counts: [Int]) {
        self.interval = interval
        self.counts = counts
    }
}

/// An agent group's breaks.
public enum AwaySpec: Sendable, Equatable {
    /// A break of `duration` every `period`, staggered per agent by a random phase.
    case scheduled(every: SimDuration, duration: SimDuration)
    /// Breaks starting at random (Poisson, per hour on duty), each of a drawn length.
    case atRandom(ratePerHour: Double, duration: DistributionSpec)
}
