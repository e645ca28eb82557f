#!/usr/bin/env bash
# Builds and runs Examples/Consumer, a separate package that depends on sufficiency's library products by version,
# as another project would: against a clone of the current commit (HEAD; uncommitted changes are not in it) tagged
# with a version, in a temporary directory. Fails loudly if any step fails.
#
#   bash scripts/build-example.sh            # tag 0.12.0
#   SUFFICIENCY_EXAMPLE_VERSION=0.12.3 bash scripts/build-example.sh
#
# The example's build folder is .build-example at the top of the repository (git-ignored).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${SUFFICIENCY_EXAMPLE_VERSION:-0.12.0}"
fail() { echo "build-example: FAILED: $*" >&2; exit 1; }

commit="$(git -C "$root" rev-parse HEAD)" || fail "not a git repository: $root"
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "build-example: note: uncommitted changes are not in the example's build (it uses commit ${commit:0:12})" >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/sufficiency-example.XXXXXX")"
trap 'rm -rf "$work"' EXIT
clone="$work/sufficiency"
git clone --quiet --no-checkout "$root" "$clone" || fail "git clone of $root"
git -C "$clone" checkout --quiet --detach "$commit" || fail "checkout of $commit in the clone"
git -C "$clone" tag "$version" || fail "git tag $version"
echo "build-example: sufficiency ${commit:0:12} tagged $version in $clone"

bash "$root/scripts/ensure-deps.sh" || fail "GSL is missing"
export SUFFICIENCY_PACKAGE_URL="$clone"
scratch="$root/.build-example"
# A new clone each time: forget the last one (its path and commit differ; the workspace state records its path),
# keep the other packages' clones.
rm -rf "$scratch/repositories/sufficiency-"* "$scratch/checkouts" "$scratch/workspace-state.json" \
  "$root/Examples/Consumer/Package.resolved"
swift package --package-path "$root/Examples/Consumer" --scratch-path "$scratch" resolve \
  || fail "resolving the example's dependencies (sufficiency $version from $clone)"
resolved="$(swift package --package-path "$root/Examples/Consumer" --scratch-path "$scratch" show-dependencies \
  | grep -i 'sufficiency' | head -1 || true)"
echo "build-example: resolved $resolved"
case "$resolved" in
  *"<$clone@$version>"*|*"@$version"*) ;;
  *) fail "the example did not resolve sufficiency at version $version: $resolved" ;;
esac
swift build --package-path "$root/Examples/Consumer" --scratch-path "$scratch" || fail "building the example"
output="$("$scratch/debug/Consumer")" || fail "running the example"
echo "$output"
case "$output" in
  *"median children in care at 31 March"*) ;;
  *) fail "the example printed something unexpected" ;;
esac
rm -f "$root/Examples/Consumer/Package.resolved"
echo "build-example: the example built against sufficiency $version and ran"
