//! NIP-44 v2: conversation key, encrypt and decrypt with a cached conversation key,
//! side by side with the published `nostr` crate (rust-nostr) on the same inputs,
//! and the bare cost of ChaCha20 + HMAC-SHA256 over the same bytes.
//!
//! Run: `cargo bench -p nostr-benches --bench nip44 -- --warm-up-time 1 --measurement-time 3`

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use core::hint::black_box;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20::ChaCha20;
use chacha20::cipher::{KeyIvInit, StreamCipher};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hmac::{Hmac, Mac};
use nostr::nips::nip44::v2 as theirs;
use nostr_core::{Keys, SecretKey};
use nostr_nip44::{ConversationKey, calc_padded_len};
use sha2::Sha256;

const SIZES: [(usize, &str); 3] = [(32, "32B"), (1024, "1KiB"), (65_536, "64KiB")];
const NONCE: [u8; 32] = [0x5a; 32];

fn keys() -> (Keys, Keys) {
    let a = Keys::new(SecretKey::from_bytes([0x11; 32]).unwrap());
    let b = Keys::new(SecretKey::from_bytes([0x22; 32]).unwrap());
    (a, b)
}

fn their_key(bytes: &[u8; 32]) -> theirs::ConversationKey {
    theirs::ConversationKey::new(*bytes)
}

/// The padded-plaintext length (prefix included) of a message of `len` bytes.
fn padded_total(len: usize) -> usize {
    let prefix = if len < 65_536 { 2 } else { 6 };
    prefix + usize::try_from(calc_padded_len(u32::try_from(len).unwrap())).unwrap()
}

/// ChaCha20 over the padded bytes, then HMAC-SHA256 over nonce || ciphertext, with
/// the message keys already known: the symmetric work NIP-44 cannot avoid.
fn bare(
    buf: &mut [u8],
    chacha_key: &[u8; 32],
    chacha_nonce: &[u8; 12],
    hmac_key: &[u8; 32],
) -> [u8; 32] {
    ChaCha20::new(chacha_key.into(), chacha_nonce.into()).apply_keystream(buf);
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(hmac_key).unwrap();
    mac.update(&NONCE);
    mac.update(buf);
    mac.finalize().into_bytes().into()
}

fn conversation_key(c: &mut Criterion) {
    let (a, b) = keys();
    let their_sk = nostr::key::SecretKey::from_slice(a.secret_key().as_secret_bytes()).unwrap();
    let their_pk = nostr::key::PublicKey::from_slice(b.public_key().as_bytes()).unwrap();
    let mut g = c.benchmark_group("nip44/conversation_key");
    g.bench_function("nostr-nip44", |bench| {
        bench.iter(|| {
            ConversationKey::derive(black_box(a.secret_key()), black_box(&b.public_key())).unwrap()
        })
    });
    g.bench_function("rust-nostr", |bench| {
        bench.iter(|| {
            theirs::ConversationKey::derive(black_box(&their_sk), black_box(&their_pk)).unwrap()
        })
    });
    g.bench_function("bare-ecdh", |bench| {
        bench.iter(|| {
            black_box(a.secret_key())
                .ecdh_x_only(black_box(&b.public_key()))
                .unwrap()
        })
    });
    g.finish();
}

fn encrypt(c: &mut Criterion) {
    let key_bytes = [0x42u8; 32];
    let ours = ConversationKey::from_bytes(key_bytes);
    let their = their_key(&key_bytes);
    let mk = ours.message_keys(&NONCE);
    let mut g = c.benchmark_group("nip44/encrypt");
    for (size, label) in SIZES {
        let plaintext = "a".repeat(size);
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(
            BenchmarkId::new("nostr-nip44", label),
            &plaintext,
            |bench, p| bench.iter(|| ours.encrypt_with_nonce(black_box(p), &NONCE).unwrap()),
        );
        g.bench_with_input(
            BenchmarkId::new("nostr-nip44-os-rng", label),
            &plaintext,
            |bench, p| bench.iter(|| ours.encrypt(black_box(p)).unwrap()),
        );
        g.bench_with_input(
            BenchmarkId::new("rust-nostr", label),
            &plaintext,
            |bench, p| {
                bench.iter(|| {
                    let raw =
                        theirs::encrypt_to_bytes_with_nonce(&their, black_box(p.as_bytes()), NONCE)
                            .unwrap();
                    STANDARD.encode(raw)
                })
            },
        );
        let mut buf = vec![0u8; padded_total(size)];
        g.bench_with_input(
            BenchmarkId::new("bare-chacha20-hmac", label),
            &size,
            |bench, _| {
                bench.iter(|| {
                    bare(
                        black_box(&mut buf),
                        mk.chacha_key(),
                        mk.chacha_nonce(),
                        mk.hmac_key(),
                    )
                })
            },
        );
    }
    g.finish();
}

fn decrypt(c: &mut Criterion) {
    let key_bytes = [0x42u8; 32];
    let ours = ConversationKey::from_bytes(key_bytes);
    let their = their_key(&key_bytes);
    let mk = ours.message_keys(&NONCE);
    let mut g = c.benchmark_group("nip44/decrypt");
    for (size, label) in SIZES {
        let payload = ours.encrypt_with_nonce("a".repeat(size), &NONCE).unwrap();
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(
            BenchmarkId::new("nostr-nip44", label),
            &payload,
            |bench, p| bench.iter(|| ours.decrypt(black_box(p)).unwrap()),
        );
        g.bench_with_input(
            BenchmarkId::new("rust-nostr", label),
            &payload,
            |bench, p| {
                bench.iter(|| {
                    let raw = STANDARD.decode(black_box(p)).unwrap();
                    String::from_utf8(theirs::decrypt_to_bytes(&their, &raw).unwrap()).unwrap()
                })
            },
        );
        let mut buf = vec![0u8; padded_total(size)];
        g.bench_with_input(
            BenchmarkId::new("bare-chacha20-hmac", label),
            &size,
            |bench, _| {
                bench.iter(|| {
                    bare(
                        black_box(&mut buf),
                        mk.chacha_key(),
                        mk.chacha_nonce(),
                        mk.hmac_key(),
                    )
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, conversation_key, encrypt, decrypt);
criterion_main!(benches);
