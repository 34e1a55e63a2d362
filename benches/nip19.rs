//! NIP-19 encode/decode: nostr-nip19 vs the published `nostr` crate (rust-nostr) vs
//! the bare `bech32` crate codec, on the same inputs in the same groups.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use core::hint::black_box;

use bech32::{Bech32, Hrp};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nostr::nips::nip19::{FromBech32, Nip19Coordinate, Nip19Event, ToBech32};
use nostr_nip19::{Naddr, Nevent, Npub};

const NPUB: &str = "npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6";
const PK_HEX: &str = "3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d";
const ID_HEX: &str = "b9f5441e45ca39179320e0031cfb18e34078673dcc3d3e3a3b3a981760aa5696";
const RELAYS: [&str; 2] = [
    "wss://nostr-relay.untethr.me",
    "wss://nostr-pub.wellorder.net",
];

/// The payload bytes of a bech32 string, for the bare-codec rows.
fn payload(s: &str) -> (Hrp, Vec<u8>) {
    bech32::decode(s).unwrap()
}

fn npub(c: &mut Criterion) {
    let ours = Npub::from_bech32(NPUB).unwrap();
    let theirs = nostr::key::PublicKey::from_hex(PK_HEX).unwrap();
    assert_eq!(ours.to_bech32(), theirs.to_bech32().unwrap());
    let (hrp, bytes) = payload(NPUB);

    let mut g = c.benchmark_group("nip19/npub_encode");
    g.throughput(Throughput::Bytes(NPUB.len() as u64));
    g.bench_function("nostr-nip19", |b| b.iter(|| black_box(&ours).to_bech32()));
    g.bench_function("rust-nostr", |b| {
        b.iter(|| black_box(&theirs).to_bech32().unwrap())
    });
    g.bench_function("bare-bech32", |b| {
        b.iter(|| bech32::encode::<Bech32>(hrp, black_box(&bytes)).unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("nip19/npub_decode");
    g.throughput(Throughput::Bytes(NPUB.len() as u64));
    g.bench_function("nostr-nip19", |b| {
        b.iter(|| Npub::from_bech32(black_box(NPUB)).unwrap())
    });
    // Like rust-nostr 0.45, this checks the encoding only, not that the key is a
    // curve point (that costs a square root, done when a point is needed).
    g.bench_function("rust-nostr", |b| {
        b.iter(|| nostr::key::PublicKey::from_bech32(black_box(NPUB)).unwrap())
    });
    g.bench_function("bare-bech32", |b| {
        b.iter(|| bech32::decode(black_box(NPUB)).unwrap())
    });
    g.finish();
}

fn nevent(c: &mut Criterion) {
    let id = nostr_core::EventId::from_hex(ID_HEX).unwrap();
    let pk = nostr_core::PublicKey::from_hex(PK_HEX).unwrap();
    let ours = Nevent::new(id, RELAYS, Some(pk), Some(nostr_core::Kind::TEXT_NOTE)).unwrap();
    let text = ours.to_bech32();
    let theirs = Nip19Event::from_bech32(&text).unwrap();
    // rust-nostr writes the records in another order (author and kind before relays).
    assert_eq!(
        Nevent::from_bech32(&theirs.to_bech32().unwrap()).unwrap(),
        ours
    );
    assert_eq!(Nevent::from_bech32(&text).unwrap(), ours);
    let (hrp, bytes) = payload(&text);

    let mut g = c.benchmark_group("nip19/nevent_encode");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("nostr-nip19", |b| b.iter(|| black_box(&ours).to_bech32()));
    g.bench_function("rust-nostr", |b| {
        b.iter(|| black_box(&theirs).to_bech32().unwrap())
    });
    g.bench_function("bare-bech32", |b| {
        b.iter(|| bech32::encode::<Bech32>(hrp, black_box(&bytes)).unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("nip19/nevent_decode");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("nostr-nip19", |b| {
        b.iter(|| Nevent::from_bech32(black_box(&text)).unwrap())
    });
    g.bench_function("rust-nostr", |b| {
        b.iter(|| Nip19Event::from_bech32(black_box(&text)).unwrap())
    });
    g.bench_function("bare-bech32", |b| {
        b.iter(|| bech32::decode(black_box(&text)).unwrap())
    });
    g.finish();
}

fn naddr(c: &mut Criterion) {
    let pk = nostr_core::PublicKey::from_hex(PK_HEX).unwrap();
    let coordinate = nostr_core::Coordinate::new(
        nostr_core::Kind::new(30023),
        pk,
        "a-long-form-article-identifier",
    );
    let ours = Naddr::new(coordinate, RELAYS).unwrap();
    let text = ours.to_bech32();
    let theirs = Nip19Coordinate::from_bech32(&text).unwrap();
    assert_eq!(
        Naddr::from_bech32(&theirs.to_bech32().unwrap()).unwrap(),
        ours
    );
    let (hrp, bytes) = payload(&text);

    let mut g = c.benchmark_group("nip19/naddr_encode");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("nostr-nip19", |b| b.iter(|| black_box(&ours).to_bech32()));
    g.bench_function("rust-nostr", |b| {
        b.iter(|| black_box(&theirs).to_bech32().unwrap())
    });
    g.bench_function("bare-bech32", |b| {
        b.iter(|| bech32::encode::<Bech32>(hrp, black_box(&bytes)).unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("nip19/naddr_decode");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("nostr-nip19", |b| {
        b.iter(|| Naddr::from_bech32(black_box(&text)).unwrap())
    });
    g.bench_function("rust-nostr", |b| {
        b.iter(|| Nip19Coordinate::from_bech32(black_box(&text)).unwrap())
    });
    g.bench_function("bare-bech32", |b| {
        b.iter(|| bech32::decode(black_box(&text)).unwrap())
    });
    g.finish();
}

/// Long strings: an nprofile with 20 relays (over the bech32 crate's 1023 limit, so
/// rust-nostr cannot decode it; only ours runs).
fn long_nprofile(c: &mut Criterion) {
    let pk = nostr_core::PublicKey::from_hex(PK_HEX).unwrap();
    let relays: Vec<String> = (0..20)
        .map(|i| format!("wss://relay-number-{i}.example-relay-operator.com/nostr"))
        .collect();
    let p = nostr_nip19::Nprofile::new(pk, relays).unwrap();
    let text = p.to_bech32();
    assert!(text.len() > 1023);
    // rust-nostr 0.45.6 uses the bech32 crate's default decoder, capped at 1023
    // characters: it cannot read this string at all.
    assert!(nostr::nips::nip19::Nip19Profile::from_bech32(&text).is_err());
    let mut g = c.benchmark_group("nip19/nprofile_20_relays");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_with_input(BenchmarkId::new("nostr-nip19", "decode"), &text, |b, t| {
        b.iter(|| nostr_nip19::Nprofile::from_bech32(black_box(t)).unwrap())
    });
    g.bench_with_input(BenchmarkId::new("nostr-nip19", "encode"), &p, |b, p| {
        b.iter(|| black_box(p).to_bech32())
    });
    g.finish();
}

criterion_group!(benches, npub, nevent, naddr, long_nprofile);
criterion_main!(benches);
