// SPDX-License-Identifier: GPL-3.0-or-later

/// Arrivals under forecast uncertainty (SPEC §3.3 `busyness`).
extension Replication {
    /// The next candidate arrival of the Poisson or profile stream `s` after `time`, with its rate
    /// times the replication's busyness multiplier, or nil when none comes by the drain end.
    ///
    /// Spends one unit exponential (divided by the holiday thinning majorant, as without
    /// busyness) over stretches where both the stream's rate and the multiplier are constant —
    /// profile intervals cut at the multiplier's days — which is exact for a piecewise-constant
    /// rate. A trace has no rate: it is replayed as recorded and never gets here.
    ///
    /// - Complexity: O(stretches crossed).
    mutating func nextBusyArrival(of s: Int, after time: Int64, busyness: Busyness, majorant: Double) -> Int64? {
        var left = arrivalGenerators[s].exponential(mean: 1) / majorant
        var t = time
        let end = model.drainEnd.microseconds
        while true {
            let (factor, factorEnd) = busyness.factor(at: t)
            var rate: Double
            var rateEnd = Int64.max
            switch model.streams[s].arrivals {
            case .poisson(let ratePerSecond):
                rate = ratePerSecond / 1e6
            case .profile(let interval, let rates):
                let period = interval * Int64(rates.count)
                var local = (t - model.weekOrigin) % period
                if local < 0 { local += period }
                rate = rates[Int(local / interval)]
                rateEnd = t + (interval - local % interval)
            case .trace:
                return nil
            }
            rate *= factor
            let stretchEnd = min(factorEnd, rateEnd)
            let stop = min(stretchEnd, end)
            if rate > 0 {
                let need = left / rate
                if need <= Double(stop - t) { return t + Int64(need.rounded()) }
                left -= Double(stop - t) * rate
            }
            if stretchEnd >= end { return nil }
            t = stretchEnd
        }
    }
}
