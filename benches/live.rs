#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]
//! nostr-live benchmarks.
//!
//! - `live_30311_parse_verify_100`: parse the JSON of a kind 30311 event with 100
//!   participants, read it as a live event and verify every proof of agreement.
//!   rust-nostr parses 30311 (`nip53::LiveEvent::from_event`) but has no proof
//!   verifier and keeps only the host's proof, so its column is its parser plus
//!   the same proof checks written by hand on its tags. `bare` is 100 BIP-340
//!   verifications with keys and signatures already decoded.
//! - `live_media_playlist_1000`: an HLS media playlist from 1000 segments (shuffled,
//!   with duplicates and another variant mixed in). No rust-nostr equivalent;
//!   `bare` formats the same 1000 already-sorted lines.

use core::fmt::Write as _;
use core::str::FromStr;

use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use nostr_core::{Event, EventId, Keys, PublicKey, Timestamp};
use nostr_live::{
    LiveEvent, Participant, ProofStatus, Role, Segment, Status, StreamSource, media_playlist,
};
use secp256k1::{Secp256k1, XOnlyPublicKey, schnorr};
use sha2::{Digest, Sha256};

fn keys(i: u32) -> Keys {
    let mut b = [0u8; 32];
    b[28..].copy_from_slice(&(i + 1).to_be_bytes());
    Keys::new(nostr_core::SecretKey::from_bytes(b).unwrap())
}

fn live_json() -> String {
    let host = keys(1_000);
    let mut live = LiveEvent::new("bench-show")
        .with_title("Benchmark stream")
        .with_status(Status::Live)
        .with_streaming("https://cdn.example.com/live.m3u8")
        .with_streaming("moq://cdn.example.com/live");
    let addr = live.coordinate(&host.public_key());
    for i in 0..100 {
        let k = keys(i);
        let proof = nostr_live::create_proof_with_aux(&k, &addr, &[9; 32]);
        let role = if i == 0 {
            Role::host()
        } else {
            Role::speaker()
        };
        live.participants.push(
            Participant::new(k.public_key())
                .with_role(role)
                .with_proof(&proof),
        );
    }
    live.sign_at_with_aux(&host, Timestamp::from_secs(1_700_000_000), &[1; 32])
        .to_json()
}

fn bench_live(c: &mut Criterion) {
    let json = live_json();
    let mut g = c.benchmark_group("live_30311_parse_verify_100");
    g.throughput(Throughput::Bytes(json.len() as u64));

    g.bench_with_input(BenchmarkId::new("ours", 100), &json, |b, json| {
        b.iter(|| {
            let ev = Event::from_json(black_box(json)).unwrap();
            let live = LiveEvent::from_event(&ev).unwrap();
            let checks = live.verify_proofs(&ev.pubkey);
            assert!(checks.iter().all(|c| c.status == ProofStatus::Verified));
            checks.len()
        });
    });

    let secp = Secp256k1::verification_only();
    g.bench_with_input(BenchmarkId::new("rust-nostr", 100), &json, |b, json| {
        b.iter(|| {
            let ev = nostr::prelude::Event::from_json(black_box(json)).unwrap();
            let live = nostr::nips::nip53::LiveEvent::from_event(&ev).unwrap();
            let coord = format!("{}:{}:{}", ev.kind.as_u16(), ev.pubkey.to_hex(), live.id);
            let msg: [u8; 32] = Sha256::digest(coord.as_bytes()).into();
            let mut ok = 0;
            for tag in ev.tags.iter() {
                let s = tag.as_slice();
                if s.len() >= 5 && s[0] == "p" {
                    let pk = nostr::prelude::PublicKey::from_hex(&s[1]).unwrap();
                    let xonly = XOnlyPublicKey::from_slice(pk.as_bytes()).unwrap();
                    let sig = schnorr::Signature::from_str(&s[4]).unwrap();
                    secp.verify_schnorr(&sig, &msg, &xonly).unwrap();
                    ok += 1;
                }
            }
            assert_eq!(ok, 100);
            ok
        });
    });

    // Bare: the 100 verifications alone, inputs decoded beforehand.
    let ev = Event::from_json(&json).unwrap();
    let live = LiveEvent::from_event(&ev).unwrap();
    let msg = nostr_live::proof_message(&live.coordinate(&ev.pubkey));
    let decoded: Vec<(XOnlyPublicKey, schnorr::Signature)> = live
        .participants
        .iter()
        .map(|p| {
            (
                XOnlyPublicKey::from_slice(p.pubkey.as_bytes()).unwrap(),
                schnorr::Signature::from_str(p.proof.as_deref().unwrap()).unwrap(),
            )
        })
        .collect();
    g.bench_function(BenchmarkId::new("bare", 100), |b| {
        b.iter(|| {
            for (pk, sig) in &decoded {
                secp.verify_schnorr(sig, black_box(&msg), pk).unwrap();
            }
        });
    });
    g.finish();
}

/// The stream the bench segments belong to, and its producer.
fn source() -> StreamSource {
    StreamSource::new(EventId::from_bytes([7; 32]), PublicKey::from_bytes([6; 32]))
}

fn segments() -> Vec<Segment> {
    let StreamSource { id, producer } = source();
    let mut v: Vec<Segment> = (0..1000u64)
        .map(|i| {
            Segment::new(
                id,
                "720p",
                5_000 + i,
                "2.000",
                format!("https://cdn.example.com/720p/{}.ts", 5_000 + i),
            )
            .with_hash_of(&i.to_le_bytes())
            .with_expiration(Timestamp::from_secs(2_000_000_000))
        })
        .collect();
    // Shuffle deterministically, add duplicates and another variant.
    for i in 0..v.len() {
        let j = (i * 7919 + 13) % v.len();
        v.swap(i, j);
    }
    let dups: Vec<Segment> = v.iter().take(50).cloned().collect();
    v.extend(dups);
    v.extend((0..100u64).map(|i| {
        Segment::new(
            id,
            "1080p",
            i,
            "2.000",
            format!("https://cdn.example.com/1080p/{i}.ts"),
        )
    }));
    // As read from the producer's events.
    for (i, s) in v.iter_mut().enumerate() {
        s.author = Some(producer);
        s.created_at = Some(Timestamp::from_secs(1_700_000_000 + i as u64));
    }
    v
}

fn bench_playlist(c: &mut Criterion) {
    let segs = segments();
    let source = source();
    let now = Timestamp::from_secs(1_800_000_000);
    let mut g = c.benchmark_group("live_media_playlist_1000");
    g.throughput(Throughput::Elements(1000));
    g.bench_function(BenchmarkId::new("ours", 1000), |b| {
        b.iter(|| {
            let p = media_playlist(black_box(&segs), &source, "720p", now, false);
            assert!(p.len() > 40_000);
            p
        });
    });
    let lines: Vec<(String, String)> = (0..1000u64)
        .map(|i| {
            (
                "2.000".to_string(),
                format!("https://cdn.example.com/720p/{}.ts", 5_000 + i),
            )
        })
        .collect();
    g.bench_function(BenchmarkId::new("bare", 1000), |b| {
        b.iter(|| {
            let mut out = String::with_capacity(64 + lines.len() * 80);
            out.push_str(
                "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:5000\n",
            );
            for (d, u) in black_box(&lines) {
                let _ = write!(out, "#EXTINF:{d},\n{u}\n");
            }
            out
        });
    });
    g.finish();
}

criterion_group!(benches, bench_live, bench_playlist);
criterion_main!(benches);
