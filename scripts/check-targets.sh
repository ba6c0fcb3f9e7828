#!/usr/bin/env bash
# The module graph the architecture promises: Reports and Slurm (and their tests) reach neither
# the engine (NeuralNet, oneDNN) nor HDF5. Checks the declared dependency closure of each, then
# builds the two targets alone. Usage: scripts/check-targets.sh [scratch path]   (CI: make test)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${1:-.build}
SWIFT=${SWIFT:-swift}
$SWIFT package describe --type json | python3 -c '
import json, sys
targets = {t["name"]: t.get("target_dependencies", []) for t in json.load(sys.stdin)["targets"]}
forbidden = {"NeuralNet", "CDNNL", "HDF5", "CHDF5", "Checkpoints", "Experiments"}
def closure(name, seen=None):
    seen = set() if seen is None else seen
    for dep in targets.get(name, []):
        if dep not in seen:
            seen.add(dep)
            closure(dep, seen)
    return seen
bad = False
for name in ["Storage", "Records", "Reports", "Slurm", "StorageTests", "RecordsTests", "ReportsTests", "SlurmTests"]:
    reached = closure(name) & forbidden
    listed = ", ".join(sorted(closure(name))) or "nothing"
    print(f"{name}: depends on {listed}")
    if reached:
        print(f"error: {name} reaches {sorted(reached)}", file=sys.stderr)
        bad = True
sys.exit(1 if bad else 0)
'
for target in Reports Slurm; do
    $SWIFT build --scratch-path "$SCRATCH" --target "$target"
done
