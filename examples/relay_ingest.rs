//! A relay's ingest path over a file of events: acceptance policy on all cores,
//! replaceable slots, deletions, subscriptions, with counts and timings.
//!
//! Run: `cargo run --release -p nostr-examples --example relay_ingest [events.jsonl]`
//!
//! Without a path it generates its own file (a few thousand events, some invalid,
//! expired or too far in the future) into a temporary directory. The flow is in
//! `src/relay_ingest.rs` (also run by `cargo test`).

fn main() -> std::process::ExitCode {
    let options = nostr_examples::relay_ingest::Options::from_args();
    nostr_examples::main_with(|out| nostr_examples::relay_ingest::run_with(out, &options))
}
