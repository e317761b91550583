// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import ParleyTime
@testable import ParleyCommands
import Scenarios
import Testing

/// A drive longer than its scenario keeps agents without shifts on duty to its end (a 10-minute
/// measurement at `--speed 450` once logged every agent off after 25 simulated hours — the scenario's
/// hour plus the simulator's drain limit — and queued the rest of the drive's chats).
@Suite struct DriveDutyTests {
    static let yaml = """
        name: duty
        seed: 1
        duration: 1h
        queues:
          - id: chat
            strategy: longest_idle
        agents:
          - group: desk
            count: 2
            queues: [chat]
        customers:
          - id: web
            channel: live_chat
            queue: chat
            arrivals: {rate_per_hour: 60}
            handle_time: {dist: constant, value: 60}
        """

    static func dutyEnds(playing played: SimDuration?) throws -> [SimTime] {
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "duty.yaml")
        let model = try DriveCommand.model(of: scenario, playing: played)
        return LiveWorkload(model).agents.map { $0.duty.last!.end }
    }

    @Test func aDriveLongerThanTheScenarioKeepsAgentsOnDutyToItsEnd() throws {
        let played = SimDuration.hours(75)
        for end in try Self.dutyEnds(playing: played) { #expect(end >= SimTime.zero + played) }
    }

    @Test func aDriveWithinTheScenarioKeepsTheScenariosDuty() throws {
        #expect(try Self.dutyEnds(playing: .minutes(30)) == Self.dutyEnds(playing: nil))
        for end in try Self.dutyEnds(playing: nil) { #expect(end < SimTime.zero + .hours(75)) }
    }
}
