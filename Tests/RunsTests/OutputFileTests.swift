// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Runs
import Testing

/// Outputs go to regular files or new names only; the check itself touches nothing.
@Suite struct OutputFileTests {
    @Test func onlyRegularFilesAndNewNamesMayBeWritten() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let regular = directory + "/plan.yaml"
        try "x".write(toFile: regular, atomically: true, encoding: .utf8)
        #expect(OutputFile.refusal(regular) == nil)
        #expect(OutputFile.refusal(directory + "/new.yaml") == nil)
        #expect(OutputFile.refusal(directory)?.contains("directory") == true)
        #expect(OutputFile.refusal("/dev/null")?.contains("device") == true)
        #expect(OutputFile.refusal("")?.contains("empty") == true)
        let link = directory + "/link.yaml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: regular)
        #expect(OutputFile.refusal(link)?.contains("symbolic link") == true)
        #expect(throws: OutputFile.Refused.self) { try OutputFile.write("y", to: link) }
        #expect(try String(contentsOfFile: regular, encoding: .utf8) == "x")
        try OutputFile.write("y", to: regular)
        #expect(try String(contentsOfFile: regular, encoding: .utf8) == "y")
    }
}
