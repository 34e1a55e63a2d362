//! See `src/live_room.rs`.
//!
//! Run: `cargo run -p nostr-examples --example live_room`

fn main() -> std::process::ExitCode {
    nostr_examples::main_with(nostr_examples::live_room::run)
}
