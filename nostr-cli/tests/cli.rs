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
    let tags: Vec<Vec<String>> = event.tags.iter().map(|t| t.to_vec()).collect();
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

#[test]
fn verify_reads_relay_and_client_messages() {
    let a = signed("a");
    let mut bad = signed("b");
    bad.content.push('!');
    let input = [
        format!(r#"["EVENT","sub1",{}]"#, a.to_json()),
        r#"["EOSE","sub1"]"#.to_owned(),
        format!(r#"["EVENT",{}]"#, a.to_json()),
        format!(r#"["OK","{}",true,""]"#, a.id.to_hex()),
        format!(r#"["EVENT","sub1",{}]"#, bad.to_json()),
        r#"["EVENT","sub1",{"kind":1}]"#.to_owned(),
        "[1,2".to_owned(),
    ]
    .join("\n");
    let assert = nostr().arg("verify").write_stdin(input).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5, "EOSE and OK are skipped: {out}");
    assert_eq!(lines[0]["id"], a.id.to_hex());
    assert_eq!(lines[1]["id"], a.id.to_hex());
    assert!(
        lines[2]["error"]
            .as_str()
            .unwrap()
            .starts_with("line 5: id mismatch")
    );
    assert_eq!(lines[3]["valid"], false);
    assert_eq!(lines[4]["valid"], false);
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

// ---------------------------------------------------------------- spec data

fn data(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The backtick-quoted tokens of a line of markdown.
fn code_spans(line: &str) -> Vec<&str> {
    line.split('`').skip(1).step_by(2).collect()
}

/// NIP-19 "Examples": (entity, hex) pairs for the npub and nsec lines.
fn nip19_bare_examples() -> Vec<(String, String)> {
    let text = data("NIP-19.md");
    let examples: Vec<(String, String)> = text
        .lines()
        .filter(|l| l.starts_with("- `npub1") || l.starts_with("- `nsec1"))
        .map(|l| {
            let spans = code_spans(l);
            (spans[0].to_owned(), spans[1].to_owned())
        })
        .collect();
    assert_eq!(examples.len(), 2, "npub and nsec examples in NIP-19.md");
    examples
}

// ---------------------------------------------------------------- decode / encode

#[test]
fn decode_spec_examples() {
    for (entity, hex) in nip19_bare_examples() {
        let out = stdout_of(nostr().args(["decode", &entity]));
        let v: Value = serde_json::from_str(out.trim_end()).unwrap();
        if entity.starts_with("npub") {
            assert_eq!(v["type"], "npub");
            assert_eq!(v["pubkey"], hex.as_str());
            // And back, also as a nostr: URI.
            let back = stdout_of(nostr().args(["encode", "npub", &hex]));
            assert_eq!(back.trim_end(), entity);
            let uri = stdout_of(nostr().args(["encode", "--uri", "npub", &hex]));
            assert_eq!(uri.trim_end(), format!("nostr:{entity}"));
        } else {
            assert_eq!(v["type"], "nsec");
            assert_eq!(v["secret_key"], hex.as_str());
            let back = stdout_of(nostr().args(["encode", "nsec", "--sec", &hex]));
            assert_eq!(back.trim_end(), entity);
        }
    }
    // The nprofile example with its TLV items.
    let text = data("NIP-19.md");
    let mut lines = text.lines().skip_while(|l| !l.starts_with("- `nprofile1"));
    let nprofile = code_spans(lines.next().unwrap())[0].to_owned();
    let items: Vec<(String, String)> = lines
        .take_while(|l| l.starts_with("  - "))
        .map(|l| {
            let key = l.trim_start_matches("  - ").split(':').next().unwrap();
            (key.to_owned(), code_spans(l)[0].to_owned())
        })
        .collect();
    assert_eq!(items.len(), 3, "nprofile TLV items in NIP-19.md");
    let out = stdout_of(nostr().args(["decode", &format!("nostr:{nprofile}")]));
    let v: Value = serde_json::from_str(out.trim_end()).unwrap();
    assert_eq!(v["type"], "nprofile");
    assert_eq!(v["pubkey"], items[0].1.as_str());
    assert_eq!(v["relays"], serde_json::json!([items[1].1, items[2].1]));
    let back = stdout_of(nostr().args([
        "encode",
        "nprofile",
        &items[0].1,
        "-r",
        &items[1].1,
        "-r",
        &items[2].1,
    ]));
    assert_eq!(back.trim_end(), nprofile);
}

#[test]
fn encode_decode_round_trips() {
    let pk = keys().public_key().to_hex();
    let npub = stdout_of(nostr().args(["encode", "npub", &pk]));
    let id = signed("x").id.to_hex();

    let note = stdout_of(nostr().args(["encode", "note", &id]));
    let v: Value = serde_json::from_str(&stdout_of(nostr().args(["decode", note.trim()]))).unwrap();
    assert_eq!(v, serde_json::json!({"type": "note", "id": id}));

    // nevent with author given as an npub; decoded from standard input.
    let nevent = stdout_of(nostr().args([
        "encode",
        "nevent",
        &id,
        "-r",
        "wss://relay.example.com",
        "-a",
        npub.trim(),
        "-k",
        "1",
    ]));
    let v: Value =
        serde_json::from_str(&stdout_of(nostr().arg("decode").write_stdin(nevent))).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"type": "nevent", "id": id, "pubkey": pk, "kind": 1,
            "relays": ["wss://relay.example.com"]})
    );

    let naddr = stdout_of(nostr().args([
        "encode", "--uri", "naddr", "-k", "30311", "-p", &pk, "-d", "stream-1",
    ]));
    assert!(naddr.starts_with("nostr:naddr1"));
    let v: Value =
        serde_json::from_str(&stdout_of(nostr().args(["decode", naddr.trim()]))).unwrap();
    assert_eq!(v["kind"], 30311);
    assert_eq!(v["identifier"], "stream-1");
    assert_eq!(v["coordinate"], format!("30311:{pk}:stream-1"));
    assert_eq!(v["relays"], serde_json::json!([]));

    // Several entities: one line each, from arguments or standard input.
    let out = stdout_of(nostr().args(["decode", npub.trim(), note.trim()]));
    assert_eq!(out.lines().count(), 2);
    let out = stdout_of(
        nostr()
            .arg("decode")
            .write_stdin(format!("{npub}\n{note}\n")),
    );
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn decode_and_encode_bad_inputs_fail() {
    assert_fails(
        nostr().args(["decode", "npub1garbage"]),
        "invalid nip-19 entity",
    );
    assert_fails(nostr().args(["decode", "hello"]), "invalid nip-19 entity");
    assert_fails(nostr().args(["decode", ""]), "invalid nip-19 entity");
    let (nsec, _) = nip19_bare_examples().pop().unwrap();
    assert_fails(
        nostr().args(["decode", &format!("nostr:{nsec}")]),
        "not allowed in a nostr: uri",
    );
    assert_fails(
        nostr().args(["encode", "npub", "abcd"]),
        "invalid public key",
    );
    assert_fails(
        nostr().args(["encode", "note", "xyz"]),
        "invalid nip-19 entity",
    );
    let long_relay = format!("wss://{}", "a".repeat(300));
    assert_fails(
        nostr().args([
            "encode",
            "nprofile",
            &keys().public_key().to_hex(),
            "-r",
            &long_relay,
        ]),
        "cannot encode nprofile",
    );
    assert_fails(
        nostr().args(["encode", "--uri", "nsec", "--sec", SK]),
        "must not carry secret keys",
    );
    // A public key where an event id is expected.
    let npub = stdout_of(nostr().args(["encode", "npub", &keys().public_key().to_hex()]));
    assert_fails(
        nostr().args(["encode", "nevent", npub.trim()]),
        "expected an event id",
    );
}

#[test]
fn event_accepts_nsec_and_bech32_references() {
    let (nsec, hex) = nip19_bare_examples().pop().unwrap();
    assert!(nsec.starts_with("nsec1"));
    let pk = Keys::new(SecretKey::from_hex(&hex).unwrap()).public_key();
    let npub = stdout_of(nostr().args(["encode", "npub", &pk.to_hex()]));
    let target = signed("t");
    let note = stdout_of(nostr().args(["encode", "note", &target.id.to_hex()]));
    let out = stdout_of(nostr().args([
        "event",
        "--sec",
        &nsec,
        "-p",
        npub.trim(),
        "-e",
        note.trim(),
    ]));
    let event = Event::from_json(out.trim_end()).unwrap();
    event.verify().unwrap();
    assert_eq!(event.pubkey, pk);
    assert_eq!(event.tags.pubkey_refs().next().unwrap().pubkey, pk);
    assert_eq!(event.tags.event_refs().next().unwrap().id, target.id);
    assert!(!out.contains(&nsec) && !out.contains(&hex));
    // A broken nsec is refused without being echoed.
    let broken = format!("{}x", &nsec[..nsec.len() - 1]);
    let assert = nostr().args(["event", "--sec", &broken]).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("invalid secret key") && !stderr.contains(&broken));
}

// ---------------------------------------------------------------- nip44

#[test]
fn nip44_spec_vectors_decrypt() {
    let vectors: Value = serde_json::from_str(&data("nip44.vectors.json")).unwrap();
    let cases = vectors["v2"]["valid"]["encrypt_decrypt"]
        .as_array()
        .unwrap();
    assert!(cases.len() >= 3);
    // The CLI prints the plaintext followed by a newline; skip vectors whose
    // plaintext is too long for a command line, and run a few (each is a process).
    let mut count = 0;
    for case in cases
        .iter()
        .filter(|c| c["plaintext"].as_str().unwrap().len() < 1000)
        .take(4)
    {
        let sec2 = case["sec2"].as_str().unwrap();
        let sec1 = case["sec1"].as_str().unwrap();
        let pub1 = Keys::new(SecretKey::from_hex(sec1).unwrap())
            .public_key()
            .to_hex();
        let out = stdout_of(nostr().args([
            "nip44",
            "decrypt",
            "--sec",
            sec2,
            "--sender",
            &pub1,
            case["payload"].as_str().unwrap(),
        ]));
        assert_eq!(out, format!("{}\n", case["plaintext"].as_str().unwrap()));
        count += 1;
    }
    assert_eq!(count, 4);
}

#[test]
fn nip44_round_trip_and_failures() {
    let alice = SK;
    let bob = "0000000000000000000000000000000000000000000000000000000000000004";
    let alice_pk = keys().public_key().to_hex();
    let bob_pk = Keys::new(SecretKey::from_hex(bob).unwrap())
        .public_key()
        .to_hex();
    let bob_npub = stdout_of(nostr().args(["encode", "npub", &bob_pk]));
    let payload = stdout_of(
        nostr()
            .args([
                "nip44",
                "encrypt",
                "--sec",
                alice,
                "--recipient",
                bob_npub.trim(),
            ])
            .write_stdin("hello bob\n"),
    );
    let out = stdout_of(
        nostr()
            .args(["nip44", "decrypt", "--peer", &alice_pk])
            .env("NOSTR_SECRET_KEY", bob)
            .write_stdin(payload.clone()),
    );
    assert_eq!(out, "hello bob\n");
    // The wrong key, a tampered payload, garbage, an empty message.
    assert_fails(
        nostr().args([
            "nip44",
            "decrypt",
            "--sec",
            alice,
            "-p",
            &alice_pk,
            payload.trim(),
        ]),
        "cannot decrypt",
    );
    assert_fails(
        nostr().args(["nip44", "decrypt", "--sec", bob, "-p", &alice_pk, "!!!"]),
        "cannot decrypt",
    );
    assert_fails(
        nostr().args(["nip44", "encrypt", "--sec", alice, "-p", &bob_pk, ""]),
        "cannot encrypt",
    );
    assert_fails(
        nostr().args(["nip44", "encrypt", "--sec", alice, "-p", "nope", "x"]),
        "invalid",
    );
}

// ---------------------------------------------------------------- nip49

#[test]
fn nip49_spec_vector_decrypts() {
    let text = data("NIP-49.md");
    let section = text.split("## Decryption").nth(1).unwrap();
    let spans: Vec<&str> = section.lines().flat_map(code_spans).collect();
    let ncryptsec = spans.iter().find(|s| s.starts_with("ncryptsec1")).unwrap();
    let key = spans.iter().find(|s| s.len() == 64).unwrap();
    let password = section
        .split("password='")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert_eq!(password, "nostr");
    let out = stdout_of(
        nostr()
            .args(["nip49", "decrypt", "--password-stdin", ncryptsec])
            .write_stdin(format!("{password}\n")),
    );
    assert_eq!(out.trim_end(), *key);
    let v: Value = serde_json::from_str(&stdout_of(nostr().args(["decode", ncryptsec]))).unwrap();
    assert_eq!(v["ncryptsec"]["log_n"], 16);
}

#[test]
fn nip49_round_trip_and_signing_with_ncryptsec() {
    let ncryptsec = stdout_of(
        nostr()
            .args([
                "nip49",
                "encrypt",
                "--sec",
                SK,
                "--log-n",
                "4",
                "--password-stdin",
            ])
            .args(["--key-security", "secure"])
            .write_stdin("correct horse\n"),
    );
    let ncryptsec = ncryptsec.trim();
    assert!(ncryptsec.starts_with("ncryptsec1"));
    let v: Value = serde_json::from_str(&stdout_of(nostr().args(["decode", ncryptsec]))).unwrap();
    assert_eq!(v["ncryptsec"]["log_n"], 4);
    assert_eq!(v["ncryptsec"]["key_security"], "not known insecure");
    let out = stdout_of(
        nostr()
            .args(["nip49", "decrypt", ncryptsec, "--password-stdin"])
            .write_stdin("correct horse"),
    );
    assert_eq!(out.trim_end(), SK);
    // Sign with the ncryptsec as the key.
    let out = stdout_of(
        nostr()
            .args(["event", "-c", "locked", "--password-stdin"])
            .env("NOSTR_SECRET_KEY", ncryptsec)
            .write_stdin("correct horse\n"),
    );
    let event = Event::from_json(out.trim_end()).unwrap();
    assert_eq!(event.pubkey, keys().public_key());

    assert_fails(
        nostr()
            .args(["nip49", "decrypt", ncryptsec, "--password-stdin"])
            .write_stdin("wrong\n"),
        "wrong password",
    );
    assert_fails(
        nostr().args([
            "nip49",
            "decrypt",
            ncryptsec,
            "--password-stdin",
            "--max-log-n",
            "3",
        ]),
        "log_n 4, above the limit 3",
    );
    assert_fails(
        nostr().args(["nip49", "decrypt", "ncryptsec1qqqq", "--password-stdin"]),
        "invalid ncryptsec",
    );
    // (Prompting without --password-stdin reads the controlling terminal, so it is
    // not exercised here: the test would wait for input when run from a shell.)
    assert_fails(
        nostr()
            .args(["nip49", "encrypt", "--sec", SK, "--password-stdin"])
            .write_stdin("\n"),
        "empty password",
    );
    nostr()
        .args(["nip49", "encrypt", "--sec", SK, "--log-n", "0"])
        .assert()
        .code(2);
}

// ---------------------------------------------------------------- bolt11

/// The invoices of BOLT-11's "Examples" (valid) and "Examples of Invalid Invoices".
fn bolt11_examples() -> (Vec<String>, Vec<String>) {
    let text = data("BOLT-11.md");
    let (valid_part, invalid_part) = text.split_once("# Examples of Invalid Invoices").unwrap();
    let valid_part = valid_part.split_once("\n# Examples\n").unwrap().1;
    let valid: Vec<String> = valid_part
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .filter(|l| l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("ln")))
        .map(str::to_owned)
        .collect();
    // Each invalid example is the line after its "> ### reason" heading.
    let lines: Vec<&str> = invalid_part.lines().collect();
    let invalid: Vec<String> = lines
        .windows(2)
        .filter(|w| w[0].starts_with("> ### "))
        .filter_map(|w| w[1].strip_prefix("> "))
        .map(str::to_owned)
        .collect();
    (valid, invalid)
}

#[test]
fn bolt11_spec_examples() {
    let (valid, invalid) = bolt11_examples();
    assert!(valid.len() >= 14, "valid examples: {}", valid.len());
    assert!(invalid.len() >= 8, "invalid examples: {}", invalid.len());
    for invoice in &valid {
        let out = stdout_of(nostr().args(["bolt11", invoice]));
        let v: Value = serde_json::from_str(out.trim_end()).unwrap();
        assert!(v["timestamp"].as_u64().unwrap() > 0, "{invoice}");
        assert_eq!(v["payment_hash"].as_str().unwrap().len(), 64);
        assert_eq!(v["payee"].as_str().unwrap().len(), 66);
    }
    // The first example in detail (its heading gives the hash and the payee).
    let out = stdout_of(
        nostr()
            .arg("bolt11")
            .write_stdin(format!("lightning:{}\n", valid[0])),
    );
    let v: Value = serde_json::from_str(out.trim_end()).unwrap();
    assert_eq!(v["network"], "bitcoin");
    assert_eq!(v["amount_msat"], Value::Null);
    assert_eq!(
        v["payment_hash"],
        "0001020304050607080900010203040506070809000102030405060708090102"
    );
    assert_eq!(
        v["payee"],
        "03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad"
    );
    assert_eq!(v["description"], "Please consider supporting this project");
    for invoice in &invalid {
        assert_fails(nostr().args(["bolt11", invoice]), "invalid bolt11 invoice");
    }
    assert_fails(
        nostr().arg("bolt11").write_stdin(""),
        "invalid bolt11 invoice",
    );
}

// ---------------------------------------------------------------- zap

/// A zap receipt signed by `server`, built with nostr-zap as an LNURL server would.
fn zap_receipt(server: &Keys) -> (Event, String) {
    use nostr_core::secp256k1;
    use nostr_zap::bolt11::{InvoiceBuilder, Network};
    use nostr_zap::{ZapReceiptBuilder, ZapRequestBuilder, description_hash, lnurl};

    let sender = keys();
    let recipient = Keys::new(
        SecretKey::from_hex("0000000000000000000000000000000000000000000000000000000000000007")
            .unwrap(),
    );
    let lnurl = lnurl::encode_lnurl("https://example.com/.well-known/lnurlp/alice");
    let request = ZapRequestBuilder::new(recipient.public_key(), ["wss://relay.example.com"])
        .amount_msat(21_000)
        .lnurl(&lnurl)
        .comment("gm")
        .sign(&sender, Timestamp::from_secs(1_700_000_000))
        .to_json();
    let node = secp256k1::SecretKey::from_byte_array(&[0x42; 32]).unwrap();
    let invoice = InvoiceBuilder::new(Network::Bitcoin, [1; 32], [2; 32], 1_700_000_000)
        .amount_msat(21_000)
        .description_hash(description_hash(&request))
        .sign(&node)
        .unwrap();
    let receipt = ZapReceiptBuilder::new(&invoice, &request)
        .sign(server, Timestamp::from_secs(1_700_000_005))
        .unwrap();
    (receipt, lnurl)
}

#[test]
fn zap_validate_verdicts() {
    let server = Keys::new(
        SecretKey::from_hex("0000000000000000000000000000000000000000000000000000000000000009")
            .unwrap(),
    );
    let provider = server.public_key().to_hex();
    let (receipt, lnurl) = zap_receipt(&server);

    // Valid, receipt inline.
    let out = stdout_of(nostr().args([
        "zap",
        "validate",
        &receipt.to_json(),
        "--provider",
        &provider,
        "--lnurl",
        &lnurl,
    ]));
    let v: Value = serde_json::from_str(out.trim_end()).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["amount_msat"], 21_000);
    assert_eq!(v["sender"], keys().public_key().to_hex());
    assert_eq!(v["comment"], "gm");
    assert_eq!(v["receipt_id"], receipt.id.to_hex());
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert!(out.starts_with(r#"{"valid":true,"receipt_id":"#), "{out}");

    // From a file, with an lnurl that does not match: valid with a warning.
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("receipt.json");
    std::fs::write(&path, receipt.to_json()).unwrap();
    let other = nostr_zap::lnurl::encode_lnurl("https://other.example/lnurlp/bob");
    let out = stdout_of(
        nostr()
            .args([
                "zap",
                "validate",
                "--provider",
                &provider,
                "--lnurl",
                &other,
            ])
            .arg(&path),
    );
    let v: Value = serde_json::from_str(out.trim_end()).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["warnings"].as_array().unwrap().len(), 1);

    // Invalid: another provider, a tampered receipt, not an event at all. The verdict
    // is on stdout, the exit status 1.
    let npub = stdout_of(nostr().args(["encode", "npub", &keys().public_key().to_hex()]));
    let mut tampered = receipt.clone();
    tampered.created_at = Timestamp::from_secs(1);
    for (input, provider) in [
        (receipt.to_json(), npub.trim().to_owned()),
        (tampered.to_json(), provider.clone()),
        ("{\"kind\":9735}".to_owned(), provider.clone()),
    ] {
        let assert = nostr()
            .args(["zap", "validate", "--provider", &provider])
            .write_stdin(input)
            .assert()
            .code(1);
        let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        let v: Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(v["valid"], false);
        assert!(!v["error"].as_str().unwrap().is_empty());
        assert!(out.starts_with(r#"{"valid":false,"error":"#), "{out}");
    }
    // Bad arguments: errors on stderr.
    assert_fails(
        nostr().args(["zap", "validate", "{}", "--provider", "xyz"]),
        "invalid",
    );
    assert_fails(
        nostr().args([
            "zap",
            "validate",
            "/nonexistent.json",
            "--provider",
            &provider,
        ]),
        "cannot read /nonexistent.json",
    );
}

// ---------------------------------------------------------------- live

#[test]
fn live_show_room_with_presence_and_chat() {
    use nostr_live::{
        LiveChat, MeetingSpace, Participant, Role, RoomPresence, Status, create_proof,
    };
    let host = keys();
    let guest = Keys::new(
        SecretKey::from_hex("0000000000000000000000000000000000000000000000000000000000000005")
            .unwrap(),
    );
    let t = |s: u64| Timestamp::from_secs(1_700_000_000 + s);
    let mut room = MeetingSpace::new_nests(
        "7b0c",
        "Morning coffee",
        Status::Live,
        "https://moq.example.com:4443",
        "https://auth.example.com",
    );
    let address = room.coordinate(&host.public_key());
    room.participants.push(
        Participant::new(guest.public_key())
            .with_role(Role::new("speaker"))
            .with_proof(&create_proof(&guest, &address)),
    );
    let room_event = room.sign_at(&host, t(0));
    let here = RoomPresence::new(address.clone())
        .with_hand(true)
        .sign_at(&guest, t(10));
    let hello = LiveChat::for_activity(address.clone(), None, "hi all").sign_at(&guest, t(12));
    let input = [room_event.to_json(), here.to_json(), hello.to_json()].join("\n");

    let out = stdout_of(
        nostr()
            .args(["live", "show", "--now", "1700000060"])
            .write_stdin(input.clone()),
    );
    assert!(out.contains("Room:        Morning coffee"), "{out}");
    assert!(out.contains(&format!("Address:     {address}")), "{out}");
    assert!(out.contains("Naddr:       naddr1"), "{out}");
    assert!(out.contains("speaker, proof verified"), "{out}");
    assert!(out.contains("Present now: 1"), "{out}");
    assert!(out.contains("hand raised"), "{out}");
    assert!(out.contains("Chat:        1 messages"), "{out}");
    assert!(out.contains(": hi all"), "{out}");
    assert!(out.contains("Signature:   valid"), "{out}");

    // Ten minutes later the presence is stale.
    let out = stdout_of(
        nostr()
            .args(["live", "show", "--now", "1700000600"])
            .write_stdin(input),
    );
    assert!(out.contains("Present now: 0"), "{out}");

    // A chat message alone, from a file.
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("chat.json");
    std::fs::write(&path, hello.to_json()).unwrap();
    let out = stdout_of(nostr().args(["live", "show"]).arg(&path));
    assert!(out.contains(&format!("Chat in:     {address}")), "{out}");
    assert!(out.contains("Message:     hi all"), "{out}");
}

#[test]
fn live_show_live_event_status_and_failures() {
    use nostr_live::{LiveEvent, Status};
    let event = LiveEvent::new("show-1")
        .with_title("Late night show")
        .with_status(Status::Live)
        .with_streaming("https://example.com/live.m3u8")
        .sign_at(&keys(), Timestamp::from_secs(1_700_000_000));
    let json = event.to_json();
    let out = stdout_of(nostr().args(["live", "show", &json, "--now", "1700000100"]));
    assert!(out.contains("Live event:  Late night show"), "{out}");
    assert!(out.contains("Status:      live\n"), "{out}");
    assert!(
        out.contains("Streaming:   https://example.com/live.m3u8"),
        "{out}"
    );
    // Two hours without an update: shown as ended.
    let out = stdout_of(nostr().args(["live", "show", &json, "--now", "1700007200"]));
    assert!(out.contains("Status:      ended (says live"), "{out}");
    // A tampered event is summarized, with the signature flagged.
    let mut tampered = event.clone();
    tampered.content.push('x');
    let out = stdout_of(nostr().args(["live", "show", &tampered.to_json()]));
    assert!(out.contains("Signature:   INVALID"), "{out}");

    assert_fails(
        nostr().args(["live", "show", &signed("note").to_json()]),
        "no live activity",
    );
    assert_fails(
        nostr().args(["live", "show"]).write_stdin("{}"),
        "missing field",
    );
    assert_fails(nostr().args(["live", "show"]).write_stdin(""), "no event");
    // A 30311 without its `d` tag cannot be read.
    let no_d = EventBuilder::new(Kind::LIVE_EVENT, "")
        .tag(Tag::new("title", ["x"]))
        .sign_at(&keys(), Timestamp::from_secs(1_700_000_000));
    assert_fails(
        nostr().args(["live", "show", &no_d.to_json()]),
        "cannot read the live event",
    );
}

// ---------------------------------------------------------------- robustness

#[test]
fn junk_input_never_panics() {
    let long = "a".repeat(100_000);
    let deep = "[".repeat(50_000);
    let junk: Vec<&str> = vec![
        "",
        " ",
        "\u{0}",
        "-",
        "[",
        "{",
        "{}",
        "[]",
        "null",
        "nostr:",
        "nostr:npub1",
        "npub1",
        "nsec1",
        "ncryptsec1",
        "lnbc1",
        "lightning:",
        "ÅΩẛ̣",
        "\u{feff}npub1",
        &long,
        &deep,
    ];
    let commands: Vec<Vec<&str>> = vec![
        vec!["decode"],
        vec!["bolt11"],
        vec!["live", "show"],
        vec!["zap", "validate", "--provider", "00"],
        vec!["nip44", "decrypt", "--sec", SK, "-p"],
        vec!["encode", "npub"],
        vec!["encode", "nevent"],
    ];
    for cmd in &commands {
        for input in &junk {
            for via_stdin in [false, true] {
                if !via_stdin && input.contains('\0') {
                    continue; // argv cannot hold NUL
                }
                let mut c = nostr();
                c.args(cmd);
                if via_stdin {
                    c.write_stdin(input.as_bytes().to_vec());
                } else {
                    c.arg(input);
                }
                let out = c.output().unwrap();
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(
                    !stderr.contains("panicked"),
                    "{cmd:?} with {:?}: {stderr}",
                    &input[..input.len().min(20)]
                );
                assert!(
                    matches!(out.status.code(), Some(0..=2)),
                    "{cmd:?} with {:?}: {:?}",
                    &input[..input.len().min(20)],
                    out.status
                );
            }
        }
    }
    // Junk secret keys, never echoed.
    for input in junk.iter().filter(|i| !i.contains('\0')) {
        let out = nostr().args(["event", "--sec", input]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"));
        assert_ne!(out.status.code(), Some(0));
        if input.len() > 3 {
            let message = stderr.trim_start_matches("nostr: error: ");
            assert!(
                !message.contains(*input),
                "secret {input:?} echoed: {stderr}"
            );
        }
    }
}

// ---------------------------------------------------------------- general

#[test]
fn help_lists_subcommands() {
    let out = stdout_of(nostr().arg("--help"));
    for sub in [
        "event", "verify", "pow", "decode", "encode", "nip44", "nip49", "key",
    ] {
        assert!(out.contains(sub), "{sub} missing from --help");
    }
    nostr().assert().code(2);
}
