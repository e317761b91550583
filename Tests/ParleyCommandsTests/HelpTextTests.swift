// SPDX-License-Identifier: GPL-3.0-or-later

import Testing

/// Every command's `--help`, word for word: the help text is part of the command line's contract,
/// so a change to an option or its wording shows up here and is made on purpose.
@Suite struct HelpTextTests {
    static let expected: [(arguments: [String], text: String)] = [
        ([], #"""
OVERVIEW: Simulate and load-test contact-center chat operations.

USAGE: parley <subcommand>

OPTIONS:
  --version               Show the version.
  -h, --help              Show help information.

SUBCOMMANDS:
  run                     Run a scenario's replications and report its metrics.
  compare                 Compare strategies, or any variants of a scenario, on
                          the same customers.
  staff                   Find the fewest agents per interval that meet the
                          queues' targets.
  roster                  Turn the staffing requirement into shifts with
                          breaks, and verify them by simulation.
  report                  Write an HTML report (inline SVG charts, no scripts
                          or remote resources) of a stored run.
  show                    Print a stored run's metrics, as `parley run` does.
  merge                   Merge the shard databases of a run (`parley run
                          --shard`) into one stored run.
  sweep                   Run a grid of --set variants of a scenario on the
                          same customers.
  validate                Check a scenario file without running it (exit 0 when
                          valid, 2 otherwise).
  bench                   Time the routing engine's decisions in a synthetic
                          busy center.
  erlang                  Exact Erlang B / C / A and chat-team figures, or the
                          fewest agents meeting a target.
  serve                   Run the routing engine as an HTTP + WebSocket service
                          configured from a scenario.
  drive                   Load a running `parley serve` with a scenario's
                          customers and agents in wall-clock time.

  See 'parley help <subcommand>' for detailed help.
"""#),
        (["run"], #"""
OVERVIEW: Run a scenario's replications and report its metrics.

With --baseline FILE (a saved --json output) the run is compared with it: a
metric drifted when its mean moved by more than the two runs' combined 95 %
CIs, |new - old| > sqrt(ci_old^2 + ci_new^2). Counts (arrivals, offered,
answered, abandoned, unresolved) are not checked, since they scale with the
run's length. With --check a drift exits 1.

USAGE: parley run [<options>] <scenario>

ARGUMENTS:
  <scenario>              The scenario file (YAML).

OPTIONS:
  --replications <n|auto> Replications to run (overrides the scenario's), or
                          'auto' to add replications until the 95 % CIs of
                          overall service level and abandon rate are within
                          --precision.
  --precision <precision> With --replications auto: the largest acceptable 95 %
                          CI half-width.
  --max-replications <max-replications>
                          With --replications auto: never run more replications
                          than this.
  --seed <seed>           Base seed (overrides the scenario's).
  --db <db>               SQLite file to store results in. (default:
                          results/parley.db)
  --chats                 Store one row per chat of the window in the results
                          database (table chats; never message text).
  --no-db                 Do not store results.
  --jobs <jobs>           Replications run in parallel (default: the number of
                          cores).
  --json                  Print only a JSON object on standard output.
  --set <key.path=value>  Override a scenario key, e.g. agents.team.count=12.
  --baseline <baseline>   A saved `parley run --json` output to compare with.
  --check                 With --baseline: exit 1 when a metric drifted.
  --shard <I/N|auto>      Run only the replication indexes i with i mod N = I
                          (0-based) and store them with a shard manifest, for
                          `parley merge`; 'auto' reads SLURM_ARRAY_TASK_ID and
                          SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with
                          --shards. Needs a fixed --replications: run `parley
                          run SCENARIO --replications auto` once, then shard
                          the count it settled on.
  --shards <shards>       With --shard auto: the number of shards (needed with
                          JOB_COMPLETION_INDEX).
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["compare"], #"""
OVERVIEW: Compare strategies, or any variants of a scenario, on the same
customers.

Runs the scenario once per variant on the same seed and replications, so
replication i of every variant sees the same customers. With --strategies a
variant is the scenario with that strategy set on every queue; with --variant
it is the scenario with that variant's settings applied after any --set
(NAME:key=value,key=value; a value may hold commas, as in a list). Each variant
after the first is compared with the first: per replication the difference
(variant - first) of service_level, abandon_rate, asa_s, wait_p90_s and
occupancy, then the mean difference with a 95 % Student-t interval; a
difference is significant when its interval excludes 0.

USAGE: parley compare [<options>] <scenario>

ARGUMENTS:
  <scenario>              The scenario file (YAML).

OPTIONS:
  --strategies <a,b,...>  Strategies to compare, comma-separated; the first is
                          the baseline.
  --variant <name:key=value,...>
                          A variant to compare, repeated two or more times; the
                          first is the baseline. NAME: alone is the scenario as
                          given.
  --replications <n|auto> Replications to run (overrides the scenario's), or
                          'auto' to add replications until the 95 % CIs of
                          overall service level and abandon rate are within
                          --precision.
  --precision <precision> With --replications auto: the largest acceptable 95 %
                          CI half-width.
  --max-replications <max-replications>
                          With --replications auto: never run more replications
                          than this.
  --seed <seed>           Base seed (overrides the scenario's).
  --db <db>               SQLite file to store results in. (default:
                          results/parley.db)
  --chats                 Store one row per chat of the window in the results
                          database (table chats; never message text).
  --no-db                 Do not store results.
  --jobs <jobs>           Replications run in parallel (default: the number of
                          cores).
  --json                  Print only a JSON object on standard output.
  --set <key.path=value>  Override a scenario key, e.g. agents.team.count=12.
  --shard <I/N|auto>      Run only the replication indexes i with i mod N = I
                          (0-based) and store them with a shard manifest, for
                          `parley merge`; 'auto' reads SLURM_ARRAY_TASK_ID and
                          SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with
                          --shards. Needs a fixed --replications: run `parley
                          run SCENARIO --replications auto` once, then shard
                          the count it settled on.
  --shards <shards>       With --shard auto: the number of shards (needed with
                          JOB_COMPLETION_INDEX).
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["roster"], #"""
OVERVIEW: Turn the staffing requirement into shifts with breaks, and verify
them by simulation.

The requirement is what `parley staff` finds for each staffable group (searched
afresh, or read from a stored staff run with --from-run). Each group's
shift_rules say which shifts it may work; the roster is the set-covering
integer program — at least the requirement on duty in every interval, breaks
placed by the solver within their windows, the fewest agent-hours — solved by
GLPK within --time-limit (the optimality gap is reported). The roster is then
simulated as groups working its shifts on the same seed and replications,
beside the requirement's own run: an interval whose CI misses a target while
the roster does no worse there, replication by replication, than the
requirement is within noise and counts as met; intervals that really miss get
one more agent required and the roster is repaired (the previous round's shifts
kept, the cheapest ones added), for at most --rounds rounds. Nothing is stored
until the last round is done.

USAGE: parley roster [<options>] <scenario>

ARGUMENTS:
  <scenario>              The scenario file (YAML), with targets on queues and
                          shift_rules on staffable groups.

OPTIONS:
  --replications <n|auto> Replications to run (overrides the scenario's), or
                          'auto' to add replications until the 95 % CIs of
                          overall service level and abandon rate are within
                          --precision.
  --precision <precision> With --replications auto: the largest acceptable 95 %
                          CI half-width.
  --max-replications <max-replications>
                          With --replications auto: never run more replications
                          than this.
  --seed <seed>           Base seed (overrides the scenario's).
  --db <db>               SQLite file to store results in. (default:
                          results/parley.db)
  --chats                 Store one row per chat of the window in the results
                          database (table chats; never message text).
  --no-db                 Do not store results.
  --jobs <jobs>           Replications run in parallel (default: the number of
                          cores).
  --json                  Print only a JSON object on standard output.
  --set <key.path=value>  Override a scenario key, e.g. agents.team.count=12.
  --rule <ci|mean>        When a target counts as met: its 95 % CI bound (ci)
                          or its mean (mean). (values: ci, mean; default: ci)
  --from-run <ID>         Take the requirement from this stored `parley staff`
                          run of the scenario (in --db) instead of searching.
  --time-limit <seconds>  Seconds GLPK may spend on each roster; the best
                          roster found by then is used, with its gap. (default:
                          60.0)
  --rounds <rounds>       Roster and simulation rounds at most: after each,
                          missed intervals need one agent more. (default: 3)
  --plan-out <FILE.yaml>  Write the scenario with the roster's duty to this
                          file.
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["staff"], #"""
OVERVIEW: Find the fewest agents per interval that meet the queues' targets.

The groups marked staffable get a count per interval (a staffing plan); every
queue with targets must meet them in every interval, judged by the chats that
arrive in it. Intervals are decided in time order, each from an Erlang A
estimate, by simulating candidate counts on the same seed and replications.
With --rule ci (the default) a target is met when its 95 % confidence bound on
the unfavourable side meets it; with --rule mean when the mean does. The plan
is then simulated whole, stored as a run with its staffing rows, and written
with --plan-out as a scenario `parley run` takes.

USAGE: parley staff [<options>] <scenario>

ARGUMENTS:
  <scenario>              The scenario file (YAML), with targets on queues and
                          staffable agent groups.

OPTIONS:
  --replications <n|auto> Replications to run (overrides the scenario's), or
                          'auto' to add replications until the 95 % CIs of
                          overall service level and abandon rate are within
                          --precision.
  --precision <precision> With --replications auto: the largest acceptable 95 %
                          CI half-width.
  --max-replications <max-replications>
                          With --replications auto: never run more replications
                          than this.
  --seed <seed>           Base seed (overrides the scenario's).
  --db <db>               SQLite file to store results in. (default:
                          results/parley.db)
  --chats                 Store one row per chat of the window in the results
                          database (table chats; never message text).
  --no-db                 Do not store results.
  --jobs <jobs>           Replications run in parallel (default: the number of
                          cores).
  --json                  Print only a JSON object on standard output.
  --set <key.path=value>  Override a scenario key, e.g. agents.team.count=12.
  --rule <ci|mean>        When a target counts as met: its 95 % CI bound (ci)
                          or its mean (mean). (values: ci, mean; default: ci)
  --plan-out <FILE.yaml>  Write the scenario with the plan found to this file.
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["report"], #"""
OVERVIEW: Write an HTML report (inline SVG charts, no scripts or remote
resources) of a stored run.

USAGE: parley report <database> [--run <run>] --out <out> [--live]

ARGUMENTS:
  <database>              The SQLite results file.

OPTIONS:
  --run <run>             The run to report (default: the newest run in the
                          file).
  --out <out>             The HTML file to write.
  --live                  Report a stored `parley drive` (--run: its live run
                          id; default: the newest drive).
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["merge"], #"""
OVERVIEW: Merge the shard databases of a run (`parley run --shard`) into one
stored run.

The shards must be complete runs of the same scenario text, --set overrides,
seed, replication count, shard count and Parley version that together hold
every replication index exactly once; anything else is refused (exit 2) and
nothing is merged. Replication rows, interval series, agent statistics, chat
rows and wait histograms are merged and every summary is recomputed, so `parley
show OUT.db --json` prints the bytes of the same run made on one machine, and
`parley report` works on it. Shards of `parley compare --shard` hold a run per
strategy: each strategy is merged into a run of its own and the comparison is
recomputed. Merging the same shards again changes nothing. Shards are read one
at a time: any number can be merged.

USAGE: parley merge <output> <shards> ...

ARGUMENTS:
  <output>                The results database to store the merged run in
                          (created if needed; not a shard).
  <shards>                The shard databases, in any order.

OPTIONS:
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["sweep"], #"""
OVERVIEW: Run a grid of --set variants of a scenario on the same customers.

Every combination of the --vary values (the first key varying slowest) is run
as a variant of the scenario with those keys set, on the same seed and
replications, so replication i of every grid point sees the same customers.
Prints each grid point's overall service_level, abandon_rate, asa_s, wait_p90_s
and occupancy (mean ± 95 % half-width); each grid point is stored as a run,
with its --vary values in sweep_points. With --shard every grid point runs the
shard's replications, and `parley merge` makes the whole sweep of the shards.

USAGE: parley sweep [<options>] <scenario>

ARGUMENTS:
  <scenario>              The scenario file (YAML).

OPTIONS:
  --vary <key.path=v1,v2,...>
                          A scenario key and the values to try, e.g.
                          agents.team.count=10,12,14; repeat for a grid.
  --replications <n|auto> Replications to run (overrides the scenario's), or
                          'auto' to add replications until the 95 % CIs of
                          overall service level and abandon rate are within
                          --precision.
  --precision <precision> With --replications auto: the largest acceptable 95 %
                          CI half-width.
  --max-replications <max-replications>
                          With --replications auto: never run more replications
                          than this.
  --seed <seed>           Base seed (overrides the scenario's).
  --db <db>               SQLite file to store results in. (default:
                          results/parley.db)
  --chats                 Store one row per chat of the window in the results
                          database (table chats; never message text).
  --no-db                 Do not store results.
  --jobs <jobs>           Replications run in parallel (default: the number of
                          cores).
  --json                  Print only a JSON object on standard output.
  --set <key.path=value>  Override a scenario key, e.g. agents.team.count=12.
  --shard <I/N|auto>      Run only the replication indexes i with i mod N = I
                          (0-based) and store them with a shard manifest, for
                          `parley merge`; 'auto' reads SLURM_ARRAY_TASK_ID and
                          SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with
                          --shards. Needs a fixed --replications: run `parley
                          run SCENARIO --replications auto` once, then shard
                          the count it settled on.
  --shards <shards>       With --shard auto: the number of shards (needed with
                          JOB_COMPLETION_INDEX).
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["validate"], #"""
OVERVIEW: Check a scenario file without running it (exit 0 when valid, 2
otherwise).

USAGE: parley validate <scenario> [--set <key.path=value> ...]

ARGUMENTS:
  <scenario>              The scenario file (YAML).

OPTIONS:
  --set <key.path=value>  Override a scenario key, e.g. agents.team.count=12.
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["bench"], #"""
OVERVIEW: Time the routing engine's decisions in a synthetic busy center.

A decision is one chat arriving: the engine offers it to an agent or queues it.
Agents belong to 1–3 queues, accept, finish, miss offers and take breaks, at
about 85 % utilisation. With --baseline FILE --check, exits 1 when the
normalised median latency (decision p50 / calibration loop time, median of the
trials) grew beyond the tolerance.

USAGE: parley bench [<options>] --agents <agents> --queues <queues>

OPTIONS:
  --agents <agents>       Agents in the center.
  --queues <queues>       Queues in the center.
  --capacity <capacity>   Concurrent chats per agent. (default: 2)
  --strategy <name>       The strategy of every queue (SPEC §2.4 name).
                          (default: longest_idle)
  --decisions <decisions> Decisions timed per trial. (default: 200000)
  --seed <seed>           Seed of the center and its load. (default: 1)
  --trials <trials>       Trials; the gate compares their median. (default: 5)
  --overflow-after <seconds>
                          Let every queue's waiting chats also go to the next
                          queue's members after this long (overflow).
  --json                  Print only a JSON object on standard output.
  --baseline <file>       A saved `parley bench --json` output to compare with.
  --check                 Exit 1 when latency regressed beyond the tolerance
                          (needs --baseline).
  --tolerance <tolerance> Allowed growth of the normalised median latency, as a
                          fraction. (default: 0.25)
  --db <db>               SQLite file to store the result in (table
                          benchmark_results).
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["erlang"], #"""
OVERVIEW: Exact Erlang B / C / A and chat-team figures, or the fewest agents
meeting a target.

MODEL is b (M/M/n/n: a chat that finds every agent busy is lost), c (M/M/n:
customers never give up), a (M/M/n+M: exponential patience, needs --patience)
or chat (agents holding --capacity chats at once, each slowed by --slowdown;
optional --patience; the exact chain of a least-busy team). Give --agents for
the figures of that staffing, or --target-sl (b: --max-blocking) for the fewest
agents meeting the target.
Rates: N/h, N/m, N/s, N/<duration> such as 100/30m, or a plain number per hour.
Durations: a number of seconds or <number><unit> parts with units ms, s, m, h,
d (20s, 4m, 1h30m).
Service level = chats answered within the threshold over all offered chats.
Examples: parley erlang c --rate 200/h --aht 3m --agents 14 --threshold 20s
          parley erlang b --rate 200/h --aht 3m --max-blocking 0.01
          parley erlang chat --rate 60/h --aht 6m --agents 3 --capacity 3
--slowdown 1,1.2,1.5

USAGE: parley erlang <model> --rate <rate> --aht <aht> [--agents <agents>] [--threshold <threshold>] [--patience <patience>] [--capacity <capacity>] [--slowdown <f1,f2,...>] [--target-sl <target-sl>] [--max-abandon <max-abandon>] [--max-blocking <max-blocking>] [--json]

ARGUMENTS:
  <model>                 b (Erlang B), c (Erlang C), a (Erlang A) or chat (a
                          chat team). (values: b, c, a, chat)

OPTIONS:
  --rate <rate>           Arrival rate, e.g. 120/h, 2/m, 100/30m or a number
                          per hour.
  --aht <aht>             Average handle time (chat: work content of a chat
                          handled alone), e.g. 4m, 240s or 240.
  --agents <agents>       Agents to evaluate.
  --threshold <threshold> Service-level threshold. (default: 20s)
  --patience <patience>   Average patience (Erlang A; optional for chat), e.g.
                          2m.
  --capacity <capacity>   Chat only: chats an agent holds at once.
  --slowdown <f1,f2,...>  Chat only: the slowdown with 1, 2, … chats held, one
                          factor per slot (default all 1).
  --target-sl <target-sl> Find the fewest agents whose service level reaches
                          this (0 < x < 1).
  --max-abandon <max-abandon>
                          Erlang A or chat with --target-sl: also keep
                          abandonment at or below this.
  --max-blocking <max-blocking>
                          Erlang B: find the fewest agents whose blocking is at
                          most this.
  --json                  Print one JSON object on standard output.
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["serve"], #"""
OVERVIEW: Run the routing engine as an HTTP + WebSocket service configured from
a scenario.

The scenario's queues, agents and conversation services configure the service;
its customers are ignored. Every agent starts offline and needs its bearer
token: with --tokens FILE the tokens are read from FILE ('NAME TOKEN' lines),
or issued and written there when FILE does not exist; without --tokens they are
issued and printed. Stops gracefully on SIGINT or SIGTERM (exit 0).

USAGE: parley serve <config> [--host <host>] [--port <port>] [--tokens <FILE>] [--db <FILE>] [--max-body <BYTES>] [--rate-limit <N>]

ARGUMENTS:
  <config>                The scenario file (YAML) whose queues and agents the
                          service runs.

OPTIONS:
  --host <host>           The address to listen on (loopback by default).
                          (default: 127.0.0.1)
  --port <port>           The port to listen on (0: any free port, printed at
                          start). (default: 8080)
  --tokens <FILE>         Read agent tokens from FILE, or write the issued ones
                          there when it does not exist.
  --db <FILE>             Store the session's summary in this results database
                          at shutdown.
  --max-body <BYTES>      The largest request body accepted, in bytes (larger:
                          413). (default: 65536)
  --rate-limit <N>        Requests per second one connection may send (more:
                          429). (default: 1000)
  --version               Show the version.
  -h, --help              Show help information.

"""#),
        (["drive"], #"""
OVERVIEW: Load a running `parley serve` with a scenario's customers and agents
in wall-clock time.

Customers write at the scenario's arrival times (simulated seconds / --speed
after the start), whether or not the service keeps up; every agent is a
WebSocket client that accepts with its accept delay, misses offers, works and
wraps up. Latencies run from each action's intended time. A breached
--threshold prints one line and exits 1.

USAGE: parley drive <scenario> --target <URL> --tokens <FILE> [--speed <speed>] [--duration <D>] [--threshold <EXPR> ...] [--replication <replication>] [--db <FILE>] [--json]

ARGUMENTS:
  <scenario>              The scenario file (YAML) whose customers and agents
                          to play.

OPTIONS:
  --target <URL>          The service's base URL.
  --tokens <FILE>         The agent tokens file `parley serve --tokens` wrote.
  --speed <speed>         Simulated seconds per wall second. (default: 1.0)
  --duration <D>          Simulated time to play (default: the scenario's
                          warm-up and duration), e.g. 30m.
  --threshold <EXPR>      A condition that must hold, e.g.
                          'p99(create_to_offer)<20ms', 'rate(errors)<0.001',
                          'invariant_violations==0'.
  --replication <replication>
                          The replication whose draws are played. (default: 0)
  --db <FILE>             Store the results (latencies, counts, thresholds) in
                          this results database.
  --json                  Print the results as JSON.
  --version               Show the version.
  -h, --help              Show help information.

"""#),
    ]

    @Test(arguments: expected.indices)
    func helpIsExactlyAsDocumented(index: Int) throws {
        let (arguments, text) = Self.expected[index]
        let output = try ParleyProcess.run(arguments + ["--help"])
        #expect(output.status == 0)
        #expect(output.stdout == text + "\n", "parley \(arguments.joined(separator: " ")) --help")
    }
}
