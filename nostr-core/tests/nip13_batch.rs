#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! NIP-13 difficulty, commitment and mining; batch verification.

use nostr_core::{
    Event, EventBuilder, EventId, Keys, Kind, Tag, Tags, Timestamp, nip13, verify_batch,
};

#[test]
fn difficulty_counts_leading_zero_bits() {
    let mut bytes = [0xff; 32];
    assert_eq!(nip13::difficulty(&EventId::from_bytes(bytes)), 0);
    bytes[0] = 0;
    bytes[1] = 0x0f;
    assert_eq!(nip13::difficulty(&EventId::from_bytes(bytes)), 12);
    assert_eq!(nip13::difficulty(&EventId::from_bytes([0; 32])), 256);
    // The NIP-13 example id (its nonce tag commits to 20) has exactly 21 leading zero bits.
    let spec =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/NIP-13.md"))
            .unwrap();
    assert!(spec.contains("000006d8c378af1779d2feebc7603a125d99eca0ccf1085959b307f64e5dd358"));
    let id = EventId::from_hex("000006d8c378af1779d2feebc7603a125d99eca0ccf1085959b307f64e5dd358")
        .unwrap();
    assert_eq!(nip13::difficulty(&id), 21);
}

#[test]
fn commitment() {
    let tags = Tags::from(vec![Tag::new("nonce", ["776797", "20"])]);
    assert_eq!(nip13::committed_target(&tags), Some(20));
    let id = EventId::from_bytes([0; 32]);
    assert!(nip13::meets(&id, &tags, 20, true));
    assert!(
        !nip13::meets(&id, &tags, 21, true),
        "committed 20 < required 21"
    );
    assert!(nip13::meets(&id, &tags, 21, false));
    assert!(!nip13::meets(&id, &Tags::new(), 1, true));
    // The target is plain decimal; one above 255 commits to at least any u8 minimum.
    let target = |t: &str| nip13::committed_target(&Tags::from(vec![Tag::new("nonce", ["1", t])]));
    assert_eq!(target("+20"), None);
    assert_eq!(target(" 20"), None);
    assert_eq!(target(""), None);
    assert_eq!(target("0"), Some(0));
    assert_eq!(target("256"), Some(255));
}

#[test]
fn mining_sequential_and_parallel() {
    let keys = Keys::generate();
    let base = EventBuilder::new(Kind::TEXT_NOTE, "pow")
        .tag(Tag::new("nonce", ["1", "1"]))
        .build(keys.public_key(), Timestamp::from_secs(1));
    let mined = nip13::mine(base.clone(), 10);
    assert!(nip13::difficulty(&mined.id()) >= 10);
    assert_eq!(
        mined.tags.filter("nonce").count(),
        1,
        "old nonce tag replaced"
    );
    let signed = mined.sign(&keys).unwrap();
    signed.verify().unwrap();
    #[cfg(feature = "parallel")]
    {
        let mined = nip13::mine_parallel(base, 12);
        assert!(nip13::difficulty(&mined.id()) >= 12);
        assert_eq!(nip13::committed_target(&mined.tags), Some(12));
    }
}

#[test]
fn batch_reports_each_event() {
    let keys = Keys::generate();
    let mut events: Vec<Event> = (0..64)
        .map(|i| EventBuilder::new(Kind::TEXT_NOTE, format!("{i}")).sign(&keys))
        .collect();
    events[5].content.push('x');
    events[9].sig = nostr_core::Signature::from_bytes([1; 64]);
    let results = verify_batch(&events);
    assert_eq!(results.len(), 64);
    for (i, r) in results.iter().enumerate() {
        assert_eq!(r.is_ok(), i != 5 && i != 9, "event {i}");
    }
    assert!(matches!(
        results[5],
        Err(nostr_core::Error::IdMismatch { .. })
    ));
    assert!(matches!(
        results[9],
        Err(nostr_core::Error::InvalidSignature)
    ));
}
