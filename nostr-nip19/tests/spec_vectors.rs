//! Every example in NIP-19.md and NIP-21.md (copied byte-identical into tests/data/),
//! extracted at test time and counted so an empty or renamed section fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use nostr_nip19::{Entity, NostrUri, Nprofile, Npub, Nsec, find_uris};

const NIP19: &str = include_str!("data/NIP-19.md");
const NIP21: &str = include_str!("data/NIP-21.md");

/// The `code spans` of a line.
fn code_spans(line: &str) -> Vec<&str> {
    line.split('`').skip(1).step_by(2).collect()
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn nip19_bare_examples() {
    let mut count = 0;
    for line in NIP19.lines() {
        let spans = code_spans(line);
        let hex = spans.iter().find(|s| is_hex64(s));
        let bech = spans
            .iter()
            .find(|s| s.starts_with("npub1") || s.starts_with("nsec1"));
        let (Some(hex), Some(bech)) = (hex, bech) else {
            continue;
        };
        if bech.starts_with("npub1") {
            let npub = Npub::from_bech32(bech).unwrap();
            assert_eq!(npub.public_key().to_hex(), *hex, "{line}");
            // "and vice-versa"
            assert_eq!(
                Npub(nostr_core::PublicKey::from_hex(hex).unwrap()).to_string(),
                *bech
            );
        } else {
            let nsec = Nsec::from_bech32(bech).unwrap();
            assert_eq!(nsec.secret_key().to_secret_hex().as_str(), *hex, "{line}");
            let back = Nsec::new(nostr_core::SecretKey::from_hex(hex).unwrap());
            assert_eq!(back.to_bech32().as_str(), *bech);
            assert_eq!(back.to_string(), *bech);
        }
        assert!(matches!(
            Entity::decode(bech).unwrap(),
            Entity::Npub(_) | Entity::Nsec(_)
        ));
        count += 1;
    }
    // "Bare keys and ids" example + the npub and nsec examples.
    assert_eq!(count, 3, "bare examples found in NIP-19.md");
}

#[test]
fn nip19_nprofile_example() {
    let mut count = 0;
    let mut lines = NIP19.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(text) = code_spans(line)
            .into_iter()
            .find(|s| s.starts_with("nprofile1"))
        else {
            continue;
        };
        let mut pubkey = None;
        let mut relays = Vec::new();
        while let Some(item) = lines.next_if(|l| l.starts_with("  - ")) {
            let value = code_spans(item)[0];
            if item.contains("pubkey:") {
                pubkey = Some(value);
            } else if item.contains("relay:") {
                relays.push(value);
            }
        }
        let profile = Nprofile::from_bech32(text).unwrap();
        assert_eq!(profile.public_key().to_hex(), pubkey.unwrap());
        assert_eq!(profile.relays(), relays.as_slice());
        assert_eq!(relays.len(), 2);
        assert_eq!(profile.to_string(), text);
        count += 1;
    }
    assert_eq!(count, 1, "nprofile examples found in NIP-19.md");
}

/// Every `nostr:` URI in the text, found with plain string search (independent of
/// the scanner under test).
fn uris_in(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("nostr:") {
        let tail = &rest[i + 6..];
        let n = tail
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if n > 0 {
            out.push(&rest[i..i + 6 + n]);
        }
        rest = &tail[n..];
    }
    out
}

#[test]
fn nip21_examples() {
    let uris = uris_in(NIP21);
    // Three list examples and two in `<link>` tags.
    assert_eq!(uris.len(), 5, "nostr: URIs found in NIP-21.md: {uris:?}");
    let mut kinds = Vec::new();
    for text in &uris {
        let uri = NostrUri::parse(text).unwrap();
        // No unknown records and canonical order in these examples, except the last
        // nprofile which lists relays before the key: compare decoded values then.
        let again = NostrUri::parse(&uri.to_string()).unwrap();
        assert_eq!(again, uri);
        kinds.push(uri.entity().prefix());
    }
    assert_eq!(kinds, ["npub", "nprofile", "nevent", "naddr", "nprofile"]);

    // The scanner finds the same URIs at the right places.
    let found: Vec<_> = find_uris(NIP21).collect();
    assert_eq!(found.len(), uris.len());
    for (m, text) in found.iter().zip(&uris) {
        assert_eq!(&NIP21[m.range.clone()], *text);
    }
}

#[test]
fn nip21_values() {
    // The NIP-19 nprofile example reappears in NIP-21 and must decode the same way.
    let uris = uris_in(NIP21);
    let Entity::Nprofile(p) = NostrUri::parse(uris[1]).unwrap().into_entity() else {
        panic!("not an nprofile");
    };
    assert_eq!(
        p.public_key().to_hex(),
        "3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d"
    );
    // The `rel="me"` nprofile names the same key (relays first, key last).
    let Entity::Nprofile(p2) = NostrUri::parse(uris[4]).unwrap().into_entity() else {
        panic!("not an nprofile");
    };
    assert_eq!(p2.public_key(), p.public_key());
    assert_eq!(p2.relays().len(), 2);
    // The naddr in the `<link rel="alternate">` example is a long-form article.
    let Entity::Naddr(a) = NostrUri::parse(uris[3]).unwrap().into_entity() else {
        panic!("not an naddr");
    };
    assert_eq!(a.coordinate().kind, nostr_core::Kind::new(30023));
    assert_eq!(a.coordinate().pubkey, p.public_key());
}
