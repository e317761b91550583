// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// One pending engine timer.
@usableFromInline
struct Deadline: Sendable {
    @usableFromInline enum Kind: UInt8, Sendable { case offer, invite, alert, sticky }
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

/// The engine's timers, kept so that the next one is found without a heap in the common case.
///
/// Timers of one duration (a queue's offer timeout, say) are set in time order, so each distinct
/// duration gets a first-in first-out line; the rare timer set out of order (the alert of a chat
/// back from RONA) goes into a small heap. Timers that became moot (an offer accepted) are not
/// searched for: they are dropped when they reach the front, except that the latest one of a line
/// is removed at once when it is cancelled right after being set (a prompt accept).
@usableFromInline
struct DeadlineBook: Sendable {
    @usableFromInline var durations: [Int64] = []
    @usableFromInline var lines: [RingBuffer<Deadline>] = []
    @usableFromInline var outOfOrder: [Deadline] = []
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
        outOfOrder.append(Deadline(time: time, chat: chat, round: round, kind: kind))
        var index = outOfOrder.count - 1
        while index > 0 {
            let parent = (index - 1) / 2
            guard outOfOrder[index].time < outOfOrder[parent].time else { break }
            outOfOrder.swapAt(index, parent)
            index = parent
        }
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

    mutating func removeFirstOutOfOrder() {
        let last = outOfOrder.removeLast()
        guard !outOfOrder.isEmpty else { return }
        outOfOrder[0] = last
        var index = 0
        while true {
            var child = 2 * index + 1
            if child >= outOfOrder.count { break }
            if child + 1 < outOfOrder.count && outOfOrder[child + 1].time < outOfOrder[child].time { child += 1 }
            guard outOfOrder[child].time < outOfOrder[index].time else { break }
            outOfOrder.swapAt(index, child)
            index = child
        }
    }
}

