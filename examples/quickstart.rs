//! Quick start: keys, a signed and verified note, `npub` / `nevent`, a NIP-44 message
//! to a peer and back, and an `ncryptsec` backup of the key with its restore.
//!
//! Run: `cargo run -p nostr-examples --example quickstart`
//!
//! The flow is in `src/quickstart.rs` (also run by `cargo test`).

fn main() -> std::process::ExitCode {
    nostr_examples::main_with(nostr_examples::quickstart::run)
}
