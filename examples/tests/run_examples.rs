//! Plays every example flow, so `cargo test --workspace` checks them all.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

fn play(name: &str, flow: impl FnOnce(&mut dyn std::io::Write) -> Result<(), nostr_examples::Error>) -> String {
    let mut out = Vec::new();
    if let Err(e) = flow(&mut out) {
        panic!(
            "{name} failed: {e}\n--- output so far ---\n{}",
            String::from_utf8_lossy(&out)
        );
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn quickstart() {
    let out = play("quickstart", nostr_examples::quickstart::run);
    assert!(out.contains("ncryptsec1"));
    assert!(out.contains("all checks passed"));
}
