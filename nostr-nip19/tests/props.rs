//! Property tests: encode then decode gives the same value, for every entity.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use bech32::{Bech32, Hrp};
use nostr_core::{Coordinate, EventId, Kind, PublicKey, SecretKey};
use nostr_nip19::{
    Entity, Error, Naddr, Ncryptsec, Nevent, NostrUri, Note, Nprofile, Npub, Nsec, find_uris,
};
use proptest::prelude::*;

fn relay() -> impl Strategy<Value = String> {
    prop_oneof![
        "wss://[a-z0-9.-]{1,40}(/[a-z0-9]{0,10})?",
        // any UTF-8 up to 255 bytes (checked by filter)
        any::<String>().prop_filter("fits one TLV", |s| s.len() <= 255),
        "[a-z]{200,249}".prop_map(|s| format!("wss://{s}")),
    ]
}

fn relays() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(relay(), 0..6)
}

fn identifier() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9:_ -]{0,40}",
        any::<String>().prop_filter("<= 255 bytes", |s| s.len() <= 255),
        "[a-z]{255}",
    ]
}

fn tlv(records: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (t, v) in records {
        out.push(*t);
        out.push(u8::try_from(v.len()).unwrap());
        out.extend_from_slice(v);
    }
    out
}

proptest! {
    #[test]
    fn npub_round_trip(bytes in any::<[u8; 32]>()) {
        let npub = Npub(PublicKey::from_bytes(bytes));
        let s = npub.to_string();
        prop_assert_eq!(&s, &npub.to_bech32());
        prop_assert_eq!(Npub::from_bech32(&s).unwrap(), npub);
        prop_assert_eq!(Entity::decode(&s).unwrap(), Entity::Npub(npub));
        // Independent check of the bech32 layer.
        let (hrp, data) = bech32::decode(&s).unwrap();
        prop_assert_eq!(hrp.as_str(), "npub");
        prop_assert_eq!(data, bytes.to_vec());
    }

    #[test]
    fn note_round_trip(bytes in any::<[u8; 32]>()) {
        let note = Note(EventId::from_bytes(bytes));
        prop_assert_eq!(Note::from_bech32(&note.to_bech32()).unwrap(), note);
        let expected = bech32::encode::<Bech32>(Hrp::parse("note").unwrap(), &bytes).unwrap();
        prop_assert_eq!(note.to_string(), expected);
    }

    #[test]
    fn nsec_round_trip(bytes in any::<[u8; 32]>()) {
        match SecretKey::from_bytes(bytes) {
            Ok(sk) => {
                let nsec = Nsec::new(sk);
                let s = nsec.to_bech32();
                prop_assert_eq!(Nsec::from_bech32(&s).unwrap(), nsec.clone());
                prop_assert_eq!(Entity::decode(&s).unwrap(), Entity::Nsec(nsec));
            }
            Err(_) => {
                let s = bech32::encode::<Bech32>(Hrp::parse("nsec").unwrap(), &bytes).unwrap();
                prop_assert_eq!(Nsec::from_bech32(&s), Err(Error::InvalidSecretKey));
            }
        }
    }

    #[test]
    fn nprofile_round_trip(pk in any::<[u8; 32]>(), relays in relays()) {
        let p = Nprofile::new(PublicKey::from_bytes(pk), relays.clone()).unwrap();
        let s = p.to_string();
        prop_assert_eq!(&s, &p.to_bech32());
        let back = Nprofile::from_bech32(&s).unwrap();
        prop_assert_eq!(back.relays(), relays.as_slice());
        // Independent check of the encoder against the bech32 crate (which stops at
        // 1023 characters).
        let mut records = vec![(0u8, pk.to_vec())];
        records.extend(relays.iter().map(|r| (1u8, r.as_bytes().to_vec())));
        let expected_payload = tlv(&records);
        if s.len() <= 1023 {
            let expected = bech32::encode::<Bech32>(Hrp::parse("nprofile").unwrap(), &expected_payload).unwrap();
            prop_assert_eq!(&s, &expected);
        }
        prop_assert_eq!(&back, &p);
        prop_assert_eq!(Entity::decode(&s).unwrap(), Entity::Nprofile(p));
    }

    #[test]
    fn nevent_round_trip(
        id in any::<[u8; 32]>(),
        relays in relays(),
        author in any::<Option<[u8; 32]>>(),
        kind in any::<Option<u16>>(),
    ) {
        let e = Nevent::new(
            EventId::from_bytes(id),
            relays,
            author.map(PublicKey::from_bytes),
            kind.map(Kind::new),
        )
        .unwrap();
        let s = e.to_string();
        prop_assert_eq!(Nevent::from_bech32(&s).unwrap(), e.clone());
        let uri = NostrUri::try_from(Entity::Nevent(e.clone())).unwrap();
        prop_assert_eq!(NostrUri::parse(&uri.to_string()).unwrap(), uri);
    }

    #[test]
    fn naddr_round_trip(
        d in identifier(),
        pk in any::<[u8; 32]>(),
        kind in any::<u16>(),
        relays in relays(),
    ) {
        let c = Coordinate::new(Kind::new(kind), PublicKey::from_bytes(pk), d);
        let a = Naddr::new(c.clone(), relays).unwrap();
        let s = a.to_string();
        let back = Naddr::from_bech32(&s).unwrap();
        prop_assert_eq!(back.coordinate(), &c);
        prop_assert_eq!(back, a);
    }

    /// Kinds across the whole u32 range: kept when they fit NIP-01's u16 range,
    /// rejected (never truncated) otherwise, for both nevent and naddr.
    #[test]
    fn kinds_across_u32(kind in any::<u32>(), pk in any::<[u8; 32]>(), d in identifier()) {
        let k = kind.to_be_bytes().to_vec();
        let nevent = tlv(&[(0, pk.to_vec()), (3, k.clone())]);
        let naddr = tlv(&[(0, d.clone().into_bytes()), (2, pk.to_vec()), (3, k)]);
        let ev = Nevent::from_bech32(
            &bech32::encode::<Bech32>(Hrp::parse("nevent").unwrap(), &nevent).unwrap(),
        );
        let ad = Naddr::from_bech32(
            &bech32::encode::<Bech32>(Hrp::parse("naddr").unwrap(), &naddr).unwrap(),
        );
        match u16::try_from(kind) {
            Ok(k) => {
                prop_assert_eq!(ev.unwrap().kind(), Some(Kind::new(k)));
                let ad = ad.unwrap();
                prop_assert_eq!(ad.coordinate().kind, Kind::new(k));
                prop_assert_eq!(&ad.coordinate().identifier, &d);
            }
            Err(_) => {
                prop_assert_eq!(ev, Err(Error::KindOutOfRange { entity: "nevent", value: kind }));
                prop_assert_eq!(ad, Err(Error::KindOutOfRange { entity: "naddr", value: kind }));
            }
        }
    }

    #[test]
    fn ncryptsec_round_trip(data in prop::collection::vec(any::<u8>(), 1..200)) {
        let n = Ncryptsec::new(data.clone()).unwrap();
        let back = Ncryptsec::from_bech32(&n.to_string()).unwrap();
        prop_assert_eq!(back.as_bytes(), data.as_slice());
    }

    /// Arbitrary TLV payloads (unknown types, any lengths) never panic, and whatever
    /// decodes re-encodes to the same value.
    #[test]
    fn arbitrary_tlv(
        hrp in prop::sample::select(vec!["nprofile", "nevent", "naddr"]),
        payload in prop::collection::vec(any::<u8>(), 1..400),
    ) {
        let s = bech32::encode::<Bech32>(Hrp::parse(hrp).unwrap(), &payload).unwrap();
        if let Ok(entity) = Entity::decode(&s) {
            prop_assert_eq!(Entity::decode(&entity.to_string()).unwrap(), entity);
        }
    }

    /// Arbitrary strings never panic the decoder or the scanner, and scanner ranges
    /// point at what they decode.
    #[test]
    fn arbitrary_text(text in any::<String>(), npub in any::<[u8; 32]>()) {
        let _ = Entity::decode(&text);
        let _ = NostrUri::parse(&text);
        let mention = format!("nostr:{}", Npub(PublicKey::from_bytes(npub)));
        let content = format!("{text} {mention} {text}");
        let found: Vec<_> = find_uris(&content).collect();
        prop_assert!(found.iter().any(|m| content[m.range.clone()] == mention));
        for m in found {
            prop_assert_eq!(NostrUri::parse(&content[m.range.clone()]).unwrap(), m.uri);
        }
    }
}
