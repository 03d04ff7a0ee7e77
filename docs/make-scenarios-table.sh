#!/usr/bin/env bash
# Prints the Markdown tables of docs/scenarios.md: every Caspian scenario's corridor
# throughputs (mean ± 95% CI), its busiest link and node, and the analytic capacity bounds with
# their binding elements. Reads `corridor run --format json` and `corridor capacity --format json`.
#
# Usage (from the repository root):
#   docs/make-scenarios-table.sh [CORRIDOR_BINARY] > /tmp/scenarios-table.md
# CORRIDOR_BINARY defaults to build/docs/corridor. Set REPLICATIONS to override the scenarios'
# own replication count (default: each scenario's run.replications, 10).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$root/build/docs/corridor}"
if [[ ! -x "$bin" ]]; then
  echo "make-scenarios-table: no corridor program at $bin (build it or pass its path)" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

reps=()
if [[ -n "${REPLICATIONS:-}" ]]; then reps=(--replications "$REPLICATIONS"); fi

# base_2023 first (the reference), then the others in name order.
scenarios=(base_2023)
for f in "$root"/scenarios/caspian/*.yaml; do
  name="$(basename "$f" .yaml)"
  [[ "$name" == base_2023 ]] || scenarios+=("$name")
done

for s in "${scenarios[@]}"; do
  file="scenarios/caspian/$s.yaml"
  (cd "$root" && "$bin" run "$file" "${reps[@]}" --format json) > "$work/$s.run.json"
  (cd "$root" && "$bin" capacity "$file" --format json) > "$work/$s.cap.json"
done

python3 - "$work" "${scenarios[@]}" <<'PY'
import json
import sys

work, names = sys.argv[1], sys.argv[2:]


def load(name, kind):
    with open(f"{work}/{name}.{kind}.json", encoding="utf-8") as f:
        return json.load(f)


def kt(x):
    return f"{x / 1000:,.0f}"


def mt(x):
    return f"{x / 1e6:,.2f} Mt"


def estimate(e):
    half = (e["ci95_high"] - e["ci95_low"]) / 2
    return f"{kt(e['mean'])} ± {kt(half)}"


def bounds(cap):
    """corridor id -> text of its analytic bound and binding elements."""
    out = {}
    items = cap if isinstance(cap, list) else cap.get("bounds", cap.get("corridors", []))
    for b in items:
        cid = b.get("subject", "").replace("corridor ", "")
        if b.get("unbounded"):
            out[cid] = "unbounded"
            continue
        if not b.get("binding"):
            out[cid] = "– (" + (b.get("note") or "no bound") + ")"
            continue
        elems = ", ".join(
            f"{e['id']} {e['kind'].replace('_', ' ')}"
            + (f" ({e['where']})" if e.get("where") else "")
            + f" {mt(e['capacity_t_per_year'])}"
            for e in b["binding"]
        )
        out[cid] = f"{mt(b['capacity_t_per_year'])}: {elems}"
    return out


runs = {n: load(n, "run") for n in names}
caps = {n: bounds(load(n, "cap")) for n in names}
corridors = [c["id"] for c in runs[names[0]]["corridors"]]
reps = runs[names[0]]["replications"]

print(f"Corridor throughput, kt/yr (mean ± half-width of the 95% confidence interval over "
      f"{reps} replications, seed {runs[names[0]]['seed']}):\n")
print("| Scenario | " + " | ".join(f"`{c}`" for c in corridors) + " |")
print("|---|" + "---:|" * len(corridors))
for n in names:
    by_id = {c["id"]: c for c in runs[n]["corridors"]}
    cells = [estimate(by_id[c]["throughput_t_per_year"]) if c in by_id else "–" for c in corridors]
    print(f"| {n} | " + " | ".join(cells) + " |")

print("\nBottlenecks: the busiest simulated link and node (utilisation of their busiest element), "
      "and the flow with the largest backlog at the end of the run:\n")
print("| Scenario | Busiest link | Busiest node | Largest backlog |")
print("|---|---|---|---|")
for n in names:
    r = runs[n]
    link = max(r["links"], key=lambda x: x["utilisation"]["mean"])
    node = max(r["nodes"], key=lambda x: x["utilisation"]["mean"])
    flow = max(r["flows"], key=lambda x: x["backlog_t"]["mean"])
    print(f"| {n} | {link['id']} {link['utilisation']['mean']:.0%} | "
          f"{node['id']} {node['utilisation']['mean']:.0%} | "
          f"{flow['id']} {kt(flow['backlog_t']['mean'])} kt |")

print("\nAnalytic bound (`corridor capacity`) and its binding elements, for base_2023 and then "
      "only where a scenario differs from it:\n")
print("| Scenario | Corridor | Bound: binding elements |")
print("|---|---|---|")
base = caps[names[0]]
for c in corridors:
    print(f"| {names[0]} | `{c}` | {base.get(c, '–')} |")
for n in names[1:]:
    for c in corridors:
        if caps[n].get(c) != base.get(c):
            print(f"| {n} | `{c}` | {caps[n].get(c, '–')} |")
PY
