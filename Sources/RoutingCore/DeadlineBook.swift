// SPDX-License-Identifier: GPL-3.0-or-later

import HeapModule
import ParleyTime
import PlainStorage

/// One pending engine timer.
@usableFromInline
struct Deadline: Sendable {
    @usableFromInline enum Kind: UInt8, Sendable { case offer, invite, alert, sticky, overflow }
    @usableFromInline var time: Int64
    @usableFromInline var chat: ChatID
    /// The chat's round (or invite round) when the timer was set; a timer of an older round is stale.
    @usableFromInline var round: UInt32
    @usableFromInline var kind: Kind

    init(time: Int64, chat: ChatID, round: UInt32, kind: Kind) {
        self.time = time
        self.chat = chat
        self.round = round
        self.kind = kind
    }
}

/// A timer set out of order, ordered by time and then by the order in which timers were set.
@usableFromInline
struct OutOfOrderDeadline: Comparable, Sendable {
    @usableFromInline var deadline: Deadline
    /// How many out-of-order timers were set before this one: the tie-break between equal times.
    @usableFromInline var sequence: UInt64

    @usableFromInline static func < (a: Self, b: Self) -> Bool {
        a.deadline.time != b.deadline.time ? a.deadline.time < b.deadline.time : a.sequence < b.sequence
    }

    /// Sequences are unique, so two entries are equal only when they are the same timer.
    @usableFromInline static func == (a: Self, b: Self) -> Bool { a.sequence == b.sequence }
}

/// The engine's timers, kept so that the next one is found without a heap in the common case.
///
/// Timers of one duration (a queue's offer timeout, say) are set in time order, so each distinct
/// duration gets a first-in first-out line; the rare timer set out of order (the alert of a chat
/// back from RONA) goes into a small heap (swift-collections' `Heap`). Timers that became moot (an
/// offer accepted) are not searched for: they are dropped when they reach the front, except that the latest one of a line
/// is removed at once when it is cancelled right after being set (a prompt accept).
@usableFromInline
struct DeadlineBook: Sendable {
    @usableFromInline var durations: [Int64] = []
    /// (A ``PlainTable``: copies share the lines until the engine separates them, ``RoutingEngine/makeUnique()``.)
    @usableFromInline var lines = PlainTable<RingBuffer<Deadline>>(capacity: 4)
    @usableFromInline var outOfOrder = Heap<OutOfOrderDeadline>()
    /// Out-of-order timers set so far (the heap's tie-break).
    @usableFromInline var outOfOrderSet: UInt64 = 0
    /// Timers still relevant (set and neither fired nor cancelled).
    @usableFromInline var pending = 0
    /// When `earliestKnown`: the time of the earliest relevant timer (`Int64.max` for none), so the
    /// simulator's question after every event costs a load, not a scan of the lines.
    @usableFromInline var earliestTime = Int64.max
    /// Whether `earliestTime` is up to date; cleared by whatever may have removed the earliest timer.
    @usableFromInline var earliestKnown = true

    /// The line for timers of `duration`, made on first use.
    mutating func line(for duration: SimDuration) -> Int {
        if let existing = durations.firstIndex(of: duration.microseconds) { return existing }
        durations.append(duration.microseconds)
        lines.append(RingBuffer(capacity: 64))
        return lines.count - 1
    }

    /// Sets a timer in line `l` (its time is now + the line's duration).
    ///
    /// - Complexity: O(1) amortised.
    @inline(__always) mutating func set(line l: Int, at now: SimTime, chat: ChatID, round: UInt32, kind: Deadline.Kind) {
        let time = now.microseconds &+ durations[l]
        lines[l].append(Deadline(time: time, chat: chat, round: round, kind: kind))
        pending += 1
        if time < earliestTime { earliestTime = time }
    }

    /// Sets a timer at an arbitrary time.
    ///
    /// - Complexity: O(log r) in out-of-order timers.
    mutating func set(at time: Int64, chat: ChatID, round: UInt32, kind: Deadline.Kind) {
        outOfOrder.insert(OutOfOrderDeadline(deadline: Deadline(time: time, chat: chat, round: round, kind: kind),
                                             sequence: outOfOrderSet))
        outOfOrderSet &+= 1
        pending += 1
        if time < earliestTime { earliestTime = time }
    }

    /// Marks one timer as no longer relevant; drops it at once if it is the latest of line `l`.
    ///
    /// The known earliest time stays valid when the cancelled timer is provably later: it is the
    /// latest of its line and later than that time, or it stands in line `l` (every kind but an
    /// alert, which may have been set out of order) behind a front that already is.
    /// - Complexity: O(1).
    @inline(__always) mutating func cancel(line l: Int, chat: ChatID, round: UInt32, kind: Deadline.Kind) {
        pending -= 1
        if let last = lines[l].last, last.chat == chat, last.round == round, last.kind == kind {
            lines[l].removeLast()
            if last.time <= earliestTime { earliestKnown = false }
        } else if kind != .alert, let front = lines[l].first, front.time > earliestTime {
            // The cancelled timer stands behind `front`, so it is later than the earliest too.
        } else {
            earliestKnown = false
        }
    }

    /// Gives this book lines of its own (a copy of the book shares them).
    ///
    /// - Complexity: O(slots of the lines).
    mutating func separate() {
        lines = lines.copied()
        for l in lines.indices { lines[l].separate() }
    }

    /// The earliest out-of-order timer, relevant or not.
    ///
    /// - Complexity: O(1).
    var firstOutOfOrder: Deadline? { outOfOrder.min?.deadline }

    /// Removes the earliest out-of-order timer.
    ///
    /// - Complexity: O(log r) in out-of-order timers.
    mutating func removeFirstOutOfOrder() { outOfOrder.removeMin() }

    /// Every out-of-order timer, in no particular order (for invariant checks).
    var outOfOrderDeadlines: [Deadline] { outOfOrder.unordered.map(\.deadline) }
}
