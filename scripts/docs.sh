#!/usr/bin/env bash
# Builds the library's DocC documentation, one site per module, into results/docs/<Module>/ (git-ignored), with an
# index page at results/docs/index.html. Each module's catalog is Sources/<Module>/<Module>.docc.
#
#   bash scripts/docs.sh                      # every module
#   bash scripts/docs.sh SufficiencySimulation SimulationCore
#   python3 -m http.server -d results/docs 8000   # then open http://localhost:8000/
#
# The sites are built for static hosting under /<Module>/, so one web server at results/docs serves them all
# (DocC's pages load their data with JavaScript, which browsers refuse from file:// addresses).
#
# Fails (exit 1) when DocC warns of anything but one kind of warning: a doc comment whose `- Parameters:` list
# misses or misnames a parameter. Those are counted and named, not fatal, because some older doc comments have them;
# an unresolved symbol link, an unknown topic or a malformed directive fails the build.
# Not part of .ci/run: on a fresh clone it took 62 s (the plugin and the targets build in debug), then 2 to 3 s a
# module.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
fail() { echo "docs: FAILED: $*" >&2; exit 1; }

all=(SimulationCore SufficiencyModel SufficiencySimulation SufficiencyData SufficiencyCalibration SufficiencyReport
     SufficiencyWorkbook)
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=("${all[@]}")

bash scripts/ensure-deps.sh || fail "GSL or libxlsxwriter is missing (the modules that use them do not build)"
out="$root/results/docs"
mkdir -p "$out"   # the plugin moves each archive into place and needs its parent to exist
log="$(mktemp "${TMPDIR:-/tmp}/sufficiency-docs.XXXXXX")"
trap 'rm -f "$log"' EXIT
start=$SECONDS
fatal=0 tolerated=0
for module in "${modules[@]}"; do
  [ -d "Sources/$module/$module.docc" ] || fail "no catalog Sources/$module/$module.docc (modules: ${all[*]})"
  rm -rf "${out:?}/$module"
  t=$SECONDS
  swift package --allow-writing-to-directory "$out" generate-documentation --target "$module" \
    --output-path "$out/$module" --hosting-base-path "$module" >"$log" 2>&1 \
    || { cat "$log" >&2; fail "generate-documentation --target $module"; }
  # DocC's warnings start with "warning:"; the parameter-list ones are tolerated, anything else is fatal.
  params=$(grep -cE "^warning: (Parameter '.*' (is missing documentation|not found in)|Return value documented)" "$log" || true)
  others=$(grep '^warning:' "$log" | grep -vcE "^warning: (Parameter '.*' (is missing documentation|not found in)|Return value documented)" || true)
  tolerated=$((tolerated + params))
  if [ "$others" -gt 0 ]; then
    echo "docs: $module: $others warning(s):" >&2
    grep -A6 '^warning:' "$log" | grep -vE "^warning: (Parameter|Return value)" >&2 || true
    fatal=$((fatal + others))
  fi
  note=""
  [ "$params" -eq 0 ] || note=", $params parameter-list warning(s) in doc comments"
  echo "docs: $module -> results/docs/$module/documentation/$(echo "$module" | tr 'A-Z' 'a-z')/ ($((SECONDS - t)) s$note)"
done

{
  echo '<!doctype html><meta charset="utf-8"><title>sufficiency: library documentation</title>'
  echo '<h1>sufficiency: library documentation</h1><p>One DocC site per module:</p><ul>'
  for module in "${all[@]}"; do
    [ -d "$out/$module" ] || continue
    echo "<li><a href=\"$module/documentation/$(echo "$module" | tr 'A-Z' 'a-z')/\">$module</a></li>"
  done
  echo '</ul>'
} > "$out/index.html"

echo "docs: ${#modules[@]} module(s) in $((SECONDS - start)) s; $tolerated tolerated parameter-list warning(s)"
[ "$fatal" -eq 0 ] || fail "$fatal DocC warning(s) above (unresolved links or malformed documentation)"
