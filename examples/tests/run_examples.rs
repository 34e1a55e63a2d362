//! Plays every example flow, so `cargo test --workspace` checks them all.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

fn play(
    name: &str,
    flow: impl FnOnce(&mut dyn std::io::Write) -> Result<(), nostr_examples::Error>,
) -> String {
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

#[test]
fn relay_ingest() {
    let out = play("relay_ingest", nostr_examples::relay_ingest::run);
    assert!(out.contains("all counts match what was generated"));
}

#[test]
fn relay_ingest_reads_a_given_file() {
    let dir = std::env::temp_dir().join(format!("nostr-examples-ri-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("in.jsonl");
    let keys = nostr_core::Keys::generate();
    let note = nostr_core::EventBuilder::new(nostr_core::Kind::TEXT_NOTE, "hi #nostr")
        .tag(nostr_core::Tag::hashtag("nostr"))
        .sign(&keys);
    std::fs::write(&path, format!("{}\nnot json\n", note.to_json())).unwrap();
    let options = nostr_examples::relay_ingest::Options { input: Some(path) };
    let out = play("relay_ingest file", |out| {
        nostr_examples::relay_ingest::run_with(out, &options)
    });
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(out.contains("1 accepted, 1 refused"), "{out}");
}

#[test]
fn live_room() {
    let out = play("live_room", nostr_examples::live_room::run);
    assert!(out.contains("all checks passed"));
}

#[test]
fn live_stream() {
    let out = play("live_stream", nostr_examples::live_stream::run);
    assert!(out.contains("all checks passed"));
}

#[test]
fn zap_flow() {
    let out = play("zap_flow", nostr_examples::zap_flow::run);
    assert!(out.contains("all checks passed"));
}
