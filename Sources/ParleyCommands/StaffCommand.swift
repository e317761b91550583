// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import ResultStorage
import Reports
import Runs
import Scenarios

extension StaffingRule: ExpressibleByArgument {}

/// `parley staff SCENARIO`: the fewest agents per interval that meet every queue's targets.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Find the fewest agents per interval that meet the queues' targets.",
        discussion: """
            The groups marked staffable get a count per interval (a staffing plan); every queue \
            with targets must meet them in every interval, judged by the chats that arrive in it. \
            Intervals are decided in time order, each from an Erlang A estimate, by simulating \
            candidate counts on the same seed and replications. With --rule ci (the default) a \
            target is met when its 95 % confidence bound on the unfavourable side meets it; with \
            --rule mean when the mean does. The plan is then simulated whole, stored as a run \
            with its staffing rows, and written with --plan-out as a scenario `parley run` takes.
            """)

    @Argument(help: "The scenario file (YAML), with targets on queues and staffable agent groups.")
    var scenario: String

    @OptionGroup var options: SimulationOptions

    @Option(help: ArgumentHelp("When a target counts as met: its 95 % CI bound (ci) or its mean (mean).",
                               valueName: "ci|mean"))
    var rule: StaffingRule = .ci

    @Option(name: .customLong("plan-out"), help: ArgumentHelp("Write the scenario with the plan found to this file.",
                                                             valueName: "FILE.yaml"))
    var planOut: String?

    func validate() throws {
        if let planOut {
            do { try OutputFile.check(planOut) } catch { throw ValidationError(error.description) }
        }
        if options.replications == .auto {
            throw ValidationError("parley staff needs a fixed number of replications (--replications N)")
        }
    }

    func run() throws {
        Interruption.install()
        let loaded = try options.loadScenario(scenario)
        let search: StaffingSearch
        do {
            search = try StaffingSearch(scenario: loaded, rule: rule, replications: loaded.replications,
                                        jobs: options.effectiveJobs)
        } catch {
            throw CommandError.usage("\(scenario): error: \(error)")
        }
        let session = options.session(command: "staff")
        do { try session.openStore() } catch { throw CommandError.session(error) }
        let progress = ProgressBar(total: search.intervalCount, enabled: Terminal.standardErrorIsTerminal && !options.json,
                                   unit: "intervals")
        let started = ContinuousClock.now
        let found: StaffingResult?
        do { found = try search.run(stop: Interruption.flag) { done, _ in progress.update(done) } } catch {
            progress.finish()
            throw CommandError.failure("\(scenario): error: \(error)")
        }
        progress.finish()
        guard let result = found else {
            let runID: Int64?
            do { runID = try session.recordInterrupted(RunSession.Variant(scenario: loaded)) } catch {
                throw CommandError.session(error)
            }
            throw CommandError.interrupted("interrupted during the search; no plan found"
                                           + (runID.map { ", run \($0) stored as interrupted in \(options.database)" } ?? ""))
        }
        let elapsed = ContinuousClock.now - started
        var planned = result.scenario
        planned.sourceText = try planText(result, loaded: loaded)
        if let planOut { try PlanFile.write(planned.sourceText, to: planOut, what: "the plan") }
        let outcome = try options.execute([RunSession.Variant(scenario: planned)], in: session)
        let runID = outcome.runs[0].runID
        if outcome.interrupted {
            // The plan's figures come from a partial check: printing them would look complete.
            throw CommandError.interrupted("interrupted while simulating the plan found"
                                           + (runID.map { "; run \($0) stored as interrupted in \(options.database)" } ?? ""))
        }
        if let store = session.store, let runID {
            do { try store.recordStaffingResults(runID: runID, StoredRows.staffing(result)) } catch {
                throw CommandError.failure("\(options.database): error: \(error)")
            }
        }
        let report = StaffingReport(result: result, seed: loaded.seed, runID: runID)
        print(options.json ? report.json().rendered : report.table(database: options.database))
        Terminal.writeError(String(format: "searched %d intervals in %.1f s: %d simulations (%d of the whole plan), "
                                       + "%d simulated chats", search.intervalCount,
                                   Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                                   result.evaluations, result.verificationRuns, result.simulatedChats))
        if !result.meetsAllTargets {
            let missed = result.intervals.filter { !$0.meetsTargets }.count
            Terminal.writeError("warning: \(missed) queue intervals miss their targets: more agents (within the groups' "
                                + "max) did not help there")
        }
    }

    /// The scenario text with the plan written into each staffable group.
    func planText(_ result: StaffingResult, loaded: Scenario) throws(CommandError) -> String {
        var header = ["Written by parley staff \(scenario) (rule \(rule.rawValue), \(result.replications) "
                          + "replications, seed \(loaded.seed)): each staffable group's count is the plan found."]
        if !options.overrides.isEmpty {
            header.append("Found with --set " + options.overrides.joined(separator: " --set ")
                              + "; give the same overrides to parley run.")
        }
        do {
            return try StaffingPlanWriter.text(loaded.sourceText, file: loaded.sourceFile, plans: result.plans,
                                               header: header, note: "plan found by parley staff, one line per day")
        } catch {
            throw .usage(error.description)
        }
    }
}
