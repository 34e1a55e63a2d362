#!/usr/bin/env bash
# Instruction counts (callgrind) per operation, minus the setup-only baseline,
# divided by N: deterministic per-call figures for ratio checks on a noisy machine.
# Usage: bash benches/scripts/icount.sh [N]   (needs valgrind: apt-get install -y valgrind)
set -euo pipefail
n=${1:-200}
root=$(cd "$(dirname "$0")/../.." && pwd)
cargo build -q --release -p nostr-benches --bin icount --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/icount"
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 | awk '/Collected/ {print $4}'; }
base=$(count none "$n")
for op in parse/ours parse/ours-raw parse/rust-nostr id/ours id/rust-nostr id/bare \
          verify/ours verify/rust-nostr verify/bare parse_verify/ours-raw parse_verify/ours \
          parse_verify/rust-nostr to_json/ours to_json/rust-nostr sign/ours sign/rust-nostr; do
  total=$(count "$op" "$n")
  echo "$op $(( (total - base) / n ))"
done
