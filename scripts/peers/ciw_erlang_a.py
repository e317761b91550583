# SPDX-License-Identifier: GPL-3.0-or-later
"""The M/M/10+M (Erlang A) validation model in Ciw, for scripts/bench-peers.

Same model and estimates as simpy_erlang_a.py: Poisson arrivals (2/min), exponential service
(mean 4 min), 10 servers, exponential reneging (mean 2 min), FIFO; chats arriving in the first
`warmup` minutes are not measured. Ciw keeps one record per customer, so the estimates are
read from its records: p_wait from the number present at arrival (≥ 10: every server busy).
"""
import argparse
import json

import ciw

RATE, MEAN_SERVICE, SERVERS, MEAN_PATIENCE, THRESHOLD_S = 2.0, 4.0, 10, 2.0, 20.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=1_000_000, help="measured arrivals (expected)")
    parser.add_argument("--warmup", type=float, default=120.0, help="minutes not measured")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    ciw.seed(args.seed)
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=RATE)],
        service_distributions=[ciw.dists.Exponential(rate=1 / MEAN_SERVICE)],
        number_of_servers=[SERVERS],
        reneging_time_distributions=[ciw.dists.Exponential(rate=1 / MEAN_PATIENCE)],
    )
    simulation = ciw.Simulation(network)
    end = args.warmup + args.chats / RATE
    simulation.simulate_until_max_time(end)
    records = [r for r in simulation.get_all_records() if r.arrival_date >= args.warmup]
    # Chats still in the system at the end have no record; count them as arrivals too.
    pending = [i for node in simulation.nodes[1:-1] for i in node.all_individuals
               if i.arrival_date >= args.warmup]
    n = len(records) + len(pending)
    served = [r for r in records if r.record_type == "service"]
    reneged = [r for r in records if r.record_type == "renege"]
    waited = sum(r.queue_size_at_arrival >= SERVERS for r in records)
    wait_min = sum(r.waiting_time for r in served) + sum(r.exit_date - r.arrival_date for r in reneged)
    within = sum(r.waiting_time * 60 <= THRESHOLD_S for r in served)
    print(json.dumps({"tool": "Ciw " + ciw.__version__, "chats": n, "p_wait": waited / n,
                      "abandon_rate": len(reneged) / n, "service_level": within / n,
                      "mean_wait_s": wait_min * 60 / n}))


if __name__ == "__main__":
    main()
