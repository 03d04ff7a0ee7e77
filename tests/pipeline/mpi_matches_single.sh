#!/usr/bin/env bash
# Under MPI, `corridor run` on two ranks must give exactly the results of one process with the
# same seed: the JSON reports must be byte-identical once their `meta` objects are removed.
# Usage: mpi_matches_single.sh CORRIDOR MPIEXEC SCENARIO
set -euo pipefail
corridor=$1 mpiexec=$2 scenario=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$corridor" run "$scenario" --format json > "$tmp/one.json"
"$mpiexec" --allow-run-as-root --oversubscribe -np 2 \
  "$corridor" run "$scenario" --format json > "$tmp/two.json"
python3 - "$tmp/one.json" "$tmp/two.json" <<'PY'
import json, sys
one, two = (json.load(open(p)) for p in sys.argv[1:3])
for doc in (one, two):
    doc.pop("meta", None)
a, b = (json.dumps(d, indent=2, sort_keys=True) for d in (one, two))
if a != b:
    sys.exit("results on 2 MPI ranks differ from one process")
print("identical results on 1 process and 2 MPI ranks")
PY
