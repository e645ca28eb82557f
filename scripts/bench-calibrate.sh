#!/usr/bin/env bash
# Benchmark for `sufficiency calibrate` (issues 6 and 10): generates a synthetic SSDA903 return of ROWS episode rows
# (default 100,000) in a temporary folder (never in git), calibrates it with the release build, and prints the wall
# time and peak memory.
#
#   bash scripts/bench-calibrate.sh            # 100,000 rows
#   bash scripts/bench-calibrate.sh 1000000    # 1,000,000 rows (a few seconds to generate)
#
# The generator's output for a given ROWS never changes (seed 7), so results can be compared across builds;
# set KEEP=DIR to generate into DIR and keep it (and the calibrated scenario in DIR/out).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
[[ "$rows" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [ROWS]   (a positive whole number; default 100000)" >&2; exit 2; }
if [ -n "${KEEP:-}" ]; then
  dir=$KEEP
  mkdir -p "$dir"
else
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
fi
python3 - "$dir" "$rows" <<'PY'
import datetime, math, random, sys
out, target = sys.argv[1], int(sys.argv[2])
random.seed(7)
places = [("U4", "PR1"), ("U5", "PR4"), ("K2", "PR4"), ("U1", "PR1"), ("H5", "PR4")]
# Six years of entries (2015-04-01 to 2021-03-30) per 100,000 rows: a larger return covers proportionally more years,
# ending on the same day, so the number in care stays that of a large council or region (18,000 at 100,000 rows,
# 12,000 at a million) rather than growing with the rows past what a scenario allows (100,000).
end = 6 * 365 * max(target, 100000) // 100000
start = datetime.date(2015, 4, 1) - datetime.timedelta(days=end - 6 * 365)
# Dates as text by whole day (a date plus a fractional timedelta drops the fraction, rounding down), made once each;
# dates of birth go back up to 17 years before the first entry.
first_day = -18 * 366
iso_days = [(start + datetime.timedelta(days=d)).isoformat() for d in range(first_day, end + 1)]
def iso(d):
    return iso_days[math.floor(d) - first_day]
expo, unif, choice = random.expovariate, random.uniform, random.choice
entry_rate, exit_rate, move_rate = 20000 / 6 / 365, 0.5, 0.4
recs = ["E4A", "E11", "E8", "E45"]
ep_lines = ["CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"]
hd_lines = ["CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"]
rows, child, t = 0, 1000000, 0.0
while rows < target:
    t += expo(entry_rate)
    if t >= end:
        t = 0.0
    child += 1
    born = t - unif(0, 17) * 365.25
    hd_lines.append(f"{child},1,{iso(born)},WBRI,U{child},,\n")
    # Care ends by the 18th birthday (the day before, so that no episode starts at 18 after rounding to days).
    s, rne, exit_day = t, "S", min(t + expo(exit_rate) * 365, born + 18 * 365.25 - 2)
    while True:
        move = s + expo(move_rate) * 365
        place, provider = choice(places)
        if move < exit_day and move < end:
            ep_lines.append(f"{child},{iso(s)},{rne},C2,N1,{place},{provider},{iso(move)},X1,CREQB,,,\n")
            s, rne, rows = move, "P", rows + 1
        else:
            closed = exit_day < end
            rec = choice(recs) if closed else ""
            ep_lines.append(f"{child},{iso(s)},{rne},C2,N1,{place},{provider},{iso(exit_day) if closed else ''},{rec},,,,\n")
            rows += 1
            break
with open(f"{out}/episodes.csv", "w") as ep:
    ep.writelines(ep_lines)
with open(f"{out}/header.csv", "w") as hd:
    hd.writelines(hd_lines)
print(f"generated {rows} episode rows for {child - 1000000} children")
PY
swift build -c release >/dev/null
/usr/bin/time -f "calibrate: %e s wall, %M KB peak" .build/release/sufficiency calibrate "$dir" --out "$dir/out/big.yaml" --force
