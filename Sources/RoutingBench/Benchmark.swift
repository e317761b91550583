// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore

/// Runs a benchmark: for each trial a fresh engine on the same seed, a warm-up, then the timed decisions.
///
/// Trials repeat the identical workload, so their spread is the machine's noise alone; the
/// calibration loop runs in short bursts between blocks of decisions so that both see the
/// machine in the same state.
public enum Benchmark {
    /// Runs every trial of `configuration`; `progress` is told after each trial (1-based).
    public static func run(_ configuration: BenchConfiguration,
                           progress: (Int) -> Void = { _ in }) throws(EngineError) -> BenchResult {
        let center = SyntheticCenter(configuration)
        let overhead = Double(MonotonicClock.overheadNanoseconds())
        var calibration = CalibrationLoop()
        var trials: [BenchTrial] = []
        for trial in 1...max(configuration.trials, 1) {
            trials.append(try runTrial(configuration, center: center, calibration: &calibration))
            progress(trial)
        }
        _ = calibration.checksum
        return BenchResult(configuration: configuration, trials: trials, clockOverheadNanoseconds: overhead)
    }

    /// One trial: warm-up, then the timed decisions interleaved with calibration bursts.
    static func runTrial(_ configuration: BenchConfiguration, center: SyntheticCenter,
                         calibration: inout CalibrationLoop) throws(EngineError) -> BenchTrial {
        var driver = try CenterDriver(configuration: configuration, center: center)
        driver.warmUp(untilSeconds: configuration.load.warmupSeconds)
        var calibrationSamples = LatencySamples(capacity: configuration.decisions / 4 + 512)
        calibration.measure(operations: 512, into: &calibrationSamples)
        var decisions = LatencySamples(capacity: configuration.decisions)
        let arrivalsBefore = driver.arrivals, queuedBefore = driver.queuedArrivals
        driver.runTimed(decisions: configuration.decisions, into: &decisions,
                        calibration: &calibration, calibrationSamples: &calibrationSamples)
        let timed = driver.arrivals - arrivalsBefore
        return BenchTrial(decisions: decisions, calibrationNanoseconds: Double(calibrationSamples.quantile(0.5) ?? 1),
                          queuedFraction: timed > 0 ? Double(driver.queuedArrivals - queuedBefore) / Double(timed) : 0)
    }
}
