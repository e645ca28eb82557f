#!/usr/bin/env bash
# Rewrites the stored copies that two tests compare byte for byte:
#   Tests/SufficiencyGoldenTests/Golden/   every file of a fixed run (the default scenario, 50 replications ×
#                                          2 years, seed 20170401), as `sufficiency run` writes it;
#   Tests/SufficiencyCLITests/Help/        every command's --help, wrapped at COLUMNS=100.
#
# When to run it: only after a deliberate change to the model, its random streams, a scenario, an output file or a
# command's help, and only once you have read the failing test's diff and it shows exactly that change. Then run
# this, read `git diff` of the two folders, and commit the copies with the change that caused them, saying why the
# outputs moved. Never run it to make an unexplained failure go away: a golden diff nobody intended is a bug.
#
# It builds the tests, runs the two tests with SUFFICIENCY_REGENERATE_GOLDEN=1 (they write instead of comparing,
# and report themselves skipped), runs them again to check the new copies pass, and lists what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
filter='SufficiencyGoldenTests|SufficiencyCLITests.HelpTextTests'
swift build --build-tests
SUFFICIENCY_REGENERATE_GOLDEN=1 swift test --skip-build --filter "$filter"
swift test --skip-build --filter "$filter"
git status --short -- Tests/SufficiencyGoldenTests/Golden Tests/SufficiencyCLITests/Help
