//! NIP-49's own test data, read from a byte-identical copy of the spec
//! (`tests/data/NIP-49.md`, copied from `shared/specs/NIP-49.md`).
#![cfg(feature = "std")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use nostr_core::SecretKey;
use nostr_nip49::{DecryptOptions, EncryptedSecretKey, Error, KeySecurity};
use unicode_normalization::UnicodeNormalization;

const SPEC: &str = include_str!("data/NIP-49.md");

/// The text of the `## <title>` section, up to the next `##` heading.
fn section(title: &str) -> &'static str {
    let start = SPEC
        .find(&format!("## {title}\n"))
        .unwrap_or_else(|| panic!("section {title:?} missing from NIP-49.md"));
    let body = &SPEC[start + title.len() + 4..];
    let end = body.find("\n## ").unwrap_or(body.len());
    &body[..end]
}

/// Every backtick-quoted span in `text`.
fn code_spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// Parses `[0xE2, 0x84, ...]`.
fn parse_byte_list(line: &str) -> Vec<u8> {
    let inner = line
        .split_once('[')
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(inner, _)| inner)
        .expect("byte list in brackets");
    inner
        .split(',')
        .map(|b| u8::from_str_radix(b.trim().trim_start_matches("0x"), 16).unwrap())
        .collect()
}

/// Parses `U+212B U+2126 ...`.
fn parse_codepoints(line: &str) -> String {
    line.split_whitespace()
        .filter_map(|w| w.strip_prefix("U+"))
        .map(|hex| char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap())
        .collect()
}

struct DecryptVector {
    ncryptsec: String,
    password: String,
    log_n: u8,
    secret_hex: String,
}

fn decrypt_vectors() -> Vec<DecryptVector> {
    let text = section("Decryption");
    // "When decrypted with password='nostr' and log_n=16 yields ..."
    let spans = code_spans(text);
    let mut out = Vec::new();
    for pair in spans.chunks(2) {
        let [ncryptsec, secret_hex] = pair else {
            panic!("unpaired code span in the Decryption section")
        };
        let sentence = text
            .split_once(ncryptsec)
            .map(|(_, rest)| rest)
            .and_then(|rest| rest.split_once(secret_hex))
            .map(|(between, _)| between)
            .unwrap();
        let password = sentence
            .split_once("password='")
            .and_then(|(_, rest)| rest.split_once('\''))
            .map(|(pw, _)| pw.to_owned())
            .expect("password='...' in the Decryption section");
        let log_n = sentence
            .split_once("log_n=")
            .map(|(_, rest)| {
                rest.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
            .and_then(|digits| digits.parse().ok())
            .expect("log_n=N in the Decryption section");
        out.push(DecryptVector {
            ncryptsec: (*ncryptsec).to_owned(),
            password,
            log_n,
            secret_hex: (*secret_hex).to_owned(),
        });
    }
    out
}

#[test]
fn spec_decryption_vector() {
    let vectors = decrypt_vectors();
    assert_eq!(vectors.len(), 1, "the spec has one decryption vector");
    for v in &vectors {
        assert!(v.ncryptsec.starts_with("ncryptsec1"));
        assert_eq!((v.password.as_str(), v.log_n), ("nostr", 16));

        let encrypted: EncryptedSecretKey = v.ncryptsec.parse().unwrap();
        assert_eq!(encrypted.log_n(), v.log_n);
        assert_eq!(encrypted.to_bytes().len(), 91);
        assert_eq!(
            encrypted.to_string(),
            v.ncryptsec,
            "re-encoding is identical"
        );

        // One scrypt run at log_n 16 (slow in debug builds): the full path, string in,
        // key and key security out, with the cap set exactly at the vector's log_n.
        let expected = SecretKey::from_hex(&v.secret_hex).unwrap();
        let exact = DecryptOptions::new().with_max_log_n(v.log_n);
        let (secret, security) = exact.decrypt(&v.ncryptsec, &v.password).unwrap();
        assert_eq!(secret, expected);
        assert_eq!(security, encrypted.key_security());

        // The upper-case form is the same bech32 string.
        let upper = v.ncryptsec.to_ascii_uppercase();
        assert_eq!(upper.parse::<EncryptedSecretKey>().unwrap(), encrypted);

        // The cap is checked before any scrypt work.
        let strict = DecryptOptions::new().with_max_log_n(v.log_n - 1);
        assert_eq!(
            strict.decrypt(&v.ncryptsec, &v.password),
            Err(Error::LogNTooLarge {
                log_n: v.log_n,
                max: v.log_n - 1
            })
        );
    }
}

#[test]
fn spec_normalization_example() {
    let text = section("Password Unicode Normalization");
    let codepoints: Vec<String> = text
        .lines()
        .filter(|l| l.contains("Unicode Codepoints:"))
        .map(parse_codepoints)
        .collect();
    let bytes: Vec<Vec<u8>> = text
        .lines()
        .filter(|l| l.contains("UTF-8 bytes:"))
        .map(parse_byte_list)
        .collect();
    assert_eq!(codepoints.len(), 2, "input and NFKC output codepoints");
    assert_eq!(bytes.len(), 2, "input and NFKC output bytes");

    let input = String::from_utf8(bytes[0].clone()).unwrap();
    let output = String::from_utf8(bytes[1].clone()).unwrap();
    assert_eq!(input, codepoints[0], "input bytes match input codepoints");
    assert_eq!(
        output, codepoints[1],
        "output bytes match output codepoints"
    );
    // The quoted input string in the spec is the input bytes. (The spec's quoted
    // "converted" string repeats the un-normalized bytes, so the byte and codepoint
    // lines are the reference for the output.)
    assert!(text.contains(&format!("\"{input}\"")));
    assert_ne!(input, output);
    assert_eq!(input.nfkc().collect::<String>(), output);

    // Our encryption normalizes: a key encrypted under either form decrypts under the
    // other, and under nothing else.
    let secret = SecretKey::from_bytes([7; 32]).unwrap();
    for (enc_pw, dec_pw) in [(&input, &output), (&output, &input)] {
        let encrypted =
            EncryptedSecretKey::encrypt(&secret, enc_pw, 2, KeySecurity::Unknown).expect("encrypt");
        assert_eq!(encrypted.decrypt(dec_pw).unwrap(), secret);
        assert_eq!(encrypted.decrypt("ÅΩ"), Err(Error::Decryption));
    }
}
