//! Any-entity NIP-19 decoder: never panics; what decodes re-encodes and decodes to
//! the same value, and the typed decoders agree with the any-entity one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_nip19::{Entity, MAX_LEN, Naddr, Nevent, Note, Nprofile, Npub};

fn do_test(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let Ok(entity) = Entity::decode(text) else {
        return;
    };
    let encoded = entity.to_string();
    assert_eq!(encoded, entity.to_bech32());
    assert!(encoded.len() <= MAX_LEN);
    let again = Entity::decode(&encoded).expect("re-decode");
    assert_eq!(again, entity);
    // Lowercase input without ignored records encodes back to itself for bare ones.
    match &entity {
        Entity::Npub(n) => assert_eq!(Npub::from_bech32(text).ok().as_ref(), Some(n)),
        Entity::Note(n) => assert_eq!(Note::from_bech32(text).ok().as_ref(), Some(n)),
        Entity::Nprofile(n) => assert_eq!(Nprofile::from_bech32(text).ok().as_ref(), Some(n)),
        Entity::Nevent(n) => assert_eq!(Nevent::from_bech32(text).ok().as_ref(), Some(n)),
        Entity::Naddr(n) => assert_eq!(Naddr::from_bech32(text).ok().as_ref(), Some(n)),
        _ => {}
    }
    if matches!(entity, Entity::Npub(_) | Entity::Note(_) | Entity::Nsec(_)) {
        assert_eq!(encoded, text.to_ascii_lowercase());
    }
}

fuzz_target!(|data: &[u8]| do_test(data));
