// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// What a queue must achieve in every interval of a staffing plan (SPEC §3.2 `targets`).
///
/// Each target is optional, but a `targets` mapping names at least one. They are judged per
/// interval over the chats that arrived in it, with the SPEC §4 definitions: `service_level`
/// (answered within the queue's threshold over offered) at least the target, `abandon_rate`
/// (abandoned over offered) and `asa` (mean wait of answered chats) at most the target.
public struct QueueTargets: Sendable, Equatable {
    /// The least acceptable service level, from 0 to 1.
    public var serviceLevel: Double?
    /// The greatest acceptable abandon rate, from 0 to 1.
    public var abandonRate: Double?
    /// The greatest acceptable average speed of answer.
    public var asa: SimDuration?

    public init(serviceLevel: Double? = nil, abandonRate: Double? = nil, asa: SimDuration? = nil) {
        self.serviceLevel = serviceLevel
        self.abandonRate = abandonRate
        self.asa = asa
    }
}
