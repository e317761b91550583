// SPDX-License-Identifier: GPL-3.0-or-later

/// The targets an analytic staffing search must meet; a nil target is not checked.
///
/// Service level is answered within `thresholdSeconds` over all offered (SPEC §4), the abandon
/// cap is on the probability of abandoning, and the ASA cap on the mean wait of answered chats.
public struct ErlangTargets: Sendable, Equatable {
    public var serviceLevel: Double?
    public var thresholdSeconds: Double
    public var maxAbandonProbability: Double?
    public var maxASASeconds: Double?

    public init(serviceLevel: Double? = nil, thresholdSeconds: Double = 20, maxAbandonProbability: Double? = nil,
                maxASASeconds: Double? = nil) {
        self.serviceLevel = serviceLevel
        self.thresholdSeconds = thresholdSeconds
        self.maxAbandonProbability = maxAbandonProbability
        self.maxASASeconds = maxASASeconds
    }
}
