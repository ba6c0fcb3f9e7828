#!/usr/bin/env bash
# The reliability battery (make reliability): seeded kill -9 trials, corruption cases, fuzzing,
# concurrent sweeps and a full disk, on the smoke config. Ends with one line of figures;
# exits non-zero when any case failed.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-.build}
swift build -c release --scratch-path "$build" --product transfer || exit 1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
RELIABILITY=1 RELIABILITY_OUT="$out" TRANSFER_BIN="$PWD/$build/release/transfer" \
    swift test --scratch-path "$build" --filter 'FuzzTests|CorruptionTests|KillTrialTests'
status=$?
# figure PART KEY: a number from $out/PART.txt ("key=value ..."), 0 when absent.
figure() { sed -n "s/.*\b$2=\([0-9]*\).*/\1/p" "$out/$1.txt" 2>/dev/null | head -1 | grep . || echo 0; }
trials=$(figure kill-trials trials); mismatches=$(figure kill-trials mismatches); kills=$(figure kill-trials kills)
cases=$(figure corruption cases); detected=$(figure corruption detected); harmless=$(figure corruption harmless)
missed=$(figure corruption missed)
inputs=$(( $(figure fuzz-config inputs) + $(figure fuzz-readers inputs) ))
crashes=$(( $(figure fuzz-config other_errors) + $(figure fuzz-readers other_errors) + $(figure fuzz-config sweep_crashes) ))
sweeps=$(figure fuzz-config sweeps)
concurrent=$(figure concurrent both_exit_0); disk=$(figure disk-full clean); diskcases=$(figure disk-full cases)
disknote="disk-full $disk/$diskcases clean"
[ "$(figure disk-full skipped_no_mount)" = 1 ] && disknote="disk-full skipped (cannot mount a tmpfs here)"
failures=$(( mismatches + missed + crashes + 2 - concurrent + diskcases - disk ))
[ "$status" -ne 0 ] && [ "$failures" -eq 0 ] && failures=1
echo "reliability: kill-9 trials $trials ($kills kills, $mismatches mismatches); corruption cases $cases ($detected detected, $harmless harmless, $missed missed); fuzz inputs $inputs + $sweeps sweeps ($crashes crashes); concurrent sweeps $concurrent/2 exit 0; $disknote; failures $failures"
[ "$status" -eq 0 ] && [ "$failures" -eq 0 ]
