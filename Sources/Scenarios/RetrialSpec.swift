// SPDX-License-Identifier: GPL-3.0-or-later

/// Customers who gave up trying again (SPEC §3.3 `retrial: {probability, after, max_attempts}`).
///
/// A customer whose attempt ends abandoned, or as a missed contact in the chatbot, writes again
/// after `after` with `probability`, as a new attempt of the same contact, until an attempt is
/// served or the customer has made `maxAttempts` attempts (the first one included).
public struct RetrialSpec: Sendable, Equatable {
    public var probability: Double
    /// The delay from giving up to the next attempt.
    public var after: DistributionSpec
    /// The most attempts a customer makes, the first included (nil: no limit).
    public var maxAttempts: Int?

    public init(probability: Double, after: DistributionSpec, maxAttempts: Int? = nil) {
        self.probability = probability
        self.after = after
        self.maxAttempts = maxAttempts
    }
}
