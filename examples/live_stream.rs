//! See `src/live_stream.rs`.
//!
//! Run: `cargo run -p nostr-examples --example live_stream`

fn main() -> std::process::ExitCode {
    nostr_examples::main_with(nostr_examples::live_stream::run)
}
