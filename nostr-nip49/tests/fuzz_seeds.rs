//! Writes the seed corpus of the `nip49_decrypt` fuzz target (`fuzz/corpus/nip49_decrypt/`).
//! Ignored by default; regenerate with
//! `cargo test -p nostr-nip49 --test fuzz_seeds -- --ignored`.
#![cfg(feature = "std")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use common::CounterRng;
use nostr_core::SecretKey;
use nostr_nip49::{EncryptedSecretKey, KeySecurity};

/// NIP-49's decryption vector (log_n 16: above the fuzz cap, so it seeds the parser),
/// taken from the spec copy.
fn spec_vector() -> &'static str {
    include_str!("data/NIP-49.md")
        .split('`')
        .find(|span| span.starts_with("ncryptsec1"))
        .unwrap()
}

#[test]
#[ignore = "writes files; run by hand to regenerate the fuzz seed corpus"]
fn write_fuzz_seeds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/corpus/nip49_decrypt");
    std::fs::create_dir_all(dir).unwrap();
    let write = |name: &str, mode: u8, input: &[u8], sep: &[u8], password: &str| {
        let mut data = vec![mode];
        data.extend_from_slice(input);
        data.extend_from_slice(sep);
        data.extend_from_slice(password.as_bytes());
        std::fs::write(format!("{dir}/{name}"), data).unwrap();
    };

    let spec_vector = spec_vector();
    let spec: EncryptedSecretKey = spec_vector.parse().unwrap();
    write(
        "spec_vector_string",
        0,
        spec_vector.as_bytes(),
        b"\n",
        "nostr",
    );
    write("spec_vector_payload", 1, &spec.to_bytes(), b"", "nostr");

    // Authentic low-cost ncryptsecs (deterministic salt and nonce), all key securities.
    let secret =
        SecretKey::from_hex("3501454135014541350145413501453fefb02227e449e57cf4d3a3ce05378683")
            .unwrap();
    let passwords = ["nostr", "ÅΩẛ̣", ""];
    for (i, (security, password)) in KeySecurity::ALL.into_iter().zip(passwords).enumerate() {
        let log_n = 1 + i as u8;
        let encrypted = EncryptedSecretKey::encrypt_with_rng(
            &secret,
            password,
            log_n,
            security,
            &mut CounterRng(i as u8),
        )
        .unwrap();
        write(
            &format!("authentic_string_{i}"),
            0,
            encrypted.to_string().as_bytes(),
            b"\n",
            password,
        );
        write(
            &format!("authentic_payload_{i}"),
            1,
            &encrypted.to_bytes(),
            b"",
            password,
        );
    }
}
