// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

/// A block on an anonymous live-chat visitor: by visitor id, and by IP address unless `ip` is nil.
public struct VisitorBlock: Sendable, Equatable {
    public let visitor: ContactID
    /// The blocked address; nil: the visitor id alone is blocked.
    public let ip: IPAddress?
    /// When the block ends; ``SimTime/never`` for a permanent block.
    public let until: SimTime

    /// Whether the block holds at `time`.
    public func isActive(at time: SimTime) -> Bool { time < until }
}

/// What blocking did, with the proxy warning.
public struct BlockReceipt: Sendable, Equatable {
    public let block: VisitorBlock
    /// Other known visitors seen at the blocked address — blocked with it. Non-zero suggests a
    /// shared proxy: blocking by visitor id alone spares them.
    public let otherVisitorsOnIP: Int
}

/// The blocked live-chat visitors of a service, checked at intake (SPEC §2.3 "Block anonymous user").
///
/// Blocking by visitor id and IP stops every later chat from that visitor or from that address —
/// so visitors behind one proxy are blocked together, and the receipt says how many. Blocking by
/// visitor id alone is the alternative for that case. Blocks may expire. Refused commands throw a
/// ``BlockingError`` and change nothing. Dictionaries here are only looked up, never iterated
/// where order could matter.
public struct VisitorBlockList: Sendable, Equatable {
    private var blocks: [ContactID: VisitorBlock] = [:]
    /// The visitors whose block covers each address.
    private var blockersByIP: [IPAddress: [ContactID]] = [:]
    /// The visitors seen at each address.
    private var visitorsByIP: [IPAddress: Set<ContactID>] = [:]
    /// The addresses each visitor was seen at, to forget a visitor.
    private var addressesByVisitor: [ContactID: [IPAddress]] = [:]

    public init() {}

    /// Remembers that `visitor` came from `ip` (call at every live-chat intake).
    ///
    /// - Complexity: O(a) in the addresses the visitor was seen at.
    public mutating func recordVisit(_ visitor: ContactID, ip: IPAddress) {
        if visitorsByIP[ip, default: []].insert(visitor).inserted {
            addressesByVisitor[visitor, default: []].append(ip)
        }
    }

    /// How many known visitors other than `visitor` were seen at `ip` (ask before blocking by IP).
    ///
    /// - Complexity: O(1).
    public func otherVisitors(at ip: IPAddress, besides visitor: ContactID) -> Int {
        guard let visitors = visitorsByIP[ip] else { return 0 }
        return visitors.count - (visitors.contains(visitor) ? 1 : 0)
    }

    /// Blocks `visitor`, and `ip` unless it is nil, until `until`; a new block replaces the visitor's previous one.
    ///
    /// - Throws: ``BlockingError/notLiveChat(_:)`` for any other channel,
    ///   ``BlockingError/expiryNotInFuture(until:now:)`` for an expiry not after `now`.
    /// - Complexity: O(b) in the blocks on the address.
    public mutating func block(_ visitor: ContactID, ip: IPAddress?, channel: Channel, until: SimTime = .never,
                               at now: SimTime) throws(BlockingError) -> BlockReceipt {
        guard channel == .liveChat else { throw .notLiveChat(channel) }
        guard until > now else { throw .expiryNotInFuture(until: until, now: now) }
        removeBlock(of: visitor)
        let block = VisitorBlock(visitor: visitor, ip: ip, until: until)
        blocks[visitor] = block
        if let ip { blockersByIP[ip, default: []].append(visitor) }
        return BlockReceipt(block: block, otherVisitorsOnIP: ip.map { otherVisitors(at: $0, besides: visitor) } ?? 0)
    }

    /// Lifts the visitor's block (and the block of the address it covered).
    ///
    /// - Throws: ``BlockingError/notBlocked(_:)`` when the visitor has no block (an expired one counts as none).
    public mutating func unblock(_ visitor: ContactID, at now: SimTime) throws(BlockingError) {
        guard let block = blocks[visitor], block.isActive(at: now) else { throw .notBlocked(visitor) }
        removeBlock(of: visitor)
    }

    /// Whether a chat from `visitor` at `ip` is rejected at `time`: the visitor or the address is blocked.
    ///
    /// - Complexity: O(1) plus O(b) in the blocks on the address.
    public func isBlocked(visitor: ContactID, ip: IPAddress?, at time: SimTime) -> Bool {
        if let block = blocks[visitor], block.isActive(at: time) { return true }
        guard let ip, let blockers = blockersByIP[ip] else { return false }
        return blockers.contains { blocks[$0]?.isActive(at: time) ?? false }
    }

    /// The visitor's block in force at `time`, if any.
    public func block(of visitor: ContactID, at time: SimTime) -> VisitorBlock? {
        blocks[visitor].flatMap { $0.isActive(at: time) ? $0 : nil }
    }

    /// Drops the blocks that expired by `time` (memory only: expired blocks never match).
    ///
    /// - Complexity: O(total blocks).
    public mutating func removeExpired(at time: SimTime) {
        // The result does not depend on the order of the sweep.
        for (visitor, block) in blocks where !block.isActive(at: time) { removeBlock(of: visitor) }
    }

    /// Forgets the addresses `visitor` was seen at (its block, if any, stays).
    ///
    /// - Complexity: O(a) in the visitor's addresses.
    public mutating func forgetVisits(of visitor: ContactID) {
        for ip in addressesByVisitor.removeValue(forKey: visitor) ?? [] {
            visitorsByIP[ip]?.remove(visitor)
            if visitorsByIP[ip]?.isEmpty == true { visitorsByIP[ip] = nil }
        }
    }

    /// How many blocks are stored, expired ones included until ``removeExpired(at:)``.
    public var storedBlockCount: Int { blocks.count }

    private mutating func removeBlock(of visitor: ContactID) {
        guard let old = blocks.removeValue(forKey: visitor) else { return }
        if let ip = old.ip {
            blockersByIP[ip]?.removeAll { $0 == visitor }
            if blockersByIP[ip]?.isEmpty == true { blockersByIP[ip] = nil }
        }
    }
}
