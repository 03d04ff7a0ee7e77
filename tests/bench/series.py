#!/usr/bin/env python3
"""Runs corridor's synthetic series: networks from `corridor generate` at growing sizes, each
run for set-up only (2 days), 30 days and a year, and prints one Markdown table with the events,
wall and user time and peak memory of every run, and the user time per simulated event.

Each run is its own process, measured by GNU time (/usr/bin/time): wall time, user time and
maximum resident set size. `events` is the `events` field of the run's JSON report. The time
per event of a 30-day or year run leaves set-up out: (user time - user time of the set-up run
of the same size and round) / (events - events of that set-up run), left blank when that user
time is under half a second (GNU time counts in steps of 10 ms).

Examples:
  python3 tests/bench/series.py                               # 10^2 ... 10^5 nodes, once
  python3 tests/bench/series.py --sizes 1000 10000 --rounds 3  # three rounds, sizes in turn
  python3 tests/bench/series.py --corridor build/dev/corridor --dir /tmp/series --runs setup 30d

Files are generated into --dir (default: a temporary directory, removed at the end); a file of
the right name already there is used as it is. See docs/performance.md, "Synthetic networks".
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# GNU time counts user time in steps of 10 ms: below this much beyond set-up, a time per event
# would be mostly rounding, and is left blank.
MIN_USER_S = 0.5
TIME = "/usr/bin/time"  # GNU time (Debian package `time`, installed by .ci/install-deps)

ROOT = Path(__file__).resolve().parent.parent.parent  # the repository

# What each kind of run adds to `corridor run FILE --format json`.
RUNS = {
    "setup": ("set-up only", ["--set", "run.horizon=2 d", "--set", "run.warmup=1 d"]),
    "30d": ("30 d", ["--set", "run.horizon=30 d", "--set", "run.warmup=10 d"]),
    "year": ("365 d", []),
}


def default_program():
    for build in ("release", "ci", "dev"):  # the presets' build directories
        candidate = ROOT / "build" / build / "corridor"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("corridor") or ""


def measure(command, work):
    """Runs `command` under /usr/bin/time; returns (exit status, wall s, user s, max RSS KiB).

    GNU time starts the run from its own small process, so the peak memory is the run's alone
    (a process started from this script would also count the script's own memory).
    """
    times = work / "time.txt"
    times.unlink(missing_ok=True)
    with open(work / "stderr.txt", "wb") as err:
        status = subprocess.call([TIME, "-o", str(times), "-f", "%x %e %U %M"] + command,
                                 stdout=subprocess.DEVNULL, stderr=err)
    fields = times.read_text().split()[-4:] if times.is_file() else []
    if len(fields) < 4:  # GNU time itself failed; its message is in stderr.txt
        return status or 1, 0.0, 0.0, 0
    if status != 0 and fields[0].isdigit():
        status = int(fields[0])
    return status, float(fields[1]), float(fields[2]), int(fields[3])


def events_of(report):
    """The `events` field of a JSON report, read without loading the whole document."""
    pattern = re.compile(rb'"events":\s*(\d+)')
    with open(report, "rb") as f:
        tail = b""
        while True:
            block = f.read(1 << 20)
            if not block:
                return None
            found = pattern.search(tail + block)
            if found:
                return int(found.group(1))
            tail = block[-64:]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corridor", default=default_program(),
                        help="the program to measure (default: build/release/corridor, then "
                        "build/ci, build/dev, then corridor on PATH)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000, 100000],
                        metavar="N", help="node counts (flows are N/10; default 100 ... 100000)")
    parser.add_argument("--runs", nargs="+", choices=list(RUNS), default=list(RUNS),
                        help="which runs, in this order (default: setup 30d year)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="how many times to run the whole series (default 1)")
    parser.add_argument("--threads", type=int, default=2, help="--threads of each run (default 2)")
    parser.add_argument("--seed", type=int, default=1,
                        help="seed of the generated files (default 1)")
    parser.add_argument("--dir", help="where to keep the generated files (default: a temporary "
                        "directory)")
    args = parser.parse_args()

    if not args.corridor or not os.access(args.corridor, os.X_OK):
        parser.error("no corridor program found: build it (README, Quick start) or give "
                     "--corridor PATH")
    if not os.access(TIME, os.X_OK):
        parser.error(f"{TIME} is missing: install the Debian package 'time' "
                     "(bash .ci/install-deps)")
    if any(n < 4 or n > 100000 for n in args.sizes):
        parser.error("--sizes: each size must be 4 to 100000 nodes")
    if args.rounds < 1 or args.threads < 1:
        parser.error("--rounds and --threads must be at least 1")

    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="corridor-series-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return run_series(args, work)
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)


def run_series(args, work):
    version = subprocess.run([args.corridor, "--version"], capture_output=True, text=True,
                             check=False).stdout.strip().split("\n")[0]
    print(f"<!-- {args.corridor} ({version}); {os.cpu_count()} cores; --threads {args.threads}; "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} -->")
    print("| round | nodes | flows | file MB | run | replications | events | wall s | user s "
          "| max RSS MiB | ns per event |")
    print("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    sys.stdout.flush()
    for round_number in range(1, args.rounds + 1):
        for nodes in args.sizes:
            flows = max(1, nodes // 10)
            name = f"g{nodes}.yaml" if args.seed == 1 else f"g{nodes}-seed{args.seed}.yaml"
            scenario = work / name
            if not scenario.is_file():
                status = subprocess.call(
                    [args.corridor, "generate", "--nodes", str(nodes), "--flows", str(flows),
                     "--seed", str(args.seed), "--out", str(scenario)])
                if status != 0:
                    print(f"series: generating {scenario} failed (exit {status})", file=sys.stderr)
                    return 1
            megabytes = scenario.stat().st_size / 1e6
            setup = None  # (user s, events) of this size's set-up run in this round
            for kind in args.runs:
                label, extra = RUNS[kind]
                # As in docs/performance.md: a year of 10 replications up to 10^3 nodes, else 2.
                replications = 10 if kind == "year" and nodes <= 1000 else 2
                out = work / f"out-{nodes}-{kind}"
                command = [args.corridor, "run", str(scenario), "--format", "json",
                           "--threads", str(args.threads), "--replications", str(replications),
                           "--out", str(out)] + extra
                status, wall, user, rss_kib = measure(command, work)
                if status != 0:
                    message = (work / "stderr.txt").read_text(errors="replace").strip()
                    print(f"series: {' '.join(command)} failed (exit {status}):\n{message}",
                          file=sys.stderr)
                    return 1
                events = events_of(out / "results.json")
                if events is None:
                    print(f"series: no events count in {out / 'results.json'}", file=sys.stderr)
                    return 1
                per_event = ""
                if kind == "setup":
                    setup = (user, events)
                elif setup is not None and events > setup[1] and user - setup[0] >= MIN_USER_S:
                    per_event = f"{(user - setup[0]) / (events - setup[1]) * 1e9:.0f}"
                print(f"| {round_number} | {nodes:,} | {flows:,} | {megabytes:.2f} | {label} | "
                      f"{replications} | {events:,} | {wall:.2f} | {user:.2f} | "
                      f"{rss_kib / 1024:.1f} | {per_event} |")
                sys.stdout.flush()
                shutil.rmtree(out, ignore_errors=True)
    for scratch in ("stderr.txt", "time.txt"):
        (work / scratch).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends it quietly, as other tools
    sys.exit(main())
