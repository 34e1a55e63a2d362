#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    dropping_copy_types,
    clippy::drop_non_drop
)]
//! Runs one operation N times so `valgrind --tool=callgrind` can count its
//! instructions: a load-independent way to compare ours against the bare primitive
//! and rust-nostr on a busy 2-core machine (criterion's wall-clock figures swing with
//! other processes; instruction counts do not).
//!
//! It also prints the on-CPU time per call read from `/proc/self/schedstat`
//! (nanoseconds this thread actually ran), which other processes' load does not
//! inflate the way it inflates wall-clock time.
//!
//! Usage: `icount <op> <n>`; `scripts/icount.sh` runs every op and prints ratios.

use core::hint::black_box;
use nostr::event::FinalizeEvent as _;
use nostr::prelude as rn;
use nostr_benches::sample_note;
use nostr_core::{Event, RawEvent};
use sha2::{Digest, Sha256};

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let (keys, event) = sample_note();
    let json = event.to_json();
    let unsigned = event.clone().into_unsigned();
    let canonical = unsigned.canonical_json();
    let theirs = rn::Event::from_json(&json).unwrap();
    let their_keys = rn::Keys::parse(&keys.secret_key().to_secret_hex()).unwrap();
    let ctx = nostr_core::secp256k1_context();
    let bare_verify = || {
        let hash: [u8; 32] = Sha256::digest(canonical.as_bytes()).into();
        let pk = secp256k1::XOnlyPublicKey::from_slice(event.pubkey.as_bytes()).unwrap();
        let sig = secp256k1::schnorr::Signature::from_slice(event.sig.as_bytes()).unwrap();
        ctx.verify_schnorr(&sig, &hash, &pk).unwrap();
    };
    // Warm the shared context outside the counted loop for every op alike.
    bare_verify();
    let start = nostr_benches::cpu_ns();
    for _ in 0..n {
        match op.as_str() {
            "none" => {}
            "parse/ours" => drop(black_box(Event::from_json(black_box(&json)).unwrap())),
            "parse/ours-raw" => drop(black_box(RawEvent::from_json(black_box(&json)).unwrap())),
            "parse/rust-nostr" => drop(black_box(rn::Event::from_json(black_box(&json)).unwrap())),
            "id/ours" => drop(black_box(black_box(&unsigned).id())),
            "id/rust-nostr" => drop(black_box(rn::EventId::compute(
                &theirs.pubkey,
                &theirs.created_at,
                &theirs.kind,
                &theirs.tags,
                &theirs.content,
            ))),
            "id/bare" => drop(black_box(Sha256::digest(black_box(canonical.as_bytes())))),
            "id/bare-chunked" => {
                let mut h = Sha256::new();
                for c in black_box(canonical.as_bytes()).chunks(256) {
                    h.update(c);
                }
                drop(black_box(h.finalize()));
            }
            "id/canonical-string" => drop(black_box(black_box(&unsigned).canonical_json())),
            "verify/ours" => black_box(&event).verify().unwrap(),
            "verify/rust-nostr" => black_box(&theirs).verify().unwrap(),
            "verify/bare" => bare_verify(),
            "parse_verify/ours-raw" => RawEvent::from_json(black_box(&json))
                .unwrap()
                .verify()
                .unwrap(),
            "parse_verify/ours" => Event::from_json(black_box(&json))
                .unwrap()
                .verify()
                .unwrap(),
            "parse_verify/rust-nostr" => rn::Event::from_json(black_box(&json))
                .unwrap()
                .verify()
                .unwrap(),
            "to_json/ours" => drop(black_box(black_box(&event).to_json())),
            "to_json/rust-nostr" => drop(black_box(black_box(&theirs).as_json())),
            "sign/ours" => drop(black_box(
                nostr_core::EventBuilder::new(event.kind, event.content.as_str())
                    .tags(event.tags.iter())
                    .sign_at_with_aux(&keys, event.created_at, &[1; 32]),
            )),
            "sign/rust-nostr" => drop(black_box(
                rn::EventBuilder::new(rn::Kind::TextNote, event.content.as_str())
                    .tags(theirs.tags.iter().cloned())
                    .custom_created_at(theirs.created_at)
                    .finalize(&their_keys)
                    .unwrap(),
            )),
            other => panic!("unknown op {other}"),
        }
    }
    let spent = nostr_benches::cpu_ns().saturating_sub(start);
    println!("{op} cpu_ns_per_call {}", spent / n.max(1) as u64);
}
