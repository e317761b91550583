// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore

/// Runs a benchmark: for each trial a fresh engine on the same seed, a warm-up, then the timed decisions.
///
/// Trials repeat the identical workload, so their spread is the machine's noise alone. The
/// decisions are timed in blocks of ``blockSize``, with a burst of ``burstOperations``
/// calibration operations before the first block and after every block, so that each block's
/// machine state is known (see ``RegressionGate``).
public enum Benchmark {
    /// Decisions per block.
    public static let blockSize = 1_024
    /// Calibration operations per burst.
    public static let burstOperations = 256

    /// Runs every trial of `configuration`; `progress` is told after each trial (1-based).
    public static func run(_ configuration: BenchConfiguration,
                           progress: (Int) -> Void = { _ in }) throws(EngineError) -> BenchResult {
        let center = SyntheticCenter(configuration)
        let overhead = Double(MonotonicClock.overheadNanoseconds())
        var calibration = CalibrationLoop()
        var warm = LatencySamples()
        calibration.measure(operations: 4 * burstOperations, into: &warm)
        var trials: [BenchTrial] = []
        for trial in 1...max(configuration.trials, 1) {
            trials.append(try runTrial(configuration, center: center, calibration: &calibration))
            progress(trial)
        }
        _ = calibration.checksum
        return BenchResult(configuration: configuration, trials: trials, clockOverheadNanoseconds: overhead)
    }

    /// One trial: warm-up, then blocks of timed decisions between calibration bursts.
    static func runTrial(_ configuration: BenchConfiguration, center: SyntheticCenter,
                         calibration: inout CalibrationLoop) throws(EngineError) -> BenchTrial {
        var driver = try CenterDriver(configuration: configuration, center: center)
        driver.warmUp(untilSeconds: configuration.load.warmupSeconds)
        let arrivalsBefore = driver.arrivals, queuedBefore = driver.queuedArrivals
        var blocks: [LatencySamples] = []
        var bursts = [burst(&calibration)]
        var remaining = configuration.decisions
        while remaining > 0 {
            var block = LatencySamples(capacity: blockSize)
            driver.runTimed(decisions: min(blockSize, remaining), into: &block)
            remaining -= block.count
            blocks.append(block)
            bursts.append(burst(&calibration))
        }
        let timed = driver.arrivals - arrivalsBefore
        return BenchTrial(blocks: blocks, burstMedians: bursts,
                          queuedFraction: timed > 0 ? Double(driver.queuedArrivals - queuedBefore) / Double(timed) : 0)
    }

    /// Times one burst of calibration operations and returns its median operation (ns).
    static func burst(_ calibration: inout CalibrationLoop) -> Double {
        var samples = LatencySamples(capacity: burstOperations)
        calibration.measure(operations: burstOperations, into: &samples)
        return Double(samples.quantile(0.5) ?? 0)
    }
}
