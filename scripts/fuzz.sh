#!/usr/bin/env bash
# Fuzzes the scenario loader and the SSDA903 reader (with the calibration behind `sufficiency calibrate`) with
# libFuzzer, for SECONDS in all (default 600), split evenly between the two.
#
#   bash scripts/fuzz.sh [SECONDS]
#
# The library is built with coverage instrumentation (`-sanitize=fuzzer`) into .build-fuzz/, and the two entry points
# in scripts/fuzz/ are linked against it. Seeds: the shipped scenarios, two sets of --set values on the default
# scenario (an input's lines after `==> set <==`), small slices of both SSDA903 sample layouts,
# and every input that once crashed (scripts/fuzz/regressions/). A crash, a hang (over 10 s on one input) or memory
# over 2 GB is a finding: libFuzzer stops and saves the
# input under fuzz-findings/ (git-ignored); replay one with `.build-fuzz/fuzz-scenario FILE` (or fuzz-ssda903).
# The working corpus grows in .build-fuzz/corpus-*/ and is reused by the next session. Not part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
case "$seconds" in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2;; esac
half=$(( seconds / 2 > 0 ? seconds / 2 : 1 ))

bash scripts/ensure-deps.sh
build=.build-fuzz
swift build --build-path "$build" -c release -Xswiftc -sanitize=fuzzer --target SufficiencyCalibration >&2
release="$build/release"
objects=$(ls "$release"/{SimulationCore,SufficiencyModel,SufficiencySimulation,SufficiencyData,SufficiencyCalibration,Yams,CSV}.build/*.o \
  "$release"/CYaml.build/src/*.o)
for entry in scenario ssda903; do
  source=scripts/fuzz/$( [ $entry = scenario ] && echo ScenarioFuzz || echo SSDA903Fuzz ).swift
  binary="$build/fuzz-$entry"
  # Relink when any object or the entry point is newer than the binary (-H: $release is a symbolic link).
  if [ ! -x "$binary" ] || [ -n "$(find -H "$release" "$source" -newer "$binary" \( -name '*.o' -o -name '*.swift' \) | head -1)" ]; then
    echo "fuzz.sh: linking $binary" >&2
    # shellcheck disable=SC2086
    swiftc -sanitize=fuzzer -parse-as-library -O -I "$release/Modules" \
      -Xcc -fmodule-map-file="$build/checkouts/Yams/Sources/CYaml/include/module.modulemap" \
      -Xcc -fmodule-map-file=Sources/CGSL/module.modulemap \
      "$source" $objects $(pkg-config --libs gsl) -o "$binary"
  fi
done

# Seeds.
seeds="$build/seeds"
rm -rf "$seeds" && mkdir -p "$seeds/scenario" "$seeds/ssda903"
cp scenarios/*.yaml "$seeds/scenario/"
# Values set as --set does, on the embedded default: a table, a list, a number.
printf '==> set <==\nentries.annual_rate={"0": 30, "1-4": 27, "5-9": 27, "10-15": 43, "16-17": 20}\n' > "$seeds/scenario/set-table"
printf '==> set <==\nexits.reunification.time_in_care_multiplier=[1.3, 1.0, 0.7, 0.5, 0.3]\nuasc.annual_rate=40\n' > "$seeds/scenario/set-list"
# Inputs that once crashed, replayed first in every session (scripts/fuzz/regressions/<entry>/).
for entry in scenario ssda903; do
  if [ -d "scripts/fuzz/regressions/$entry" ]; then cp "scripts/fuzz/regressions/$entry/"* "$seeds/$entry/"; fi
done
slice() {  # slice HEADER EPISODES OUT: the first 40 children of HEADER with all their episodes
  awk -F, 'NR == 1 || NR <= 41' "$1" > "$3"
  printf '\n==> episodes <==\n' >> "$3"
  awk -F, 'NR == FNR { if (FNR > 1 && FNR <= 41) keep[$1] = 1; next } FNR == 1 || ($1 in keep)' "$1" "$2" >> "$3"
}
samples=../shared/data/ssda903
[ -d "$samples" ] || samples=/work/shared/data/ssda903
if [ -d "$samples" ]; then
  slice "$samples/sf-regional-sample/header.csv" "$samples/sf-regional-sample/episodes.csv" "$seeds/ssda903/regional"
  slice "$samples/d2i-sample/2019-header.csv" "$samples/d2i-sample/2019-episodes.csv" "$seeds/ssda903/per-year"
fi
printf 'CHILD,SEX,DOB\n1,1,2010-01-01\n\n==> episodes <==\nCHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n1,2017-04-01,S,C2,N1,U4,PR1,2018-03-01,E13\n' \
  > "$seeds/ssda903/minimal"

mkdir -p fuzz-findings "$build/corpus-scenario" "$build/corpus-ssda903"
status=0
for entry in scenario ssda903; do
  echo "fuzz.sh: fuzzing the $entry entry point for $half s" >&2
  "$build/fuzz-$entry" "$build/corpus-$entry" "$seeds/$entry" \
    -dict="scripts/fuzz/$entry.dict" -max_total_time="$half" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="fuzz-findings/$entry-" -print_final_stats=1 2> "$build/fuzz-$entry.log" || status=$?
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' "$build/fuzz-$entry.log" >&2 || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$build/fuzz-$entry.log" >&2
    echo "fuzz.sh: the $entry fuzzer found a problem; the input is in fuzz-findings/" >&2
    exit 1
  fi
  echo "fuzz.sh: $entry: no crash, hang or memory blow-up ($(ls "$build/corpus-$entry" | wc -l) inputs in the corpus)" >&2
done
