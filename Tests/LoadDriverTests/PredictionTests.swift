// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import LoadDriver
import ParleyTime
import Scenarios
import Testing

/// A drive's observed figures beside the simulator's prediction for the same span (SPEC §8), in
/// the serialized suite of drives.
extension DriveTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/examples/live-drive.yaml")

    /// The service *is* the engine, so a drive of `live-drive.yaml` — the example whose every
    /// behaviour the driver plays and which no real-time timer of the service reaches — lands inside
    /// the simulator's 99.9 % interval for one run on service level, ASA and abandon rate.
    ///
    /// Speed 100 plays the 70 simulated minutes in 42 s: the drive's own latency (a few ms per
    /// request, more on a loaded machine) times 100 stays a small part of waits measured in tens
    /// of seconds, and the uniform 2–10 s accept delays never reach the real 30 s offer timeout.
    @Test func aDriveOfTheLiveExampleFallsInsideTheSimulatorsIntervals() async throws {
        let text = try String(contentsOf: Self.example, encoding: .utf8)
        let model = try CompiledScenario(ScenarioLoader.load(yaml: text, file: "live-drive.yaml"))
        let result = try await DriveTests.withServer(yaml: text) { port, tokens in
            try await LoadDriver(model: model, options: .init(target: "http://127.0.0.1:\(port)", speed: 100, tokens: tokens,
                                                              drainLimit: .seconds(30), predictionReplications: 30,
                                                              predictionJobs: 2)).run()
        }
        let prediction = try #require(result.prediction)
        #expect(prediction.replications == 30)
        #expect(prediction.windowStart == 600 && prediction.windowEnd == 4200)
        #expect(result.observed.offered > 100)
        // The only refusals are the races of a customer leaving as an agent accepts (404: the offer
        // is gone) or closes (409).
        let statuses = result.errorsByStatus
        #expect(statuses.keys.allSatisfy { $0 == 404 || $0 == 409 }, "\(statuses)")
        #expect(result.errors < result.observed.offered / 10)
        #expect(result.violations == [])
        #expect(prediction.figures.map(\.metric) == ["service_level", "asa_s", "abandon_rate"])
        for figure in prediction.figures {
            let (low, high, mean, observed) = (try #require(figure.low), try #require(figure.high), try #require(figure.mean),
                                               try #require(figure.observed))
            // A comparison that means something: a loaded team (some waits, some customers leave)
            // and an interval narrower than the metric's range. One simulated hour is one realisation
            // of about 160 chats, so the interval for one run is wide (service level ± 0.4 or so).
            #expect(mean > 0)
            #expect(figure.metric == "asa_s" ? high - low < 4 * mean : high - low < 0.9, "\(figure)")
            #expect(figure.inside == true, "\(figure.metric): observed \(observed) outside [\(low), \(high)]")
        }
        // The same figures in the text and JSON outputs.
        let lines = result.text(thresholds: []).split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("simulator's prediction (30 replications, window 600–4200 s") })
        #expect(lines[header + 2].hasPrefix("service_level") && lines[header + 2].hasSuffix(" inside"))
        #expect(lines[header + 3].hasPrefix("asa_s") && lines[header + 4].hasPrefix("abandon_rate"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.json(thresholds: []).utf8)) as? [String: Any])
        let metrics = try #require((json["prediction"] as? [String: Any])?["metrics"] as? [String: [String: Any]])
        #expect(metrics["service_level"]?["inside"] as? Bool == true)
        let asa = try #require(metrics["asa_s"]?["observed"] as? Double)
        #expect(abs(asa - (prediction.figures[1].observed ?? 0)) < 1e-9)
    }

    /// The measured window follows the simulator's: after the warm-up when the drive is longer, else all of it.
    @Test func theMeasuredWindowIsTheSimulatorsForTheDrivesSpan() throws {
        let text = try String(contentsOf: Self.example, encoding: .utf8)
        let model = try CompiledScenario(ScenarioLoader.load(yaml: text, file: "live-drive.yaml"))
        let prediction = try Prediction.simulate(model, played: .minutes(5), replications: 3, jobs: 1, observed: [:])
        #expect(prediction.windowStart == 0 && prediction.windowEnd == 300)
        #expect(prediction.figures.allSatisfy { $0.observed == nil && $0.inside == nil })
        let longer = try Prediction.simulate(model, played: .minutes(40), replications: 20, jobs: 1,
                                             observed: ["service_level": 3.0])
        #expect(longer.windowStart == 600 && longer.windowEnd == 2400)
        // An impossible service level is outside any interval of the simulator's.
        #expect(longer.figures[0].inside == false)
    }
}
