#!/usr/bin/env bash
# Peer comparison (issue 6, item 4): the Social Finance demand model (PyPI cs-demand-model 0.5.1) and sufficiency
# on the same SSDA903 return and reference window; children in care 12 months on by the peer's categories
# (Fostering, Residential, Supported, Other), and both tools' wall times.
#
# Usage: scripts/peer-comparison.sh [DATA_DIR [REFERENCE_START [REFERENCE_END]]]
#   DATA_DIR         SSDA903 folder (default: ../shared/data/ssda903/d2i-sample beside the repository)
#   REFERENCE_START  yyyy-mm-dd, also read from the environment (default: three years before the end)
#   REFERENCE_END    yyyy-mm-dd, also read from the environment (default: the data's last date, as the peer reads it)
# Environment: REPLICATIONS (default 1000), PYTHON (default python3), KEEP_TMP=1 keeps the working folder.
#
# Needs python3 with venv and network access to PyPI (the peer is installed into a temporary virtual environment,
# removed at the end), and Swift to build sufficiency (swift build -c release).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${1:-$repo/../shared/data/ssda903/d2i-sample}
REFERENCE_START=${2:-${REFERENCE_START:-}}
REFERENCE_END=${3:-${REFERENCE_END:-}}
REPLICATIONS=${REPLICATIONS:-1000}
PYTHON=${PYTHON:-python3}

die() { echo "peer-comparison: $*" >&2; exit 2; }
[ -d "$data" ] || die "no data folder at $data"
data=$(cd "$data" && pwd)
for d in "$REFERENCE_START" "$REFERENCE_END"; do
  [ -z "$d" ] || [[ "$d" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "reference dates must be yyyy-mm-dd (got $d)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/peer-comparison.XXXXXX")
if [ "${KEEP_TMP:-}" = 1 ]; then
  trap 'echo "peer-comparison: kept $tmp" >&2' EXIT
else
  trap 'rm -rf "$tmp"' EXIT
fi

now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# ---------------------------------------------------------------------------------------------------------------
# The peer: a temporary virtual environment with cs-demand-model 0.5.1.
echo "== Social Finance demand model (cs-demand-model 0.5.1)"
t=$(now)
"$PYTHON" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --disable-pip-version-check --quiet "cs-demand-model==0.5.1"
py="$tmp/venv/bin/python"
echo "installed into a temporary virtual environment in $(since "$t") s (not counted in its wall time)"

# The driver does what the package's own `demand-model predict` command does (cs_demand_model/__main__.py), through
# its Python API, with the reference window given explicitly:
#   Config() -> fs_datastore(folder) -> DemandModellingDataContainer (reads every *.csv, keeps episodes and headers,
#   drops duplicate/overlapping episodes) -> PopulationStats(enriched_view) -> ModelPredictor.from_model(stats,
#   start, end) (daily transition rates and daily entrants averaged over the window; the population on the window's
#   end) -> predict(days) one-day steps to 12 months after the window's end.
cat >"$tmp/peer.py" <<'PYTHON'
import sys, time, warnings
warnings.filterwarnings("ignore")  # pandas 1.5 deprecation warnings from inside the package
t0 = time.perf_counter()
import pandas as pd
from dateutil.relativedelta import relativedelta
from cs_demand_model import Config, DemandModellingDataContainer, ModelPredictor, PopulationStats, fs_datastore

data, ref_start, ref_end, out = sys.argv[1:5]
config = Config()
dc = DemandModellingDataContainer(fs_datastore(data), config)
print("peer: files used: " + ", ".join(
    f"{f.name} ({f.metadata.table.name.lower()}{', year ' + str(f.metadata.year) if f.metadata.year else ''})"
    for f in sorted(dc.file_info, key=lambda f: f.name)))
combined = dc.combined_data
print(f"peer: {len(combined)} episodes of {combined['CHILD'].nunique()} children after its cleaning; "
      f"data from {dc.start_date:%Y-%m-%d} to {dc.end_date:%Y-%m-%d}")
end = pd.Timestamp(ref_end) if ref_end else pd.Timestamp(dc.end_date).normalize()
start = pd.Timestamp(ref_start) if ref_start else end - relativedelta(years=3)
if start >= end:
    sys.exit(f"peer: the reference window must start before it ends ({start:%Y-%m-%d} to {end:%Y-%m-%d})")
horizon = end + relativedelta(months=12)
days = (horizon - end).days

stats = PopulationStats(dc.enriched_view, config)
predictor = ModelPredictor.from_model(stats, start, end)
initial = predictor.initial_population
entrants = stats.daily_entrants(start, end)
prediction = predictor.predict(days)
final = prediction.iloc[-1]
t1 = time.perf_counter()

# Columns are (age bracket, category); the projection also carries (age bracket, NOT_IN_CARE) columns that collect
# children who have left care, which are not counted here.
cats = [c for c in config.PlacementCategories if c.name != "NOT_IN_CARE"]
def by_category(pop):
    return {c.label: float(sum(v for k, v in pop.items() if k and k[1] == c.name)) for c in cats}
now, then = by_category(initial), by_category(final)
print(f"peer: reference window {start:%Y-%m-%d} to {end:%Y-%m-%d}; {days} daily steps to {horizon:%Y-%m-%d}")
print(f"peer: {entrants.sum() * 365.25:.1f} entrants a year over the window; {len(predictor.transition_rates)} "
      f"transition rates between (age bracket, category) states")
print("peer: children in care by category, window end -> +12 months:")
for c in cats:
    print(f"peer:   {c.label:<12} {now[c.label]:7.1f} -> {then[c.label]:7.1f}")
print(f"peer:   {'Total':<12} {sum(now.values()):7.1f} -> {sum(then.values()):7.1f}")
print(f"peer: {t1 - t0:.2f} s inside Python (imports, reading, rates, projection)")
with open(out, "w") as f:
    f.write(f"window_start\t{start:%Y-%m-%d}\nwindow_end\t{end:%Y-%m-%d}\n")
    f.write(f"data_end\t{dc.end_date:%Y-%m-%d}\nhorizon\t{horizon:%Y-%m-%d}\n")
    for c in cats:
        f.write(f"start:{c.label}\t{now[c.label]:.4f}\nend:{c.label}\t{then[c.label]:.4f}\n")
PYTHON

t=$(now)
"$py" "$tmp/peer.py" "$data" "$REFERENCE_START" "$REFERENCE_END" "$tmp/peer.tsv"
peer_seconds=$(since "$t")
echo "peer wall time: $peer_seconds s"

field() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$tmp/peer.tsv"; }
data_end=$(field data_end)
window_source="given"
[ -n "$REFERENCE_START$REFERENCE_END" ] || window_source="default: three years to the data's end"
REFERENCE_START=$(field window_start)
REFERENCE_END=$(field window_end)
echo "REFERENCE_START=$REFERENCE_START REFERENCE_END=$REFERENCE_END ($window_source)"

# ---------------------------------------------------------------------------------------------------------------
# sufficiency: calibrate on the same window (the population on the window's end), then 1 year x REPLICATIONS.
echo
echo "== sufficiency"
ours_seconds=""
ours_problem=""
sufficiency="$repo/.build/release/sufficiency"
echo "building (swift build -c release; not counted in its wall time)"
if ! (cd "$repo" && swift build -c release) >"$tmp/build.log" 2>&1; then
  tail -n 20 "$tmp/build.log" >&2
  ours_problem="swift build -c release failed"
elif ! "$sufficiency" calibrate --help >/dev/null 2>&1; then
  ours_problem="this build has no calibrate subcommand"
else
  t=$(now)
  if "$sufficiency" calibrate "$data" --reference-start "$REFERENCE_START" --reference-end "$REFERENCE_END" \
       --out "$tmp/d2i.yaml" \
     && "$sufficiency" run "$tmp/d2i.yaml" --years 1 --replications "$REPLICATIONS" --out "$tmp/run" --quiet; then
    ours_seconds=$(since "$t")
    echo "sufficiency wall time (calibrate + run): $ours_seconds s"
  else
    ours_problem="sufficiency calibrate or run failed"
  fi
fi
[ -z "$ours_problem" ] || echo "sufficiency could not be run: $ours_problem" >&2

# ---------------------------------------------------------------------------------------------------------------
# The table. Our annual.csv holds one row per replication and financial year; a replication's last row is the stock
# at the horizon.
echo
"$py" - "$tmp/peer.tsv" "$tmp/run/annual.csv" "$peer_seconds" "${ours_seconds:-}" "$data" "$REPLICATIONS" <<'PYTHON'
import csv, os, sys
import numpy as np

peer_file, annual, peer_seconds, ours_seconds, data, replications = sys.argv[1:7]
peer = dict(line.rstrip("\n").split("\t") for line in open(peer_file))
groups = {
    "Fostering": ["in_house_foster", "ifa_foster", "kinship_foster"],
    "Residential": ["residential"],
    "Supported": ["supported_accommodation"],
    "Other": ["placed_with_parents", "placed_for_adoption", "other_placement"],
}
ours = None
if ours_seconds and os.path.exists(annual):
    last = {}
    with open(annual, newline="") as f:
        for row in csv.DictReader(f):
            if row["replication"] not in last or row["year"] >= last[row["replication"]]["year"]:
                last[row["replication"]] = row
    rows = list(last.values())
    ours = {name: np.array([sum(float(r[c]) for c in cols) for r in rows]) for name, cols in groups.items()}
    ours["Total"] = np.array([float(r["children_in_care"]) for r in rows])
    horizon_year = rows[0]["year"]

print(f"Data: {data}")
print(f"Data's end (last DECOM/DEC, as the peer reads it): {peer['data_end']}")
print(f"Reference window: {peer['window_start']} to {peer['window_end']}; "
      f"children in care projected to {peer['horizon']} (+12 months)")
print()
head = ["category", "peer at window end", "peer at +12 months", "sufficiency at +12 months: mean (90% interval)"]
table = []
for name in list(groups) + ["Total"]:
    if name == "Total":
        start = sum(float(peer[f"start:{g}"]) for g in groups)
        end = sum(float(peer[f"end:{g}"]) for g in groups)
    else:
        start, end = float(peer[f"start:{name}"]), float(peer[f"end:{name}"])
    if ours is None:
        mine = "not run"
    else:
        x = ours[name]
        mine = f"{x.mean():.1f} ({np.percentile(x, 5):.0f} to {np.percentile(x, 95):.0f})"
    table.append([name, f"{start:.0f}", f"{end:.1f}", mine])
widths = [max(len(r[i]) for r in table + [head]) for i in range(4)]
line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
print(line(head))
print("  ".join("-" * w for w in widths))
for r in table:
    print(line(r))
print()
print(f"Wall time, peer (one deterministic projection, Python start-up included): {peer_seconds} s")
if ours is None:
    print("Wall time, sufficiency: not run")
else:
    print(f"Wall time, sufficiency (calibrate + run, {replications} replications x 1 year; "
          f"horizon row {horizon_year}): {ours_seconds} s")
PYTHON

[ -z "$ours_problem" ] || exit 1
