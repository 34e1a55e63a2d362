#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
//! nostr-core hot paths, each group with the published `nostr` crate (rust-nostr) on
//! the same input and the bare primitive beside it.

use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use nostr::event::FinalizeEvent as _;
use nostr::prelude as rn;
use nostr_benches::sample_note;
use nostr_core::{Event, EventBuilder, Filter, Kind, RawEvent, Tag, Timestamp, verify_batch};
use sha2::{Digest, Sha256};

fn parse(c: &mut Criterion) {
    let (_, event) = sample_note();
    let json = event.to_json();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.bench_function("ours/Event::from_json", |b| {
        b.iter(|| Event::from_json(black_box(&json)).unwrap())
    });
    g.bench_function("ours/RawEvent::from_json", |b| {
        b.iter(|| RawEvent::from_json(black_box(&json)).unwrap())
    });
    g.bench_function("rust-nostr/Event::from_json", |b| {
        b.iter(|| rn::Event::from_json(black_box(&json)).unwrap())
    });
    g.bench_function("bare/serde_json::Value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&json)).unwrap())
    });
    g.finish();
}

fn id(c: &mut Criterion) {
    let (_, event) = sample_note();
    let theirs = rn::Event::from_json(event.to_json()).unwrap();
    let unsigned = event.clone().into_unsigned();
    let canonical = unsigned.canonical_json();
    let mut g = c.benchmark_group("id");
    g.throughput(Throughput::Bytes(canonical.len() as u64));
    g.bench_function("ours/UnsignedEvent::id", |b| {
        b.iter(|| black_box(&unsigned).id())
    });
    g.bench_function("ours/RawEvent::compute_id", |b| {
        let json = event.to_json();
        let raw = RawEvent::from_json(&json).unwrap();
        b.iter(|| black_box(&raw).compute_id())
    });
    g.bench_function("rust-nostr/EventId::compute", |b| {
        b.iter(|| {
            rn::EventId::compute(
                black_box(&theirs.pubkey),
                &theirs.created_at,
                &theirs.kind,
                &theirs.tags,
                &theirs.content,
            )
        })
    });
    g.bench_function("bare/sha256(canonical)", |b| {
        b.iter(|| Sha256::digest(black_box(canonical.as_bytes())))
    });
    g.finish();
}

/// The cryptographic work any verifier must do: SHA-256 of the canonical bytes,
/// lifting the x-only key, and the Schnorr check.
fn bare_verify(canonical: &[u8], pubkey: &[u8; 32], sig: &[u8; 64]) {
    let ctx = nostr_core::secp256k1_context();
    let hash: [u8; 32] = Sha256::digest(canonical).into();
    let pk = secp256k1::XOnlyPublicKey::from_slice(pubkey).unwrap();
    let sig = secp256k1::schnorr::Signature::from_slice(sig).unwrap();
    ctx.verify_schnorr(&sig, &hash, &pk).unwrap();
}

fn verify(c: &mut Criterion) {
    let (_, event) = sample_note();
    let json = event.to_json();
    let theirs = rn::Event::from_json(&json).unwrap();
    let canonical = event.clone().into_unsigned().canonical_json();
    let mut g = c.benchmark_group("verify");
    g.bench_function("ours/Event::verify", |b| {
        b.iter(|| black_box(&event).verify().unwrap())
    });
    g.bench_function("rust-nostr/Event::verify", |b| {
        b.iter(|| black_box(&theirs).verify().unwrap())
    });
    g.bench_function("bare/sha256+xonly+schnorr", |b| {
        b.iter(|| {
            bare_verify(
                black_box(canonical.as_bytes()),
                event.pubkey.as_bytes(),
                event.sig.as_bytes(),
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("parse_verify");
    g.bench_function("ours/RawEvent", |b| {
        b.iter(|| {
            RawEvent::from_json(black_box(&json))
                .unwrap()
                .verify()
                .unwrap()
        })
    });
    g.bench_function("ours/Event", |b| {
        b.iter(|| {
            Event::from_json(black_box(&json))
                .unwrap()
                .verify()
                .unwrap()
        })
    });
    g.bench_function("rust-nostr/Event", |b| {
        b.iter(|| {
            rn::Event::from_json(black_box(&json))
                .unwrap()
                .verify()
                .unwrap()
        })
    });
    g.bench_function("bare/sha256+xonly+schnorr", |b| {
        b.iter(|| {
            bare_verify(
                black_box(canonical.as_bytes()),
                event.pubkey.as_bytes(),
                event.sig.as_bytes(),
            )
        })
    });
    g.finish();
}

fn sign(c: &mut Criterion) {
    let (keys, event) = sample_note();
    let their_keys = rn::Keys::parse(&keys.secret_key().to_secret_hex()).unwrap();
    let tags: Vec<rn::Tag> = event
        .tags
        .iter()
        .map(|t| rn::Tag::parse(t.to_vec()).unwrap())
        .collect();
    let mut g = c.benchmark_group("sign");
    g.bench_function("ours/EventBuilder::sign_at", |b| {
        b.iter(|| {
            EventBuilder::new(Kind::TEXT_NOTE, black_box(event.content.as_str()))
                .tags(event.tags.iter())
                .sign_at(&keys, event.created_at)
        })
    });
    g.bench_function("rust-nostr/EventBuilder::finalize", |b| {
        b.iter(|| {
            rn::EventBuilder::new(rn::Kind::TextNote, black_box(event.content.as_str()))
                .tags(tags.iter().cloned())
                .custom_created_at(rn::Timestamp::from(event.created_at.as_secs()))
                .finalize(&their_keys)
                .unwrap()
        })
    });
    g.bench_function("bare/sha256+schnorr_sign", |b| {
        let canonical = event.clone().into_unsigned().canonical_json();
        b.iter(|| {
            let hash: [u8; 32] = Sha256::digest(black_box(canonical.as_bytes())).into();
            nostr_core::secp256k1_context().sign_schnorr_with_aux_rand(
                &hash,
                keys.keypair(),
                &[1; 32],
            )
        })
    });
    g.finish();
}

fn to_json(c: &mut Criterion) {
    let (_, event) = sample_note();
    let json = event.to_json();
    let theirs = rn::Event::from_json(&json).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut g = c.benchmark_group("to_json");
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.bench_function("ours/Event::to_json", |b| {
        b.iter(|| black_box(&event).to_json())
    });
    g.bench_function("rust-nostr/Event::as_json", |b| {
        b.iter(|| black_box(&theirs).as_json())
    });
    g.bench_function("bare/serde_json::to_string(Value)", |b| {
        b.iter(|| serde_json::to_string(black_box(&value)).unwrap())
    });
    g.finish();
}

fn filter_match(c: &mut Criterion) {
    let (keys, event) = sample_note();
    let ours = Filter::new()
        .kinds([Kind::TEXT_NOTE, Kind::new(6), Kind::new(7)])
        .author(keys.public_key())
        .tag('t', "nostr")
        .since(Timestamp::from_secs(1_600_000_000));
    let theirs_event = rn::Event::from_json(event.to_json()).unwrap();
    let theirs = rn::Filter::from_json(ours.to_json()).unwrap();
    assert!(ours.matches(&event));
    assert!(theirs.match_event(&theirs_event, nostr::filter::MatchEventOptions::default()));
    let mut g = c.benchmark_group("filter_match");
    g.bench_function("ours/Filter::matches", |b| {
        b.iter(|| black_box(&ours).matches(black_box(&event)))
    });
    g.bench_function("rust-nostr/Filter::match_event", |b| {
        b.iter(|| {
            black_box(&theirs).match_event(
                black_box(&theirs_event),
                nostr::filter::MatchEventOptions::default(),
            )
        })
    });
    // The least work any matcher must do for this filter: the same four checks
    // written by hand against the event's fields, with nothing generic around them.
    let kinds = [Kind::TEXT_NOTE, Kind::new(6), Kind::new(7)];
    let author = keys.public_key();
    let since = Timestamp::from_secs(1_600_000_000);
    g.bench_function("bare/hand-written checks", |b| {
        b.iter(|| {
            let e = black_box(&event);
            kinds.contains(&e.kind)
                && e.pubkey == author
                && e.created_at >= since
                && e.tags
                    .iter()
                    .any(|t| t.name() == "t" && t.value() == Some("nostr"))
        })
    });
    g.finish();
}

fn batch(c: &mut Criterion) {
    let (keys, _) = sample_note();
    let events: Vec<Event> = (0..512)
        .map(|i| {
            EventBuilder::new(Kind::TEXT_NOTE, format!("event number {i}"))
                .tag(Tag::hashtag("batch"))
                .sign_at(&keys, Timestamp::from_secs(1_700_000_000 + i))
        })
        .collect();
    let mut g = c.benchmark_group("batch_verify");
    g.throughput(Throughput::Elements(events.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("ours/single_core", events.len()),
        &events,
        |b, evs| b.iter(|| evs.iter().map(Event::verify).filter(Result::is_ok).count()),
    );
    g.bench_with_input(
        BenchmarkId::new(
            format!("ours/verify_batch_{}_cores", rayon_threads()),
            events.len(),
        ),
        &events,
        |b, evs| b.iter(|| verify_batch(evs).iter().filter(|r| r.is_ok()).count()),
    );
    // rust-nostr has no batch API: its per-event verify over the same events, and the
    // bare primitives over their canonical bytes, both on one core.
    let theirs: Vec<rn::Event> = events
        .iter()
        .map(|e| rn::Event::from_json(e.to_json()).unwrap())
        .collect();
    g.bench_with_input(
        BenchmarkId::new("rust-nostr/Event::verify_each_single_core", theirs.len()),
        &theirs,
        |b, evs| b.iter(|| evs.iter().filter(|e| e.verify().is_ok()).count()),
    );
    let canonical: Vec<String> = events
        .iter()
        .map(|e| e.clone().into_unsigned().canonical_json())
        .collect();
    g.bench_with_input(
        BenchmarkId::new("bare/sha256+xonly+schnorr_single_core", events.len()),
        &events,
        |b, evs| {
            b.iter(|| {
                for (e, text) in evs.iter().zip(&canonical) {
                    bare_verify(text.as_bytes(), e.pubkey.as_bytes(), e.sig.as_bytes());
                }
            })
        },
    );
    g.finish();
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

criterion_group!(
    benches,
    parse,
    id,
    verify,
    sign,
    to_json,
    filter_match,
    batch
);
criterion_main!(benches);
