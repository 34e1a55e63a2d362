//! End-to-end tests that run the `nostr` binary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use assert_cmd::Command;
use nostr_core::{Event, EventBuilder, Keys, Kind, SecretKey, Tag, Timestamp, nip13};
use predicates::prelude::*;
use serde_json::Value;

/// A fixed test key (the scalar 3): never a real user's key.
const SK: &str = "0000000000000000000000000000000000000000000000000000000000000003";

fn nostr() -> Command {
    let mut cmd = Command::cargo_bin("nostr").unwrap();
    cmd.env_remove("NOSTR_SECRET_KEY");
    cmd
}

fn keys() -> Keys {
    Keys::new(SecretKey::from_hex(SK).unwrap())
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Asserts a failed run: exit status 1, a message on stderr, nothing that looks
/// like a Rust panic.
fn assert_fails(cmd: &mut Command, stderr_contains: &str) {
    cmd.assert()
        .code(1)
        .stderr(predicate::str::contains(stderr_contains))
        .stderr(predicate::str::contains("panicked").not());
}

fn signed(content: &str) -> Event {
    EventBuilder::new(Kind::TEXT_NOTE, content)
        .tag(Tag::hashtag("test"))
        .sign_at(&keys(), Timestamp::from_secs(1_700_000_000))
}

// ---------------------------------------------------------------- event

#[test]
fn event_builds_and_signs() {
    let out = stdout_of(nostr().args([
        "event",
        "--sec",
        SK,
        "-k",
        "7",
        "-c",
        "+",
        "-t",
        "t=nostr",
        "--tag",
        "x=a;b;c",
        "-t",
        r#"["y","1","2"]"#,
        "-t",
        "alone",
        "-d",
        "slug",
        "--created-at",
        "1700000000",
    ]));
    assert_eq!(out.lines().count(), 1);
    let event = Event::from_json(out.trim_end()).unwrap();
    event.verify().unwrap();
    assert_eq!(event.pubkey, keys().public_key());
    assert_eq!(event.kind, Kind::REACTION);
    assert_eq!(event.content, "+");
    assert_eq!(event.created_at, Timestamp::from_secs(1_700_000_000));
    let tags: Vec<Vec<String>> = event.tags.iter().map(|t| t.as_slice().to_vec()).collect();
    assert_eq!(
        tags,
        [
            vec!["d", "slug"],
            vec!["t", "nostr"],
            vec!["x", "a", "b", "c"],
            vec!["y", "1", "2"],
            vec!["alone"],
        ]
    );
    assert!(!out.contains(SK), "the secret key must never be printed");
}

#[test]
fn event_e_and_p_shortcuts() {
    let target = signed("parent");
    let pk = keys().public_key().to_hex();
    let out = stdout_of(nostr().args(["event", "--sec", SK, "-e", &target.id.to_hex(), "-p", &pk]));
    let event = Event::from_json(out.trim_end()).unwrap();
    assert_eq!(event.tags.event_refs().next().unwrap().id, target.id);
    assert_eq!(event.tags.pubkey_refs().next().unwrap().pubkey.to_hex(), pk);
}

#[test]
fn event_key_from_env_and_default_time() {
    let before = Timestamp::now();
    let out = stdout_of(
        nostr()
            .env("NOSTR_SECRET_KEY", SK)
            .args(["event", "-c", "from env"]),
    );
    let event = Event::from_json(out.trim_end()).unwrap();
    event.verify().unwrap();
    assert_eq!(event.pubkey, keys().public_key());
    assert!(event.created_at >= before);
}

#[test]
fn event_without_key_fails() {
    assert_fails(nostr().args(["event", "-c", "x"]), "no secret key");
}

#[test]
fn event_bad_key_is_not_echoed() {
    let bad = "zz00000000000000000000000000000000000000000000000000000000000003";
    let assert = nostr()
        .args(["event", "--sec", bad])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("invalid secret key"));
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(!stderr.contains(bad));
    // Same through the environment variable.
    let assert = nostr()
        .env("NOSTR_SECRET_KEY", bad)
        .arg("event")
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(!stderr.contains(bad));
}

#[test]
fn event_bad_inputs_fail() {
    assert_fails(
        nostr().args(["event", "--sec", SK, "-t", "=v"]),
        "invalid tag",
    );
    assert_fails(
        nostr().args(["event", "--sec", SK, "-t", "[1,2]"]),
        "invalid tag",
    );
    assert_fails(
        nostr().args(["event", "--sec", SK, "-t", "[]"]),
        "invalid tag",
    );
    assert_fails(
        nostr().args(["event", "--sec", SK, "-e", "abc"]),
        "invalid -e",
    );
    assert_fails(
        nostr().args(["event", "--sec", SK, "-p", "abc"]),
        "invalid -p",
    );
    // Usage errors (clap) exit with 2.
    nostr()
        .args(["event", "--sec", SK, "-k", "70000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("70000"));
    nostr().args(["event", "--bogus"]).assert().code(2);
}

// ---------------------------------------------------------------- verify

#[test]
fn verify_valid_events_from_stdin() {
    let a = signed("a");
    let b = signed("b");
    let input = format!("{}\n\n{}\n", a.to_json(), b.to_json());
    let out = stdout_of(nostr().arg("verify").write_stdin(input));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2, "blank lines are skipped");
    assert_eq!(
        out.lines().next().unwrap(),
        format!(r#"{{"id":"{}","valid":true}}"#, a.id.to_hex())
    );
    assert_eq!(lines[1]["id"], b.id.to_hex());
}

fn mixed_input() -> (String, usize) {
    let good = signed("good");
    let mut tampered = signed("tampered");
    tampered.content.push('!');
    let mut bad_sig = signed("bad sig").to_json();
    // Flip one signature hex digit.
    let pos = bad_sig.find("\"sig\":\"").unwrap() + 7;
    let flipped = if &bad_sig[pos..=pos] == "0" { "1" } else { "0" };
    bad_sig.replace_range(pos..=pos, flipped);
    let lines = [
        good.to_json(),
        tampered.to_json(),
        bad_sig,
        "not json".to_owned(),
        r#"{"id":"00"}"#.to_owned(),
        good.to_json(),
    ];
    (lines.join("\n") + "\n", lines.len())
}

#[test]
fn verify_reports_each_invalid_event_and_fails() {
    let (input, n) = mixed_input();
    let assert = nostr().arg("verify").write_stdin(input).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), n);
    let valid: Vec<bool> = lines
        .iter()
        .map(|l| l["valid"].as_bool().unwrap())
        .collect();
    assert_eq!(valid, [true, false, false, false, false, true]);
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("line 2: id mismatch")
    );
    assert_eq!(lines[2]["error"], "line 3: invalid signature");
    for line in &lines[1..5] {
        let obj = line.as_object().unwrap();
        assert_eq!(
            obj.len(),
            2,
            "invalid verdicts are {{valid, error}}: {line}"
        );
    }
    let first_invalid = out.lines().nth(1).unwrap();
    assert!(first_invalid.starts_with(r#"{"valid":false,"error":"#));
}

#[test]
fn verify_parallel_matches_sequential() {
    let (input, _) = mixed_input();
    let seq = nostr()
        .arg("verify")
        .write_stdin(input.clone())
        .assert()
        .code(1);
    let par = nostr()
        .args(["verify", "--parallel"])
        .write_stdin(input)
        .assert()
        .code(1);
    assert_eq!(seq.get_output().stdout, par.get_output().stdout);
}

#[test]
fn verify_parallel_across_batches_from_files() {
    // More events than one parallel batch (4096), with a bad one past the boundary.
    let keys = keys();
    let mut text = String::new();
    let mut ids = Vec::new();
    for i in 0..4200u32 {
        let mut event = EventBuilder::new(Kind::TEXT_NOTE, format!("n{i}"))
            .sign_at(&keys, Timestamp::from_secs(1_700_000_000));
        if i == 4100 {
            event.content.push('x');
        }
        ids.push(event.id.to_hex());
        text.push_str(&event.to_json());
        text.push('\n');
    }
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("verify_batches.jsonl");
    std::fs::write(&path, &text).unwrap();
    let assert = nostr()
        .args(["verify", "--parallel"])
        .arg(&path)
        .assert()
        .code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4200);
    for (i, line) in lines.iter().enumerate() {
        if i == 4100 {
            assert_eq!(line["valid"], false);
            assert!(line["error"].as_str().unwrap().contains("line 4101"));
        } else {
            assert_eq!(line["id"], ids[i].as_str(), "line {i}");
        }
    }
    // All valid: exit 0, from a file and from stdin ("-") in one run.
    let good_path = dir.join("verify_good.jsonl");
    std::fs::write(&good_path, format!("{}\n", signed("x").to_json())).unwrap();
    let out = stdout_of(
        nostr()
            .args(["verify", "--parallel"])
            .arg(&good_path)
            .arg("-")
            .write_stdin(signed("y").to_json()),
    );
    assert_eq!(json_lines(&out).len(), 2);
}

#[test]
fn verify_bad_inputs_never_panic() {
    // Invalid UTF-8, NUL bytes, deep nesting, huge numbers: one verdict each.
    let mut input = vec![0xff, 0xfe, b'\n', 0, 0, b'\n'];
    input.extend(core::iter::repeat_n(b'[', 100_000));
    input.push(b'\n');
    input.extend_from_slice(br#"{"kind":99999999999999999999999}"#);
    input.push(b'\n');
    for parallel in [false, true] {
        let mut cmd = nostr();
        cmd.arg("verify");
        if parallel {
            cmd.arg("--parallel");
        }
        let assert = cmd
            .write_stdin(input.clone())
            .assert()
            .code(1)
            .stderr(predicate::str::contains("panicked").not());
        let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        let lines = json_lines(&out);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0]["error"], "line 1: not valid utf-8");
        assert!(lines.iter().all(|l| l["valid"] == false));
    }
    assert_fails(
        nostr().args(["verify", "/nonexistent/events.jsonl"]),
        "cannot open /nonexistent/events.jsonl",
    );
}

// ---------------------------------------------------------------- pow

#[test]
fn pow_mines_and_signs() {
    let out = stdout_of(nostr().args([
        "pow",
        "10",
        "--sec",
        SK,
        "-c",
        "work",
        "-t",
        "nonce=1;2",
        "--created-at",
        "1700000000",
    ]));
    let event = Event::from_json(out.trim_end()).unwrap();
    event.verify().unwrap();
    assert!(nip13::difficulty(&event.id) >= 10);
    assert_eq!(nip13::committed_target(&event.tags), Some(10));
    assert_eq!(
        event.tags.filter("nonce").count(),
        1,
        "old nonce tag replaced"
    );
    assert_eq!(event.content, "work");
}

#[test]
fn pow_bad_inputs_fail() {
    nostr()
        .args(["pow", "256", "--sec", SK])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("256"));
    nostr().args(["pow", "--sec", SK]).assert().code(2);
    assert_fails(nostr().args(["pow", "4"]), "no secret key");
}

// ---------------------------------------------------------------- key

#[test]
fn key_generate_and_public() {
    let out = stdout_of(nostr().args(["key", "generate"]));
    let v: Value = serde_json::from_str(out.trim_end()).unwrap();
    let secret = v["secret_key"].as_str().unwrap();
    let public = v["public_key"].as_str().unwrap();
    let keys = Keys::new(SecretKey::from_hex(secret).unwrap());
    assert_eq!(keys.public_key().to_hex(), public);
    let out = stdout_of(nostr().args(["key", "public", "--sec", secret]));
    assert_eq!(out.trim_end(), public);
    assert_fails(
        nostr().args(["key", "public", "--sec", "00"]),
        "invalid secret key",
    );
}

// ---------------------------------------------------------------- general

#[test]
fn help_lists_subcommands() {
    let out = stdout_of(nostr().arg("--help"));
    for sub in ["event", "verify", "pow"] {
        assert!(out.contains(sub), "{sub} missing from --help");
    }
    nostr().assert().code(2);
}
