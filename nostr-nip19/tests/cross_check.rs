//! Entities encoded by nostr-tools 2.25.2 (an independent implementation), generated
//! by `tests/data/gen_nostr_tools.mjs` (see tests/data/README.md), decoded here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use nostr_core::{EventId, Kind, PublicKey, SecretKey};
use nostr_nip19::{Entity, Naddr, Nevent, Nprofile};
use serde_json::Value;

fn relays(v: &Value) -> Vec<String> {
    v["relays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn decodes_nostr_tools_output() {
    let data: Value = serde_json::from_str(include_str!("data/nostr-tools-entities.json")).unwrap();
    let items = data.as_array().unwrap();
    let mut counts = std::collections::HashMap::<&str, usize>::new();
    let mut longer_than_1023 = 0;
    for item in items {
        let text = item["bech32"].as_str().unwrap();
        let typ = item["type"].as_str().unwrap();
        *counts.entry(typ).or_default() += 1;
        if text.len() > 1023 {
            longer_than_1023 += 1;
        }
        let entity = Entity::decode(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let hex = |k: &str| item[k].as_str().unwrap();
        match (typ, &entity) {
            ("npub", Entity::Npub(n)) => assert_eq!(n.public_key().to_hex(), hex("pubkey")),
            ("nsec", Entity::Nsec(n)) => {
                assert_eq!(n.secret_key(), &SecretKey::from_hex(hex("secret")).unwrap());
            }
            ("note", Entity::Note(n)) => assert_eq!(n.event_id().to_hex(), hex("id")),
            ("nprofile", Entity::Nprofile(p)) => {
                let expected =
                    Nprofile::new(PublicKey::from_hex(hex("pubkey")).unwrap(), relays(item))
                        .unwrap();
                assert_eq!(p, &expected);
            }
            ("nevent", Entity::Nevent(e)) => {
                let author = item
                    .get("author")
                    .map(|a| PublicKey::from_hex(a.as_str().unwrap()).unwrap());
                let kind = item
                    .get("kind")
                    .map(|k| Kind::new(u16::try_from(k.as_u64().unwrap()).unwrap()));
                let expected = Nevent::new(
                    EventId::from_hex(hex("id")).unwrap(),
                    relays(item),
                    author,
                    kind,
                )
                .unwrap();
                assert_eq!(e, &expected);
            }
            ("naddr", Entity::Naddr(a)) => {
                let coordinate = nostr_core::Coordinate::new(
                    Kind::new(u16::try_from(item["kind"].as_u64().unwrap()).unwrap()),
                    PublicKey::from_hex(hex("pubkey")).unwrap(),
                    hex("identifier"),
                );
                let expected = Naddr::new(coordinate, relays(item)).unwrap();
                assert_eq!(a, &expected);
            }
            _ => panic!("{typ} decoded as {entity:?}"),
        }
        // Our encoding decodes to the same value. For npub/nsec/note the strings are
        // identical; nostr-tools writes TLV records in descending type order (relays
        // before the key, kind first in naddr), we write them in ascending order, so
        // only the values are compared for TLV entities. Both orders are valid.
        let ours = entity.to_string();
        assert_eq!(Entity::decode(&ours).unwrap(), entity);
        if matches!(typ, "npub" | "nsec" | "note") {
            assert_eq!(ours, text);
        }
    }
    assert_eq!(items.len(), 243);
    for typ in ["npub", "nsec", "note", "nevent", "naddr"] {
        assert_eq!(counts[typ], 40, "{typ}");
    }
    assert_eq!(counts["nprofile"], 43);
    assert!(longer_than_1023 >= 3, "long strings: {longer_than_1023}");
}

/// Edge cases from `tests/data/gen_nostr_tools_edge.mjs`: where nostr-tools and this
/// crate agree, and where (and why) they differ.
#[test]
fn edge_cases_against_nostr_tools() {
    let data: Value = serde_json::from_str(include_str!("data/nostr-tools-edge.json")).unwrap();
    let cases = data.as_array().unwrap();
    let mut seen = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let input = case["input"].as_str().unwrap();
        let theirs_ok = case.get("nostr_tools").is_some();
        let ours = Entity::decode(input);
        match name {
            // Differs: nostr-tools keeps the full u32; NIP-01 kinds are 0..=65535, so
            // this crate rejects it (the issue allows either, never truncation).
            "kind_over_65535" => {
                assert!(theirs_ok);
                assert_eq!(
                    ours,
                    Err(nostr_nip19::Error::KindOutOfRange {
                        entity: "nevent",
                        value: 65537
                    })
                );
            }
            // Differs: nostr-tools replaces bad bytes with U+FFFD; this crate skips
            // the relay (the documented rule).
            "non_utf8_relay" => {
                assert!(theirs_ok);
                let Entity::Nprofile(p) = ours.unwrap() else {
                    panic!()
                };
                assert!(p.relays().is_empty());
            }
            // Differs: nostr-tools accepts a 31-byte npub (no length check); NIP-19
            // says public keys are 32 bytes.
            "npub_31_bytes" => {
                assert!(theirs_ok);
                assert!(matches!(
                    ours,
                    Err(nostr_nip19::Error::InvalidLength { got: 31, .. })
                ));
            }
            // Agree: unknown types ignored.
            "unknown_tlv_type" => {
                assert!(theirs_ok);
                assert!(matches!(ours, Ok(Entity::Nprofile(_))));
            }
            // Agree: errors.
            "naddr_without_identifier"
            | "short_pubkey_tlv"
            | "truncated_tlv"
            | "bech32m_checksum" => {
                assert!(!theirs_ok, "{name}");
                assert!(ours.is_err(), "{name}");
            }
            other => panic!("unexpected case {other}"),
        }
        seen.push(name);
    }
    assert_eq!(seen.len(), 8);
}
