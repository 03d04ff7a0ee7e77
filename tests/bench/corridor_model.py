#!/usr/bin/env python3
"""A second, independent implementation of the `corridor bench corridor` model.

It follows the model's description in docs/performance.md ("Benchmarks") and shares no code
with the C++ engine: a binary heap of events, FIFO queues, Python's own random numbers. Its
mean waits are therefore not equal to the engine's run by run, but their distribution over
seeds must agree with the engine's. docs/performance.md ("Measured figures", under "Engine")
gives the comparison.

Usage: python3 tests/bench/corridor_model.py [--horizon H] [--seeds FIRST LAST]
Prints one line per seed: seed, mean_port_wait, mean_sec_wait; then the mean over the seeds.
About 20 s per seed at the default horizon of 500,000.
"""
import argparse
import collections
import heapq
import random
import statistics

SECTIONS = 20
PORT = SECTIONS  # resource index of the port
TRAINS = 200
PORT_BERTHS = 4


def run(seed: int, horizon: float) -> tuple[float, float]:
    rng = random.Random(seed)
    capacity = [1] * SECTIONS + [PORT_BERTHS]
    in_use = [0] * (SECTIONS + 1)
    waiting = [collections.deque() for _ in range(SECTIONS + 1)]
    events = []  # (time, sequence number, train, resource held)
    sequence = 0
    wait_sum = [0.0, 0.0]  # sections, port
    grants = [0, 0]

    def hold_time(resource: int) -> float:
        if resource == PORT:
            return rng.expovariate(1 / 4.0)
        return 0.5 + 0.05 * (resource % 5) + rng.expovariate(1 / 0.5)

    def grant(now: float, requested_at: float, train: int, resource: int) -> None:
        nonlocal sequence
        kind = 1 if resource == PORT else 0
        wait_sum[kind] += now - requested_at
        grants[kind] += 1
        heapq.heappush(events, (now + hold_time(resource), sequence, train, resource))
        sequence += 1

    def request(now: float, train: int, resource: int) -> None:
        if in_use[resource] < capacity[resource]:
            in_use[resource] += 1
            grant(now, now, train, resource)
        else:
            waiting[resource].append((now, train))

    for train in range(TRAINS):
        request(0.0, train, train % SECTIONS)
    while events:
        now, _, train, resource = heapq.heappop(events)
        if now >= horizon:
            break
        # Release: the unit passes to the first in the queue, if any.
        if waiting[resource]:
            requested_at, next_train = waiting[resource].popleft()
            grant(now, requested_at, next_train, resource)
        else:
            in_use[resource] -= 1
        request(now, train, (resource + 1) % (SECTIONS + 1))
    return wait_sum[1] / grants[1], wait_sum[0] / grants[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--horizon", type=float, default=500_000)
    parser.add_argument("--seeds", type=int, nargs=2, default=(1, 5), metavar=("FIRST", "LAST"))
    args = parser.parse_args()
    ports = []
    for seed in range(args.seeds[0], args.seeds[1] + 1):
        port, sec = run(seed, args.horizon)
        ports.append(port)
        print(f"seed={seed} mean_port_wait={port:.4f} mean_sec_wait={sec:.4f}", flush=True)
    if len(ports) > 1:
        print(f"seeds={len(ports)} mean_port_wait mean={statistics.mean(ports):.4f} "
              f"sd={statistics.stdev(ports):.4f}")


if __name__ == "__main__":
    main()
