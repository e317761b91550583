// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import Reports
import ResultStorage
import Rosters
import Runs
import Scenarios

/// `parley roster SCENARIO`: shifts with breaks that cover the staffing requirement, verified by simulation.
struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Turn the staffing requirement into shifts with breaks, and verify them by simulation.",
        discussion: """
            The requirement is what `parley staff` finds for each staffable group (searched \
            afresh, or read from a stored staff run with --from-run). Each group's shift_rules say which shifts it may work; the roster is the \
            set-covering integer program — at least the requirement on duty in every interval, \
            breaks placed by the solver within their windows, the fewest agent-hours — solved by \
            GLPK within --time-limit (the optimality gap is reported). The roster is then \
            simulated as groups working its shifts on the same seed and replications, beside the \
            requirement's own run: an interval whose CI misses a target while the roster does no \
            worse there, replication by replication, than the requirement is within noise and counts \
            as met; intervals that really miss get one more agent required and the roster is repaired \
            (the previous round's shifts kept, the cheapest ones added), for at most --rounds rounds. \
            Nothing is stored until the last round is done.
            """)

    @Argument(help: "The scenario file (YAML), with targets on queues and shift_rules on staffable groups.")
    var scenario: String

    @OptionGroup var options: SimulationOptions

    @Option(help: ArgumentHelp("When a target counts as met: its 95 % CI bound (ci) or its mean (mean).",
                               valueName: "ci|mean"))
    var rule: StaffingRule = .ci

    @Option(name: .customLong("from-run"), help: ArgumentHelp("Take the requirement from this stored `parley staff` "
                                                              + "run of the scenario (in --db) instead of searching.",
                                                              valueName: "ID"))
    var fromRun: Int64?

    @Option(name: .customLong("time-limit"), help: ArgumentHelp("Seconds GLPK may spend on each roster; the best "
                                                                + "roster found by then is used, with its gap.",
                                                                valueName: "seconds"))
    var timeLimit: Double = 60

    @Option(help: "Roster and simulation rounds at most: after each, missed intervals need one agent more.")
    var rounds: Int = 3

    @Option(name: .customLong("plan-out"), help: ArgumentHelp("Write the scenario with the roster's duty to this file.",
                                                             valueName: "FILE.yaml"))
    var planOut: String?

    func validate() throws {
        if let planOut {
            do { try OutputFile.check(planOut) } catch { throw ValidationError(error.description) }
        }
        if options.replications == .auto {
            throw ValidationError("parley roster needs a fixed number of replications (--replications N)")
        }
        guard timeLimit > 0, timeLimit <= 86_400 else { throw ValidationError("--time-limit must be above 0 and at most 86400 seconds") }
        guard (1...20).contains(rounds) else { throw ValidationError("--rounds must be between 1 and 20") }
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
        for group in loaded.agentGroups where group.staffable != nil && group.shiftRules == nil {
            throw CommandError.usage("\(scenario): error: \(RosterError.noRules(group: group.name))")
        }
        let requirement: (plans: [(group: String, plan: StaffingPlan)], staffing: StaffingResult?)
        if let fromRun {
            requirement = try storedPlans(fromRun, scenario: loaded)
        } else {
            requirement = try searchRequirement(search)
        }
        let run = RosterRun(scenario: loaded, plans: requirement.plans, staffing: requirement.staffing, rule: rule,
                            replications: loaded.replications, jobs: options.effectiveJobs, timeLimit: timeLimit,
                            maxRounds: rounds)
        try roster(run, loaded: loaded)
    }

    /// The plans of stored staffing run `runID` (no Erlang comparison: the search's analytic answers are not stored).
    func storedPlans(_ runID: Int64, scenario loaded: Scenario) throws(CommandError)
        -> (plans: [(group: String, plan: StaffingPlan)], staffing: StaffingResult?) {
        guard !options.noDatabase else { throw .usage("--from-run reads the run from --db; do not give --no-db") }
        guard FileManager.default.fileExists(atPath: options.database) else {
            throw .usage("\(options.database): error: no such results file to read run \(runID) from")
        }
        do {
            let store = try ResultStore(path: options.database)
            let run = try store.run(id: runID)
            guard run.command == "staff" else {
                throw CommandError.usage("\(options.database): error: run \(runID) is a '\(run.command)' run, not a staff run")
            }
            return (try RosterPlanning.plans(stored: store.staffedAgents(runID: runID), scenario: loaded), nil)
        } catch let error as CommandError {
            throw error
        } catch {
            throw .usage("\(options.database): error: run \(runID): \(error)")
        }
    }

    /// A fresh staffing search; nil plans never: an interruption is exit 130.
    func searchRequirement(_ search: StaffingSearch) throws(CommandError)
        -> (plans: [(group: String, plan: StaffingPlan)], staffing: StaffingResult?) {
        let progress = ProgressBar(total: search.intervalCount, enabled: Terminal.standardErrorIsTerminal && !options.json,
                                   unit: "intervals")
        let found: StaffingResult?
        do { found = try search.run(stop: Interruption.flag) { done, _ in progress.update(done) } } catch {
            progress.finish()
            throw .failure("\(scenario): error: \(error)")
        }
        progress.finish()
        guard let staffing = found else {
            throw CommandError.interrupted("interrupted during the staffing search; nothing stored")
        }
        return (staffing.plans, staffing)
    }

    /// Solves, verifies, stores and prints the roster of `run`.
    func roster(_ run: RosterRun, loaded: Scenario) throws {
        let started = ContinuousClock.now
        let seconds = { () -> Double in
            let elapsed = ContinuousClock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let verbose = Terminal.standardErrorIsTerminal && !options.json
        let outcome: RosterRun.Outcome?
        do {
            outcome = try run.run(stop: Interruption.flag, clock: seconds) { if verbose { Terminal.writeError($0) } }
        } catch {
            if case .uncoverable = error { throw CommandError.usage("\(scenario): error: \(error)") }
            throw CommandError.failure("\(scenario): error: \(error)")
        }
        guard let outcome, !Interruption.flag.isRaised else {
            throw CommandError.interrupted("interrupted while rostering; nothing stored")
        }
        var planned = outcome.scenario
        planned.sourceText = try planText(outcome, loaded: loaded)
        if let planOut { try PlanFile.write(planned.sourceText, to: planOut, what: "the roster") }
        let session = options.session(command: "roster")
        let runID: Int64?
        do { runID = try session.store(RunSession.Variant(scenario: planned), results: outcome.results) } catch {
            throw CommandError.session(error)
        }
        let report = RosterReport(outcome: outcome, seed: loaded.seed, runID: runID, rule: rule)
        if let store = session.store, let runID {
            do {
                try store.recordRosters(runID: runID, report.records())
                try store.recordStaffingResults(runID: runID, report.staffingRecords())
            } catch {
                throw CommandError.failure("\(options.database): error: \(error)")
            }
        }
        print(options.json ? report.json().rendered : report.table(database: options.database))
        Terminal.writeError(String(format: "solved %d roster%@ in %.1f s (GLPK), %d round%@", outcome.rosters.count,
                                   outcome.rosters.count == 1 ? "" : "s", outcome.solveSeconds, outcome.rounds,
                                   outcome.rounds == 1 ? "" : "s"))
        if !outcome.meetsAllTargets {
            let missed = outcome.checked.filter { !$0.meetsTargets }.count
            Terminal.writeError("warning: \(missed) queue intervals miss their targets after \(outcome.rounds) round"
                                + (outcome.rounds == 1 ? "" : "s"))
        }
    }

    /// The scenario text with each rostered group written as one group per shift, the roster listed in the header.
    func planText(_ outcome: RosterRun.Outcome, loaded: Scenario) throws(CommandError) -> String {
        var header = ["Written by parley roster \(scenario) (rule \(rule.rawValue), \(outcome.scenario.replications) "
                          + "replications, seed \(loaded.seed)): each rostered group is one group per shift start, length "
                          + "and break placement, its agents on duty for the shift less its breaks."]
        if !options.overrides.isEmpty {
            header.append("Found with --set " + options.overrides.joined(separator: " --set ")
                              + "; give the same overrides to parley run.")
        }
        for roster in outcome.rosters {
            header.append("Roster of \(roster.problem.group) (day, start, length ×agents, breaks ×agents):")
            header += RosterReport.shiftLines(roster).map { "  " + $0 }
        }
        do {
            return try StaffingPlanWriter.text(loaded.sourceText, file: loaded.sourceFile,
                                               splits: RosterPlanning.shiftGroupTexts(outcome.rosters),
                                               interval: loaded.interval, header: header, note: "agents on this shift")
        } catch {
            throw .usage(error.description)
        }
    }
}
