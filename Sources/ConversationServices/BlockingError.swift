// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

/// Why a block or unblock is refused; a refused command changes nothing.
public enum BlockingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Only anonymous live-chat visitors can be blocked; other channels know their contacts.
    case notLiveChat(Channel)
    /// The expiry is not after the time of blocking.
    case expiryNotInFuture(until: SimTime, now: SimTime)
    /// The visitor is not blocked.
    case notBlocked(ContactID)

    public var description: String {
        switch self {
        case .notLiveChat(let channel): "only live-chat visitors can be blocked, not a \(channel) contact"
        case .expiryNotInFuture(let until, let now): "a block must expire after it starts (\(until) is not after \(now))"
        case .notBlocked(let visitor): "\(visitor) is not blocked"
        }
    }
}
