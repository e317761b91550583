# SPDX-License-Identifier: GPL-3.0-or-later
"""The M/M/10+M (Erlang A) validation model in SimPy, for scripts/bench-peers.

Arrivals Poisson at 2 per minute, exponential service with mean 4 min, 10 agents,
exponential patience with mean 2 min, first come first served. Chats arriving in the first
`warmup` minutes are not measured (as in scenarios/validation/erlang-a.yaml). Prints one JSON
object with the SPEC section 4 estimates: p_wait (found all agents busy), abandon_rate,
service_level (answered within 20 s over all measured arrivals) and mean_wait_s (an abandoned
chat's wait is its time before leaving).
"""
import argparse
import json
import random

import simpy

RATE, MEAN_SERVICE, SERVERS, MEAN_PATIENCE, THRESHOLD_S = 2.0, 4.0, 10, 2.0, 20.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=1_000_000, help="measured arrivals (expected)")
    parser.add_argument("--warmup", type=float, default=120.0, help="minutes not measured")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=SERVERS)
    end = args.warmup + args.chats / RATE
    tally = {"arrivals": 0, "waited": 0, "abandoned": 0, "within": 0, "wait_min": 0.0}

    def chat(arrival, patience, service):
        measured = arrival >= args.warmup
        if measured:
            tally["arrivals"] += 1
            tally["waited"] += agents.count == SERVERS
        request = agents.request()
        outcome = yield request | env.timeout(patience)
        wait = env.now - arrival
        if request in outcome:
            if measured:
                tally["wait_min"] += wait
                tally["within"] += wait * 60 <= THRESHOLD_S
            yield env.timeout(service)
            agents.release(request)
        else:
            request.cancel()
            if measured:
                tally["wait_min"] += wait
                tally["abandoned"] += 1

    def source():
        while True:
            yield env.timeout(rng.expovariate(RATE))
            env.process(chat(env.now, rng.expovariate(1 / MEAN_PATIENCE), rng.expovariate(1 / MEAN_SERVICE)))

    env.process(source())
    env.run(until=end)
    n = tally["arrivals"]
    print(json.dumps({"tool": "SimPy " + simpy.__version__, "chats": n, "p_wait": tally["waited"] / n,
                      "abandon_rate": tally["abandoned"] / n, "service_level": tally["within"] / n,
                      "mean_wait_s": tally["wait_min"] * 60 / n}))


if __name__ == "__main__":
    main()
