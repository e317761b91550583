// SPDX-License-Identifier: GPL-3.0-or-later

import AsyncHTTPClient
import Foundation

/// The service's engine clock as seen from the driver's monotonic clock, for the WebSocket delivery lag.
///
/// Every event carries `at`, the engine time (µs since the service started) of the command or
/// deadline that produced it; `GET /healthz` answers the engine time now. The driver reads it a
/// few times and keeps the read with the shortest round trip (as NTP does): the service read its
/// clock somewhere within that round trip, so taking its midpoint puts the two clocks in step to
/// within half of it, the ``uncertaintyMicros`` reported beside the lag.
struct ServerClock: Sendable, Equatable {
    /// The driver's instant at which the service's engine time was zero.
    let origin: ContinuousClock.Instant
    /// Half the round trip of the read the offset was taken from, in microseconds.
    let uncertaintyMicros: Int64

    /// One read of the service's clock: sent and answered on the driver's clock, the engine time in the answer.
    struct Probe: Sendable {
        let sent: ContinuousClock.Instant
        let answered: ContinuousClock.Instant
        let engineMicros: Int64
    }

    /// The clock from the probe with the shortest round trip (nil: no probe).
    init?(probes: [Probe]) {
        guard let best = probes.min(by: { $0.answered - $0.sent < $1.answered - $1.sent }) else { return nil }
        let roundTrip = best.answered - best.sent
        origin = best.sent + roundTrip / 2 - .microseconds(best.engineMicros)
        uncertaintyMicros = (DriveRecorder.microseconds(roundTrip) + 1) / 2
    }

    /// The driver's instant of engine time `micros`.
    func instant(ofEngineTime micros: Int64) -> ContinuousClock.Instant { origin + .microseconds(micros) }

    /// Reads the service's clock `count` times over `GET /healthz` (nil: no answer carried a time).
    static func read(_ http: HTTPClient, base: String, count: Int = 16) async -> ServerClock? {
        var probes: [Probe] = []
        for _ in 0..<count {
            let sent = ContinuousClock.now
            guard let response = try? await http.execute(HTTPClientRequest(url: base + "/healthz"), timeout: .seconds(10)),
                  let body = try? await response.body.collect(upTo: 1 << 16) else { continue }
            let answered = ContinuousClock.now
            guard response.status.code == 200,
                  let object = (try? JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8))) as? [String: Any],
                  let time = (object["time"] as? NSNumber)?.int64Value else { continue }
            probes.append(Probe(sent: sent, answered: answered, engineMicros: time))
        }
        return ServerClock(probes: probes)
    }
}
