//! NIP-49 at log_n 16: our encrypt/decrypt beside the published `nostr` crate on the same
//! inputs and beside bare `scrypt` with the same parameters (the KDF is the whole cost;
//! everything else should be noise).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use core::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use nostr::nips::nip19::{FromBech32, ToBech32};
use nostr_nip49::{EncryptedSecretKey, KeySecurity};

const LOG_N: u8 = 16;
const PASSWORD: &str = "correct horse battery staple";
const SECRET_HEX: &str = "3501454135014541350145413501453fefb02227e449e57cf4d3a3ce05378683";

fn bare_scrypt(password: &str, salt: &[u8; 16]) -> [u8; 32] {
    let params = scrypt::Params::new(LOG_N, 8, 1).unwrap();
    let mut key = [0u8; 32];
    scrypt::scrypt(password.as_bytes(), salt, &params, &mut key).unwrap();
    key
}

fn bench_encrypt(c: &mut Criterion) {
    let ours_key = nostr_core::SecretKey::from_hex(SECRET_HEX).unwrap();
    let their_key = nostr::key::SecretKey::from_hex(SECRET_HEX).unwrap();
    let salt = [7u8; 16];

    let mut group = c.benchmark_group("nip49_encrypt");
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("ours", LOG_N), |b| {
        b.iter(|| {
            nostr_nip49::encrypt(
                black_box(&ours_key),
                black_box(PASSWORD),
                LOG_N,
                KeySecurity::Unknown,
            )
            .unwrap()
        });
    });
    group.bench_function(BenchmarkId::new("rust-nostr", LOG_N), |b| {
        b.iter(|| {
            nostr::nips::nip49::EncryptedSecretKey::new(
                black_box(&their_key),
                black_box(PASSWORD),
                LOG_N,
                nostr::nips::nip49::KeySecurity::Unknown,
            )
            .unwrap()
            .to_bech32()
            .unwrap()
        });
    });
    group.bench_function(BenchmarkId::new("bare-scrypt", LOG_N), |b| {
        b.iter(|| bare_scrypt(black_box(PASSWORD), black_box(&salt)));
    });
    group.finish();
}

fn bench_decrypt(c: &mut Criterion) {
    let secret = nostr_core::SecretKey::from_hex(SECRET_HEX).unwrap();
    // One input string for both libraries.
    let ncryptsec = nostr_nip49::encrypt(&secret, PASSWORD, LOG_N, KeySecurity::Unknown).unwrap();
    let parsed: EncryptedSecretKey = ncryptsec.parse().unwrap();
    let salt = *parsed.salt();

    let mut group = c.benchmark_group("nip49_decrypt");
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("ours", LOG_N), |b| {
        b.iter(|| nostr_nip49::decrypt(black_box(&ncryptsec), black_box(PASSWORD)).unwrap());
    });
    group.bench_function(BenchmarkId::new("rust-nostr", LOG_N), |b| {
        b.iter(|| {
            nostr::nips::nip49::EncryptedSecretKey::from_bech32(black_box(&ncryptsec))
                .unwrap()
                .decrypt(black_box(PASSWORD))
                .unwrap()
        });
    });
    group.bench_function(BenchmarkId::new("bare-scrypt", LOG_N), |b| {
        b.iter(|| bare_scrypt(black_box(PASSWORD), black_box(&salt)));
    });
    group.finish();
}

/// The non-KDF work on its own: parsing and encoding the bech32 string.
fn bench_codec(c: &mut Criterion) {
    let secret = nostr_core::SecretKey::from_hex(SECRET_HEX).unwrap();
    let ncryptsec = nostr_nip49::encrypt(&secret, PASSWORD, 1, KeySecurity::Unknown).unwrap();
    let parsed: EncryptedSecretKey = ncryptsec.parse().unwrap();

    let mut group = c.benchmark_group("nip49_codec");
    group.bench_function("ours/parse", |b| {
        b.iter(|| black_box(&ncryptsec).parse::<EncryptedSecretKey>().unwrap());
    });
    group.bench_function("rust-nostr/parse", |b| {
        b.iter(|| {
            nostr::nips::nip49::EncryptedSecretKey::from_bech32(black_box(&ncryptsec)).unwrap()
        });
    });
    group.bench_function("ours/encode", |b| b.iter(|| black_box(&parsed).to_bech32()));
    group.finish();
}

criterion_group!(benches, bench_encrypt, bench_decrypt, bench_codec);
criterion_main!(benches);
