//! Property tests: split arithmetic, LNURL and invoice round trips, and no panics on
//! arbitrary input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use nostr_core::PublicKey;
use nostr_core::secp256k1::SecretKey as NodeSecret;
use nostr_zap::bolt11::{Description, Invoice, InvoiceBuilder, Network};
use nostr_zap::lnurl;
use nostr_zap::split::{ZapSplit, split_amount};
use proptest::prelude::*;

fn splits(weights: &[Option<u64>]) -> Vec<ZapSplit> {
    weights
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut pk = [0u8; 32];
            pk[0] = u8::try_from(i).unwrap();
            ZapSplit::new(PublicKey::from_bytes(pk), None, *w)
        })
        .collect()
}

fn parts(weights: &[Option<u64>], total: u64) -> Vec<u64> {
    split_amount(&splits(weights), total)
        .unwrap()
        .iter()
        .map(|s| s.amount_msat)
        .collect()
}

fn weight() -> impl Strategy<Value = Option<u64>> {
    prop_oneof![
        Just(None),
        (0u64..1000).prop_map(Some),
        any::<u64>().prop_map(|w| Some(w >> 8)),
    ]
}

proptest! {
    #[test]
    fn split_sums_to_total(weights in prop::collection::vec(weight(), 1..20), total in any::<u64>()) {
        let effective: Vec<u64> = if weights.iter().all(Option::is_none) {
            vec![1; weights.len()]
        } else {
            weights.iter().map(|w| w.unwrap_or(0)).collect()
        };
        let sum: u128 = effective.iter().map(|&w| u128::from(w)).sum();
        match split_amount(&splits(&weights), total) {
            Ok(shares) => {
                prop_assert_eq!(shares.len(), weights.len());
                let got: u128 = shares.iter().map(|s| u128::from(s.amount_msat)).sum();
                prop_assert_eq!(got, u128::from(total));
                for (s, &w) in shares.iter().zip(&effective) {
                    // Within 1 msat of the exact share; zero weight gets nothing.
                    let exact_floor = u128::from(total) * u128::from(w) / sum;
                    let part = u128::from(s.amount_msat);
                    prop_assert!(part == exact_floor || part == exact_floor + 1);
                    if w == 0 {
                        prop_assert_eq!(part, 0);
                    }
                }
            }
            Err(_) => prop_assert!(sum == 0 || sum > u128::from(u64::MAX)),
        }
    }

    #[test]
    fn split_is_monotonic_in_own_weight(
        weights in prop::collection::vec(0u64..10_000, 2..10),
        index in any::<prop::sample::Index>(),
        bump in 1u64..10_000,
        total in any::<u64>(),
    ) {
        let ws: Vec<Option<u64>> = weights.iter().copied().map(Some).collect();
        let i = index.index(ws.len());
        let mut more = ws.clone();
        more[i] = Some(weights[i] + bump);
        if ws.iter().all(|w| *w == Some(0)) {
            return Ok(());
        }
        let before = parts(&ws, total);
        let after = parts(&more, total);
        prop_assert!(after[i] >= before[i], "{:?} -> {:?}", before, after);
    }

    #[test]
    fn equal_split_without_weights(n in 1usize..30, total in any::<u64>()) {
        let got = parts(&vec![None; n], total);
        let min = *got.iter().min().unwrap();
        let max = *got.iter().max().unwrap();
        prop_assert!(max - min <= 1);
        prop_assert_eq!(got.iter().map(|&x| u128::from(x)).sum::<u128>(), u128::from(total));
    }

    #[test]
    fn lnurl_round_trips(url in "https://[a-z0-9.-]{1,40}/[ -~]{0,2000}") {
        let enc = lnurl::encode_lnurl(&url);
        prop_assert!(enc.starts_with("lnurl1"));
        prop_assert_eq!(lnurl::decode_lnurl(&enc).unwrap(), url.clone());
        prop_assert_eq!(lnurl::decode_lnurl(&enc.to_uppercase()).unwrap(), url.clone());
        let prefixed = format!("lightning:{}", enc);
        prop_assert_eq!(lnurl::decode_lnurl(&prefixed).unwrap(), url);
    }

    #[test]
    fn lnurl_round_trips_any_utf8(text in "\\PC{0,300}") {
        prop_assert_eq!(lnurl::decode_lnurl(&lnurl::encode_lnurl(&text)).unwrap(), text);
    }

    #[test]
    fn percent_encoding_is_reversible(text in "\\PC{0,200}") {
        let enc = lnurl::percent_encode(&text);
        prop_assert!(enc.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        // Decode by hand.
        let mut out = Vec::new();
        let bytes = enc.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = core::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        prop_assert_eq!(String::from_utf8(out).unwrap(), text);
    }

    #[test]
    fn invoices_round_trip(
        msat in prop::option::of(1u64..=u64::MAX / 10),
        hash in any::<[u8; 32]>(),
        secret in any::<[u8; 32]>(),
        desc in prop_oneof![any::<[u8; 32]>().prop_map(Description::Hash), "\\PC{0,150}".prop_map(Description::Direct)],
        ts in 0u64..(1 << 35),
        expiry in prop::option::of(any::<u32>()),
        node in any::<[u8; 32]>(),
    ) {
        let Ok(node) = NodeSecret::from_byte_array(&node) else { return Ok(()) };
        let mut b = InvoiceBuilder::new(Network::Testnet, hash, secret, ts);
        if let Some(m) = msat { b = b.amount_msat(m); }
        b = match &desc {
            Description::Hash(h) => b.description_hash(*h),
            Description::Direct(d) => b.description(d.clone()),
        };
        if let Some(x) = expiry { b = b.expiry_secs(u64::from(x)); }
        let text = b.sign(&node).unwrap();
        // Descriptions longer than one field (639 bytes) do not occur here.
        let inv = Invoice::decode(&text).unwrap();
        prop_assert_eq!(inv.amount_msat, msat);
        prop_assert_eq!(inv.payment_hash, hash);
        prop_assert_eq!(inv.payment_secret, secret);
        prop_assert_eq!(&inv.description, &desc);
        prop_assert_eq!(inv.timestamp, ts);
        prop_assert_eq!(inv.expiry(), expiry.map_or(3600, u64::from));
        prop_assert_eq!(inv.payee, node.public_key(&nostr_core::secp256k1::Secp256k1::new()));
        prop_assert_eq!(Invoice::decode(&text.to_uppercase()).unwrap(), inv);
    }

    #[test]
    fn decoding_garbage_never_panics(s in "\\PC{0,400}") {
        let _ = Invoice::decode(&s);
        let _ = lnurl::decode_lnurl(&s);
        let _ = lnurl::PayResponse::parse(&s);
        let _ = lnurl::lightning_address_url(&s);
    }

    #[test]
    fn mutated_invoices_are_rejected_or_consistent(pos in any::<prop::sample::Index>(), c in prop::sample::select(b"qpzry9x8gf2tvdw0s3jn54khce6mua7l".to_vec())) {
        let good = "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh";
        let mut bytes = good.as_bytes().to_vec();
        let i = 10 + pos.index(bytes.len() - 10);
        if bytes[i] == c { return Ok(()); }
        bytes[i] = c;
        // A single substitution always breaks the bech32 checksum.
        prop_assert!(Invoice::decode(core::str::from_utf8(&bytes).unwrap()).is_err());
    }
}
