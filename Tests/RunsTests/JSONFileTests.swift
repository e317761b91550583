// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import Runs

/// The one JSON reader: shape errors point at the line and column where the offending value starts.
@Suite struct JSONFileTests {
    static let text = """
        {
          "metrics": {
            "overall": {"service_level": {"mean": "high", "ci95": 0.1}},
            "queues": [1, 2]
          },
          "cases": [{"name": "a"}, {"name": 7}]
        }
        """

    @Test func shapeErrorsAreLocatedAtTheValue() throws {
        let file = try JSONFile(path: "f.json", text: Self.text)
        let mean = try file.top.required("metrics").required("overall").required("service_level").required("mean")
        #expect(throws: JSONFile.Error.self) { try mean.number() }
        #expect(mean.error("expected a number").description
                == "f.json:3:43: error: metrics.overall.service_level.mean: expected a number")
        let queues = try file.top.required("metrics").required("queues")
        #expect(queues.error("x").description.hasPrefix("f.json:4:15: error: metrics.queues: x"))
        let second = try file.top.required("cases").items()[1]
        do { _ = try second.required("name").string(); Issue.record("a number is not a string") } catch {
            #expect(error.description == "f.json:6:37: error: cases[1].name: expected a string")
        }
    }

    @Test func aMissingKeyIsLocatedAtItsObject() throws {
        let file = try JSONFile(path: "f.json", text: Self.text)
        do { _ = try file.top.required("metrics").required("channels"); Issue.record("no channels") } catch {
            #expect(error.description == "f.json:2:14: error: metrics.channels: missing")
        }
    }

    @Test func syntaxErrorsAndUnreadableFiles() {
        #expect(throws: JSONFile.Error.self) { try JSONFile(path: "g.json", text: "{\"a\" 1}") }
        do { _ = try JSONFile(path: "g.json", text: "{\"a\" 1}") } catch {
            #expect(error.description == "g.json:1:6: error: expected ':' after the key")
        }
        do { _ = try JSONFile(path: "/nonexistent/h.json") } catch {
            #expect(error.description == "/nonexistent/h.json:0:0: error: cannot read the file")
        }
    }

    @Test func benchBaselineShapeErrorsAreLocated() throws {
        let file = try JSONFile(path: "b.json", text: "{\"strategy\": \"longest_idle\", \"agents\": 1.5}")
        do { _ = try BenchBaseline(file: file); Issue.record("agents must be whole") } catch {
            #expect(error.description == "b.json:1:40: error: agents: expected an integer")
        }
    }
}
