//! Bad input gives typed errors (never a panic), and the TLV rules of the crate docs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use bech32::{Bech32, Bech32m, Hrp};
use nostr_core::{Coordinate, EventId, Kind, PublicKey};
use nostr_nip19::{
    Entity, Error, MAX_LEN, Naddr, Ncryptsec, Nevent, NostrUri, Note, Nprofile, Npub, Nsec,
    find_uris,
};

const NPUB: &str = "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg";
const NSEC: &str = "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5";
const PK: [u8; 32] = [0x11; 32];

/// Bech32 via the `bech32` crate (an independent encoder), for hand-made payloads.
fn enc(hrp: &str, data: &[u8]) -> String {
    bech32::encode::<Bech32>(Hrp::parse(hrp).unwrap(), data).unwrap()
}

fn tlv(records: &[(u8, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (t, v) in records {
        out.push(*t);
        out.push(u8::try_from(v.len()).unwrap());
        out.extend_from_slice(v);
    }
    out
}

#[test]
fn bech32_level_errors() {
    // Mixed case.
    let mixed = NPUB.replacen('e', "E", 1);
    assert_eq!(Npub::from_bech32(&mixed), Err(Error::MixedCase));
    // All uppercase is valid bech32.
    assert_eq!(
        Npub::from_bech32(&NPUB.to_ascii_uppercase()).unwrap(),
        Npub::from_bech32(NPUB).unwrap()
    );
    // Bad checksum.
    let mut bad = NPUB.to_owned();
    bad.pop();
    bad.push('q');
    assert_eq!(Npub::from_bech32(&bad), Err(Error::InvalidChecksum));
    assert_eq!(Entity::decode(&bad), Err(Error::InvalidChecksum));
    // bech32m checksum over a valid payload.
    let m = bech32::encode::<Bech32m>(Hrp::parse("npub").unwrap(), &PK).unwrap();
    assert_eq!(Npub::from_bech32(&m), Err(Error::Bech32m));
    assert_eq!(Entity::decode(&m), Err(Error::Bech32m));
    // Non-bech32 characters (b, i, o are excluded; and non-ASCII).
    let bchar = NPUB.replacen('q', "b", 1);
    assert!(matches!(
        Npub::from_bech32(&bchar),
        Err(Error::InvalidChar { ch: 'b', .. })
    ));
    assert_eq!(
        Entity::decode("npub1é"),
        Err(Error::InvalidChar {
            ch: 'é',
            position: 5
        })
    );
    // No separator, empty prefix, short data.
    assert_eq!(Entity::decode("npub"), Err(Error::MissingSeparator));
    assert_eq!(Entity::decode(""), Err(Error::MissingSeparator));
    assert_eq!(Entity::decode("1qqqqqq"), Err(Error::EmptyPrefix));
    assert_eq!(Entity::decode("npub1qq"), Err(Error::TooShort { len: 2 }));
    // Over-long strings.
    let long = format!("nprofile1{}", "q".repeat(MAX_LEN));
    assert_eq!(
        Entity::decode(&long),
        Err(Error::TooLong {
            len: MAX_LEN + 9,
            max: MAX_LEN
        })
    );
}

#[test]
fn entity_level_errors() {
    // Wrong prefix for a typed decoder, unknown prefix for the any decoder.
    assert_eq!(
        Note::from_bech32(NPUB),
        Err(Error::WrongPrefix {
            expected: "note",
            found: "npub".into()
        })
    );
    assert_eq!(
        Entity::decode(&enc("nrelay", b"wss://r.example")),
        Err(Error::UnknownPrefix {
            prefix: "nrelay".into()
        })
    );
    // Empty data, for every entity.
    for hrp in [
        "npub",
        "nsec",
        "note",
        "nprofile",
        "nevent",
        "naddr",
        "ncryptsec",
    ] {
        let s = enc(hrp, &[]);
        let e = Entity::decode(&s).unwrap_err();
        assert!(
            matches!(e, Error::EmptyData { entity } if entity == hrp),
            "{hrp}: {e:?}"
        );
    }
    assert_eq!(
        Nprofile::from_bech32(&enc("nprofile", &[])),
        Err(Error::EmptyData { entity: "nprofile" })
    );
    // Bare payloads of the wrong length.
    assert_eq!(
        Npub::from_bech32(&enc("npub", &[1; 31])),
        Err(Error::InvalidLength {
            entity: "npub",
            field: "public key",
            expected: 32,
            got: 31
        })
    );
    assert_eq!(
        Entity::decode(&enc("note", &[1; 33])),
        Err(Error::InvalidLength {
            entity: "note",
            field: "event id",
            expected: 32,
            got: 33
        })
    );
    // Invalid secret scalars.
    assert_eq!(
        Nsec::from_bech32(&enc("nsec", &[0; 32])),
        Err(Error::InvalidSecretKey)
    );
    assert_eq!(
        Entity::decode(&enc("nsec", &[0xff; 32])),
        Err(Error::InvalidSecretKey)
    );
}

#[test]
fn tlv_rules() {
    let relay = b"wss://relay.example.com";
    // Unknown types are ignored (before, between and after known ones).
    let payload = tlv(&[(9, b"x"), (0, &PK), (200, &[]), (1, relay), (4, &[1, 2, 3])]);
    let p = Nprofile::from_bech32(&enc("nprofile", &payload)).unwrap();
    assert_eq!(p.public_key(), PublicKey::from_bytes(PK));
    assert_eq!(p.relays(), ["wss://relay.example.com"]);

    // Truncated: a lone type byte, a length past the end.
    let mut lone = tlv(&[(0, &PK)]);
    lone.push(1);
    assert_eq!(
        Nprofile::from_bech32(&enc("nprofile", &lone)),
        Err(Error::TruncatedTlv {
            entity: "nprofile",
            offset: 34
        })
    );
    let mut past = tlv(&[(0, &PK)]);
    past.extend_from_slice(&[1, 10, b'w']);
    for hrp in ["nprofile", "nevent", "naddr"] {
        let e = Entity::decode(&enc(hrp, &past)).unwrap_err();
        assert!(
            matches!(e, Error::TruncatedTlv { offset: 34, .. }),
            "{hrp}: {e:?}"
        );
    }

    // Required records missing.
    let only_relay = tlv(&[(1, relay)]);
    assert_eq!(
        Nprofile::from_bech32(&enc("nprofile", &only_relay)),
        Err(Error::MissingField {
            entity: "nprofile",
            field: "public key"
        })
    );
    assert_eq!(
        Nevent::from_bech32(&enc("nevent", &only_relay)),
        Err(Error::MissingField {
            entity: "nevent",
            field: "event id"
        })
    );
    let kind = 30023u32.to_be_bytes();
    for (records, field) in [
        (tlv(&[(2, &PK), (3, &kind)]), "identifier"),
        (tlv(&[(0, b"d"), (3, &kind)]), "author"),
        (tlv(&[(0, b"d"), (2, &PK)]), "kind"),
    ] {
        assert_eq!(
            Naddr::from_bech32(&enc("naddr", &records)),
            Err(Error::MissingField {
                entity: "naddr",
                field
            })
        );
    }

    // 32-byte fields of another length.
    assert_eq!(
        Nprofile::from_bech32(&enc("nprofile", &tlv(&[(0, &[1; 31])]))),
        Err(Error::InvalidLength {
            entity: "nprofile",
            field: "public key",
            expected: 32,
            got: 31
        })
    );
    assert_eq!(
        Nevent::from_bech32(&enc("nevent", &tlv(&[(0, &PK), (2, &[1; 33])]))),
        Err(Error::InvalidLength {
            entity: "nevent",
            field: "author",
            expected: 32,
            got: 33
        })
    );
    assert_eq!(
        Nevent::from_bech32(&enc("nevent", &tlv(&[(0, &PK), (3, &[0, 1])]))),
        Err(Error::InvalidLength {
            entity: "nevent",
            field: "kind",
            expected: 4,
            got: 2
        })
    );

    // Kind: full u32 read, > 65535 rejected rather than truncated.
    let big = 65_536u32 + 1;
    assert_eq!(
        Nevent::from_bech32(&enc("nevent", &tlv(&[(0, &PK), (3, &big.to_be_bytes())]))),
        Err(Error::KindOutOfRange {
            entity: "nevent",
            value: big
        })
    );
    assert_eq!(
        Naddr::from_bech32(&enc(
            "naddr",
            &tlv(&[(0, b""), (2, &PK), (3, &u32::MAX.to_be_bytes())])
        )),
        Err(Error::KindOutOfRange {
            entity: "naddr",
            value: u32::MAX
        })
    );
    let max = Nevent::from_bech32(&enc("nevent", &tlv(&[(0, &PK), (3, &[0, 0, 0xff, 0xff])])));
    assert_eq!(max.unwrap().kind(), Some(Kind::new(65535)));

    // First record of a single-valued type wins.
    let two = tlv(&[(0, &PK), (0, &[2; 32])]);
    assert_eq!(
        Nprofile::from_bech32(&enc("nprofile", &two))
            .unwrap()
            .public_key(),
        PublicKey::from_bytes(PK)
    );

    // naddr identifier must be UTF-8; empty is fine (replaceable events).
    assert_eq!(
        Naddr::from_bech32(&enc("naddr", &tlv(&[(0, &[0xff]), (2, &PK), (3, &kind)]))),
        Err(Error::InvalidUtf8 {
            entity: "naddr",
            field: "identifier"
        })
    );
    let empty_d = Naddr::from_bech32(&enc("naddr", &tlv(&[(0, b""), (2, &PK), (3, &kind)])));
    assert_eq!(empty_d.unwrap().coordinate().identifier, "");
}

#[test]
fn non_utf8_relays_are_skipped_in_every_entity() {
    let good: &[u8] = b"wss://a.example";
    let bad: &[u8] = &[b'w', 0xff, 0xfe];
    let kind = 1u32.to_be_bytes();
    let payloads = [
        ("nprofile", tlv(&[(0, &PK), (1, bad), (1, good), (1, bad)])),
        ("nevent", tlv(&[(0, &PK), (1, bad), (1, good), (1, bad)])),
        (
            "naddr",
            tlv(&[
                (0, b"d"),
                (1, bad),
                (1, good),
                (1, bad),
                (2, &PK),
                (3, &kind),
            ]),
        ),
    ];
    for (hrp, payload) in payloads {
        let entity = Entity::decode(&enc(hrp, &payload)).unwrap();
        let relays = match &entity {
            Entity::Nprofile(p) => p.relays().to_vec(),
            Entity::Nevent(e) => e.relays().to_vec(),
            Entity::Naddr(a) => a.relays().to_vec(),
            other => panic!("{other:?}"),
        };
        assert_eq!(relays, ["wss://a.example"], "{hrp}");
    }
}

#[test]
fn encode_limits() {
    let pk = PublicKey::from_bytes(PK);
    // A relay or identifier over 255 bytes cannot be written in one TLV record.
    let long = "x".repeat(256);
    assert_eq!(
        Nprofile::new(pk, ["wss://ok", long.as_str()]),
        Err(Error::RelayTooLong { index: 1, len: 256 })
    );
    assert_eq!(
        Nevent::new(EventId::from_bytes(PK), [long.as_str()], None, None),
        Err(Error::RelayTooLong { index: 0, len: 256 })
    );
    assert_eq!(
        Naddr::new(
            Coordinate::new(Kind::new(30023), pk, long.clone()),
            ["wss://ok"]
        ),
        Err(Error::IdentifierTooLong { len: 256 })
    );
    assert_eq!(
        Naddr::try_from(Coordinate::new(Kind::new(30023), pk, long)),
        Err(Error::IdentifierTooLong { len: 256 })
    );
    let max = "x".repeat(255);
    assert!(Naddr::new(Coordinate::new(Kind::new(30023), pk, max.clone()), [max]).is_ok());

    // An nprofile with 20 long relay URLs round-trips (well over 1023 characters).
    let relays: Vec<String> = (0..20)
        .map(|i| format!("wss://{}.example.com/{i}", "relay".repeat(20)))
        .collect();
    let p = Nprofile::new(pk, relays.clone()).unwrap();
    let s = p.to_string();
    assert!(s.len() > 3000, "{}", s.len());
    assert_eq!(
        Nprofile::from_bech32(&s).unwrap().relays(),
        relays.as_slice()
    );

    // Up to exactly MAX_LEN characters; one more is refused when building.
    // nprofile: 9 + ceil(8 * payload / 5) + 6 <= 5000 -> payload <= 3115 bytes.
    let mut relays: Vec<String> = vec!["r".repeat(255); 11]; // 11 * 257 = 2827
    relays.push("r".repeat(3115 - 34 - 2827 - 2)); // fill to 3115
    let p = Nprofile::new(pk, relays.clone()).unwrap();
    let s = p.to_string();
    assert!(s.len() <= MAX_LEN && s.len() > MAX_LEN - 2, "{}", s.len());
    assert_eq!(Nprofile::from_bech32(&s).unwrap(), p);
    relays.last_mut().unwrap().push_str("rr");
    assert!(matches!(
        Nprofile::new(pk, relays),
        Err(Error::EncodedTooLong { .. })
    ));
    assert_eq!(
        Ncryptsec::new(vec![]),
        Err(Error::EmptyData {
            entity: "ncryptsec"
        })
    );
}

#[test]
fn nip21_uris() {
    let uri = NostrUri::parse(&format!("nostr:{NPUB}")).unwrap();
    assert_eq!(uri.to_string(), format!("nostr:{NPUB}"));
    // Scheme case-insensitive, entity may be uppercase.
    let upper = format!("NOSTR:{}", NPUB.to_ascii_uppercase());
    assert_eq!(NostrUri::parse(&upper).unwrap(), uri);
    // nsec and ncryptsec refused, whatever the payload.
    assert_eq!(
        NostrUri::parse(&format!("nostr:{NSEC}")),
        Err(Error::SecretInUri { prefix: "nsec" })
    );
    assert_eq!(
        NostrUri::parse("nostr:NSEC1garbage"),
        Err(Error::SecretInUri { prefix: "nsec" })
    );
    let blob = Ncryptsec::new(vec![1; 91]).unwrap();
    assert_eq!(
        NostrUri::parse(&format!("nostr:{blob}")),
        Err(Error::SecretInUri {
            prefix: "ncryptsec"
        })
    );
    assert_eq!(
        NostrUri::try_from(Entity::Nsec(Nsec::from_bech32(NSEC).unwrap())),
        Err(Error::SecretInUri { prefix: "nsec" })
    );
    // Missing scheme, bad entity.
    assert_eq!(NostrUri::parse(NPUB), Err(Error::NotNostrUri));
    assert_eq!(NostrUri::parse("nost"), Err(Error::NotNostrUri));
    assert_eq!(NostrUri::parse("nostr:"), Err(Error::MissingSeparator));
}

#[test]
fn scanner() {
    let note = Note(EventId::from_bytes([3; 32]));
    let text = format!(
        "hi nostr:{NPUB}, see (nostr:{note}). xnostr:{NPUB} nostr:{NSEC} \
         Nostr:{} nostr:nope nostr: nostr:{NPUB}x é nostr:{NPUB}",
        note.to_string().to_ascii_uppercase()
    );
    let found: Vec<_> = find_uris(&text).collect();
    let texts: Vec<&str> = found.iter().map(|m| &text[m.range.clone()]).collect();
    assert_eq!(
        texts,
        [
            format!("nostr:{NPUB}"),
            format!("nostr:{note}"),
            format!("Nostr:{}", note.to_string().to_ascii_uppercase()),
            format!("nostr:{NPUB}"),
        ]
    );
    assert_eq!(found[3].range.end, text.len());
    assert!(matches!(found[1].uri.entity(), Entity::Note(n) if *n == note));
    assert_eq!(find_uris("").count(), 0);
    assert_eq!(find_uris(":::nostr:").count(), 0);
}

#[test]
fn secrets_are_redacted() {
    let nsec = Nsec::from_bech32(NSEC).unwrap();
    let entity = Entity::decode(NSEC).unwrap();
    for dbg in [format!("{nsec:?}"), format!("{entity:?}")] {
        assert!(!dbg.contains("67dea2ed"), "{dbg}");
        assert!(!dbg.contains(NSEC), "{dbg}");
        assert!(dbg.contains("redacted"), "{dbg}");
    }
    assert!(entity.is_secret());
    assert_eq!(nsec.to_bech32().as_str(), NSEC);
}
