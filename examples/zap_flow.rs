//! See `src/zap_flow.rs`.
//!
//! Run: `cargo run -p nostr-examples --example zap_flow`

fn main() -> std::process::ExitCode {
    nostr_examples::main_with(nostr_examples::zap_flow::run)
}
