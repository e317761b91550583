// SPDX-License-Identifier: GPL-3.0-or-later

/// FIFO within a priority (SPEC §2.4): chats that entered a queue, waiting for the same agents,
/// are first offered in the order they entered it.
///
/// The service numbers chats as it creates them (`c<number>`), so within one queue the numbers
/// are the queue-entry order; a queue has one priority. Chats are compared within a queue and
/// the language and channel that decide which agents may take them (a French chat may rightly
/// pass an English one to a free English-only agent). Only each chat's first offer counts, and
/// only one made from the queue it was created in (a RONA puts a chat back; an overflow moves
/// it). A chat offered at an engine time before one that entered its queue earlier is a
/// violation; one never offered (it left first) proves nothing and is never added.
///
/// What the check keeps of a chat is its entry (24 bytes), and only until it is checked: every
/// `batch` new entries, the chats numbered more than `lag` below the highest added are checked
/// and dropped, so the driver's memory stays flat however long the drive. The entries' storage
/// is sized for the lag and a batch from the start and reused, so a drive's first minutes do
/// not grow it step by step. A chat added later than that (a long wait or a long chat: 50,000
/// chats is over a minute at 750 a second) is left out, never compared out of order.
struct FIFOCheck {
    struct Entry {
        let number: UInt64
        let group: Int32
        let at: Int64
    }

    struct Group: Hashable {
        let queue: String
        let language: String?
        let channel: String
    }

    /// Entries added and not yet checked.
    private(set) var entries: [Entry] = []
    private var groups: [Group: Int32] = [:]
    /// Per group, the entry with the latest first offer among those already checked.
    private var latest: [Int32: Entry] = [:]
    /// Chats numbered below this have been checked (or were skipped); `checked` counts those compared.
    private(set) var checkedBelow: UInt64 = 0
    private(set) var checked = 0
    private(set) var batch: Int
    private(set) var lag: UInt64
    /// The highest chat number added, and the entry count that starts the next check.
    private var highest: UInt64 = 0
    private var nextCheck: Int

    init(batch: Int = 16_384, lag: UInt64 = 50_000) {
        self.batch = batch
        self.lag = lag
        nextCheck = batch
        entries.reserveCapacity(Self.capacity(batch: batch, lag: lag))
    }

    /// The entries held at most between checks: the lag, a batch and the entry that starts a check.
    private static func capacity(batch: Int, lag: UInt64) -> Int {
        min(Int(clamping: lag) + batch + 1, 1 << 20)
    }

    /// Adds chat `number`'s first offer (engine time `at`, µs) in `group`; returns the violations of
    /// the check this entry started, if any.
    mutating func add(number: UInt64, group key: Group, at: Int64) -> [String] {
        let group = groups[key] ?? {
            let index = Int32(groups.count)
            groups[key] = index
            return index
        }()
        guard number >= checkedBelow else { return [] }
        entries.append(Entry(number: number, group: group, at: at))
        highest = max(highest, number)
        guard entries.count >= nextCheck else { return [] }
        let violations = highest > lag ? check(below: highest - lag) : []
        nextCheck = entries.count + batch
        return violations
    }

    /// Checks the entries of chats numbered below `limit` (all of them by default) in number order
    /// within each group, after those checked before, drops them, and returns the violations found.
    mutating func check(below limit: UInt64 = .max) -> [String] {
        let split = entries.partition { $0.number >= limit }
        entries[..<split].sort { ($0.group, $0.number) < ($1.group, $1.number) }
        var names: [Int32: String] = [:]
        for (key, index) in groups { names[index] = key.queue }
        var violations: [String] = []
        var group: Int32 = -1
        var last: Entry?
        for chat in entries[..<split] {
            if chat.group != group {
                if group >= 0 { latest[group] = last }
                group = chat.group
                last = latest[group]
            }
            checked += 1
            if let earlier = last, chat.at < earlier.at {
                violations.append("FIFO broken in queue \(names[group]!): c\(chat.number) offered at \(chat.at) µs before "
                                  + "c\(earlier.number), which entered the queue first (offered at \(earlier.at) µs)")
            }
            if last.map({ chat.at > $0.at }) ?? true { last = chat }
        }
        if group >= 0 { latest[group] = last }
        entries.removeSubrange(..<split)
        checkedBelow = max(checkedBelow, limit)
        return violations
    }

    /// Sets how many new entries start a check and how far below the highest added it stops.
    mutating func setBatch(_ batch: Int, lag: UInt64) {
        self.batch = batch
        self.lag = lag
        nextCheck = entries.count + batch
        entries.reserveCapacity(Self.capacity(batch: batch, lag: lag))
    }
}
