#!/usr/bin/env bash
# nostr-zap instruction counts (callgrind) per operation, minus the setup-only
# baseline, divided by N, and the ratios the issue asks for.
# Usage: bash benches/scripts/zap_icount.sh [N]
set -euo pipefail
n=${1:-100}
root=$(cd "$(dirname "$0")/../.." && pwd)
cargo build -q --release -p nostr-benches --bin zap_icount --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/zap_icount"
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 | awk '/Collected/ {print $4}'; }
base=$(count none "$n")
declare -A per
for op in bolt11/ours bolt11/bare receipt/ours receipt/ours-parsed receipt/bare \
          receipt/events-core receipt/events-rust-nostr; do
  total=$(count "$op" "$n")
  per[$op]=$(( (total - base) / n ))
  echo "$op ${per[$op]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "bolt11 ours/bare: $(ratio "${per[bolt11/ours]}" "${per[bolt11/bare]}")"
echo "receipt ours(from_json)/bare: $(ratio "${per[receipt/ours]}" "${per[receipt/bare]}")"
echo "receipt ours(parsed)/bare: $(ratio "${per[receipt/ours-parsed]}" "${per[receipt/bare]}")"
echo "events only, nostr-core/rust-nostr: $(ratio "${per[receipt/events-core]}" "${per[receipt/events-rust-nostr]}")"
