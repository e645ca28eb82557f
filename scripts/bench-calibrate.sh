#!/usr/bin/env bash
# Benchmark for `sufficiency calibrate` (issue 6): generates a synthetic SSDA903 return of 100,000 episode rows in a
# temporary folder (never in git), calibrates it with the release build, and prints the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import random, datetime, sys
out = sys.argv[1]
random.seed(7)
start = datetime.date(2015, 4, 1)
places = [("U4", "PR1"), ("U5", "PR4"), ("K2", "PR4"), ("U1", "PR1"), ("H5", "PR4")]
end = 6 * 365
with open(f"{out}/episodes.csv", "w") as ep, open(f"{out}/header.csv", "w") as hd:
    ep.write("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n")
    hd.write("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n")
    rows, child, t = 0, 1000000, 0.0
    iso = lambda d: (start + datetime.timedelta(days=d)).isoformat()
    while rows < 100000:
        t += random.expovariate(20000 / 6 / 365)
        if t >= end:
            t = 0.0
        child += 1
        hd.write(f"{child},1,{iso(t - random.uniform(0, 17) * 365.25)},WBRI,U{child},,\n")
        s, rne, exit_day = t, "S", t + random.expovariate(0.5) * 365
        while True:
            move = s + random.expovariate(0.4) * 365
            place, provider = random.choice(places)
            if move < exit_day and move < end:
                ep.write(f"{child},{iso(s)},{rne},C2,N1,{place},{provider},{iso(move)},X1,CREQB,,,\n")
                s, rne, rows = move, "P", rows + 1
            else:
                closed = exit_day < end
                rec = random.choice(["E4A", "E11", "E8", "E45"]) if closed else ""
                ep.write(f"{child},{iso(s)},{rne},C2,N1,{place},{provider},{iso(exit_day) if closed else ''},{rec},,,,\n")
                rows += 1
                break
print(f"generated {rows} episode rows for {child - 1000000} children")
PY
swift build -c release >/dev/null
/usr/bin/time -f "calibrate: %e s wall, %M KB peak" .build/release/sufficiency calibrate "$dir" --out "$dir/out/big.yaml"
