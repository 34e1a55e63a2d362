//! Every example invoice in BOLT-11 "Examples" and "Examples of Invalid Invoices",
//! read from a byte-identical copy of the spec (`tests/data/BOLT-11.md`) and counted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use nostr_core::secp256k1::{PublicKey, Secp256k1, SecretKey};
use nostr_zap::bolt11::{Description, Fallback, Invoice, Network};
use nostr_zap::{Bolt11Error, Error};

const SPEC: &str = include_str!("data/BOLT-11.md");

/// One example: its heading, the invoice, and the breakdown lines that follow.
struct Example {
    title: String,
    invoice: String,
    notes: Vec<String>,
}

fn examples() -> (Vec<Example>, Vec<Example>) {
    let mut valid: Vec<Example> = Vec::new();
    let mut invalid: Vec<Example> = Vec::new();
    let mut section = None;
    let mut title = String::new();
    for line in SPEC.lines() {
        if line.starts_with("# Examples of Invalid") {
            section = Some(false);
            continue;
        }
        if line.starts_with("# Examples") {
            section = Some(true);
            continue;
        }
        if line.starts_with("# Authors") {
            section = None;
        }
        let Some(is_valid) = section else { continue };
        let text = line.strip_prefix("> ").unwrap_or(line);
        if text.starts_with('#') {
            title = text.trim_start_matches('#').trim().to_string();
            continue;
        }
        let looks_like_invoice = !text.is_empty() && !text.contains(' ') && text.len() > 50;
        let list = if is_valid { &mut valid } else { &mut invalid };
        if looks_like_invoice
            && (is_valid && text.to_ascii_lowercase().starts_with("ln")
                || !is_valid && line.starts_with("> "))
        {
            list.push(Example {
                title: title.clone(),
                invoice: text.to_string(),
                notes: Vec::new(),
            });
        } else if let Some(last) = list.last_mut() {
            last.notes.push(line.to_string());
        }
    }
    (valid, invalid)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value in a breakdown line such as "  * `abcd` hex of signature data ...".
fn note(ex: &Example, label: &str) -> Option<String> {
    ex.notes
        .iter()
        .find(|l| l.contains(label))
        .map(|l| l.split('`').nth(1).unwrap().to_string())
}

#[test]
fn valid_examples_decode_and_match_the_breakdown() {
    let (valid, _) = examples();
    assert_eq!(valid.len(), 16, "BOLT-11 lists 16 valid example invoices");
    let secret = SecretKey::from_slice(&hex_decode(
        "e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734",
    ))
    .unwrap();
    let payee = PublicKey::from_secret_key(&Secp256k1::new(), &secret);
    assert_eq!(
        hex(&payee.serialize()),
        "03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad"
    );
    let mut breakdowns = 0;
    for ex in &valid {
        let inv = Invoice::decode(&ex.invoice).unwrap_or_else(|e| panic!("{}: {e}", ex.title));
        assert_eq!(inv.payee, payee, "{}", ex.title);
        assert!(!inv.payee_explicit, "{}", ex.title);
        if let Some(h) = note(ex, "hex of SHA256 of the preimage") {
            assert_eq!(hex(&inv.signed_hash), h, "{}", ex.title);
            breakdowns += 1;
        }
        if let Some(sig) = note(ex, "hex of signature data") {
            assert_eq!(hex(&inv.signature), sig, "{}", ex.title);
        }
        if let Some(flag) = note(ex, "(int) recovery flag") {
            assert_eq!(inv.recovery_id.to_string(), flag, "{}", ex.title);
        }
        if ex.notes.iter().any(|l| l.contains("pvjluez")) {
            assert_eq!(inv.timestamp, 1_496_314_658, "{}", ex.title);
        }
        if let Some(secret) = ex
            .notes
            .iter()
            .find(|l| l.contains("payment secret 1111"))
            .map(|_| [0x11u8; 32])
        {
            assert_eq!(inv.payment_secret, secret, "{}", ex.title);
        }
    }
    assert_eq!(breakdowns, 11, "examples with a signature breakdown");
}

#[test]
fn valid_examples_field_by_field() {
    let (valid, _) = examples();
    let hash = hex_decode("0001020304050607080900010203040506070809000102030405060708090102");
    let cake = hex_decode("3925b6f67e2c340036ed12093dd44e0368df1b6ea26c53dbe4811f58fd5db8c1");
    let decoded: Vec<Invoice> = valid
        .iter()
        .map(|e| Invoice::decode(&e.invoice).unwrap())
        .collect();

    // 0: donation, no amount.
    assert_eq!(decoded[0].amount_msat, None);
    assert_eq!(decoded[0].payment_hash.to_vec(), hash);
    assert_eq!(
        decoded[0].description,
        Description::Direct("Please consider supporting this project".into())
    );
    assert_eq!(
        decoded[0]
            .features
            .as_ref()
            .unwrap()
            .bits()
            .collect::<Vec<_>>(),
        [8, 14]
    );
    // 1: coffee, 2500u, expiry 60.
    assert_eq!(decoded[1].amount_msat, Some(250_000_000));
    assert_eq!(decoded[1].expiry(), 60);
    assert_eq!(
        decoded[1].description,
        Description::Direct("1 cup coffee".into())
    );
    // 2: UTF-8 description.
    assert_eq!(
        decoded[2].description,
        Description::Direct("ナンセンス 1杯".into())
    );
    // 3: hashed description, 20m.
    assert_eq!(decoded[3].amount_msat, Some(2_000_000_000));
    assert_eq!(decoded[3].description_hash().unwrap().to_vec(), cake);
    assert_eq!(decoded[3].expiry(), 3600);
    assert_eq!(decoded[3].min_final_cltv_expiry_delta(), 18);
    // 4: testnet, P2PKH fallback.
    assert_eq!(decoded[4].network, Network::Testnet);
    assert!(matches!(
        decoded[4].fallbacks[..],
        [Fallback::PubKeyHash(_)]
    ));
    // 5: P2PKH fallback + two-hop route.
    let route = &decoded[5].route_hints[0];
    assert_eq!(route.len(), 2);
    assert_eq!(
        hex(&route[0].pubkey),
        "029e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255"
    );
    assert_eq!(
        route[0].short_channel_id,
        (66051 << 40) | (263_430 << 16) | 1800
    );
    assert_eq!(route[0].fee_base_msat, 1);
    assert_eq!(route[0].fee_proportional_millionths, 20);
    assert_eq!(route[0].cltv_expiry_delta, 3);
    assert_eq!(
        route[1].short_channel_id,
        (197_637 << 40) | (395_016 << 16) | 2314
    );
    assert_eq!(route[1].fee_base_msat, 2);
    assert_eq!(route[1].fee_proportional_millionths, 30);
    assert_eq!(route[1].cltv_expiry_delta, 4);
    // 6: P2SH; 7: P2WPKH; 8: P2WSH; 9: P2TR.
    assert!(matches!(
        decoded[6].fallbacks[..],
        [Fallback::ScriptHash(_)]
    ));
    assert!(
        matches!(&decoded[7].fallbacks[..], [Fallback::SegWit { version: 0, program }] if program.len() == 20)
    );
    assert!(
        matches!(&decoded[8].fallbacks[..], [Fallback::SegWit { version: 0, program }] if program.len() == 32)
    );
    assert!(
        matches!(&decoded[9].fallbacks[..], [Fallback::SegWit { version: 1, program }] if program.len() == 32)
    );
    // 10: pico amount, long description, expiry one week, cltv 10, one-hop route.
    assert_eq!(decoded[10].amount_msat, Some(967_878_534));
    assert_eq!(decoded[10].timestamp, 1_572_468_703);
    assert_eq!(decoded[10].expiry(), 604_800);
    assert_eq!(decoded[10].min_final_cltv_expiry_delta(), 10);
    assert_eq!(decoded[10].route_hints[0][0].fee_base_msat, 1000);
    assert_eq!(
        decoded[10].route_hints[0][0].fee_proportional_millionths,
        2500
    );
    assert_eq!(decoded[10].route_hints[0][0].cltv_expiry_delta, 40);
    assert!(
        matches!(&decoded[10].description, Description::Direct(d) if d.starts_with("Blockstream Store: 88.85 USD"))
    );
    // 11: features 8, 14, 99.
    assert_eq!(
        decoded[11]
            .features
            .as_ref()
            .unwrap()
            .bits()
            .collect::<Vec<_>>(),
        [8, 14, 99]
    );
    // 12: the same, upper case.
    assert_eq!(decoded[12], decoded[11]);
    // 13: the same with fields that must be skipped.
    assert_eq!(decoded[13].payment_hash, decoded[11].payment_hash);
    assert_eq!(decoded[13].description, decoded[11].description);
    assert_eq!(decoded[13].unknown_fields.len(), 1);
    assert_eq!(decoded[13].unknown_fields[0].tag, 10); // '2'
    assert_eq!(decoded[13].skipped_fields, 9);
    // 14: metadata.
    assert_eq!(
        decoded[14].metadata.as_deref(),
        Some(&[0x01, 0xfa, 0xfa, 0xf0][..])
    );
    assert_eq!(
        decoded[14]
            .features
            .as_ref()
            .unwrap()
            .bits()
            .collect::<Vec<_>>(),
        [8, 14, 48]
    );
    // 15: high-S signature, recovery still works.
    assert_eq!(decoded[15].payment_hash, decoded[0].payment_hash);
}

#[test]
fn invalid_examples_fail_with_the_right_error() {
    let (_, invalid) = examples();
    assert_eq!(
        invalid.len(),
        10,
        "BOLT-11 lists 10 invalid example invoices"
    );
    for ex in &invalid {
        let err = Invoice::decode(&ex.invoice).expect_err(&ex.title);
        let Error::Bolt11(err) = err else {
            panic!("{}: {err}", ex.title)
        };
        let t = ex.title.as_str();
        let ok = match err {
            Bolt11Error::UnknownRequiredFeature(100) => t.contains("unknown feature 100"),
            Bolt11Error::Checksum => t.contains("checksum is invalid"),
            Bolt11Error::MissingSeparator => t.contains("no 1"),
            Bolt11Error::MixedCase => t.contains("mixed case"),
            Bolt11Error::SignatureNotRecoverable => t.contains("not recoverable"),
            Bolt11Error::TooShort { .. } => t.contains("too short"),
            Bolt11Error::UnknownMultiplier('x') => t.contains("Invalid multiplier"),
            Bolt11Error::SubMillisatoshi => t.contains("sub-millisatoshi"),
            Bolt11Error::MissingPaymentSecret => t.contains("Missing required `s`"),
            Bolt11Error::InvalidSignature => t.contains("high-S) with 'n'"),
            _ => false,
        };
        assert!(ok, "{t}: unexpected error {err:?}");
    }
}

fn hex_decode(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn writer_reproduces_spec_examples_byte_for_byte() {
    // RFC 6979 signatures are deterministic: re-encoding the examples whose fields the
    // writer supports (s, p, d/h, x, 9 in that order) gives the same strings.
    let (valid, _) = examples();
    let node = nostr_core::secp256k1::SecretKey::from_slice(&hex_decode(
        "e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734",
    ))
    .unwrap();
    let mut reproduced = 0;
    for index in [0usize, 1, 2, 3] {
        let inv = Invoice::decode(&valid[index].invoice).unwrap();
        let mut b = nostr_zap::bolt11::InvoiceBuilder::new(
            inv.network,
            inv.payment_hash,
            inv.payment_secret,
            inv.timestamp,
        );
        if let Some(m) = inv.amount_msat {
            b = b.amount_msat(m);
        }
        b = match &inv.description {
            Description::Direct(d) => b.description(d.clone()),
            Description::Hash(h) => b.description_hash(*h),
        };
        if let Some(x) = inv.expiry_secs {
            b = b.expiry_secs(x);
        }
        assert_eq!(
            b.sign(&node).unwrap(),
            valid[index].invoice,
            "{}",
            valid[index].title
        );
        reproduced += 1;
    }
    assert_eq!(reproduced, 4);
}
