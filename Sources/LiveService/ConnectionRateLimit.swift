// SPDX-License-Identifier: GPL-3.0-or-later

import Hummingbird
import Synchronization

/// The per-connection request rate limit (SPEC §8): a token bucket per connection; a request
/// beyond it is 429 `rateLimited`, and the connection stays open.
struct ConnectionRateLimit: RouterMiddleware {
    typealias Context = LiveRequestContext

    let buckets: TokenBuckets

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        try check(context)
        return try await next(request, context)
    }

    /// Takes a token from the request's connection; 429 when none is left.
    func check(_ context: Context) throws(LiveError) {
        guard buckets.admit(context.connection, at: .now) else {
            throw LiveError(.tooManyRequests, "rateLimited",
                            "more than \(Int(buckets.ratePerSecond)) requests per second on one connection")
        }
    }
}

/// Token buckets by connection: `burst` requests at once, refilled at `ratePerSecond`.
final class TokenBuckets: Sendable {
    let ratePerSecond: Double
    let burst: Double
    private let state = Mutex<[ObjectIdentifier: (tokens: Double, at: ContinuousClock.Instant)]>([:])

    init(ratePerSecond: Double, burst: Double) {
        self.ratePerSecond = ratePerSecond
        self.burst = burst
    }

    /// Takes a token for `key` if one is left.
    ///
    /// Buckets are dropped once full again (their connection idle for burst / rate seconds) when
    /// there are many, so closed connections do not accumulate.
    /// - Complexity: O(1) amortised.
    func admit(_ key: ObjectIdentifier, at now: ContinuousClock.Instant) -> Bool {
        state.withLock { buckets in
            var bucket = buckets[key] ?? (burst, now)
            let elapsed = now - bucket.at
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * ratePerSecond)
            bucket.at = now
            let admitted = bucket.tokens >= 1
            if admitted { bucket.tokens -= 1 }
            buckets[key] = bucket
            if buckets.count > 10_000 {
                let idle = burst / ratePerSecond
                buckets = buckets.filter { entry in
                    let age = now - entry.value.at
                    return Double(age.components.seconds) < idle
                }
            }
            return admitted
        }
    }
}
