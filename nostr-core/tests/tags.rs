#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The packed tag storage: whatever the items (including text that looks like the
//! separators the packing writes, `","` and `"],["`, and characters that need
//! escaping), reading gives back exactly what was stored, every way of building the
//! same list compares and hashes equal, and the canonical serialization matches an
//! independent serializer (serde_json, whose string escaping is NIP-01's).

use core::hash::{Hash, Hasher};
use nostr_core::{Event, EventBuilder, Keys, Kind, RawEvent, Tag, Tags, Timestamp};
use proptest::prelude::*;
use std::collections::hash_map::DefaultHasher;

fn any_item() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9:/.]{0,12}",
        Just(String::from("\",\"")),
        Just(String::from("\"],[\"")),
        Just(String::new()),
        ".{0,20}",
        proptest::collection::vec(any::<char>(), 0..12).prop_map(|v| v.into_iter().collect()),
        proptest::collection::vec(0u8..0x80, 0..12)
            .prop_map(|v| v.into_iter().map(char::from).collect()),
    ]
}

fn any_tags() -> impl Strategy<Value = Vec<Vec<String>>> {
    proptest::collection::vec(proptest::collection::vec(any_item(), 1..6), 0..8)
}

fn build(items: &[Vec<String>]) -> Tags {
    items.iter().map(|t| Tag::from_items(t).unwrap()).collect()
}

fn hash_of<T: Hash>(v: &T) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

fn keys() -> Keys {
    Keys::from_hex(&"07".repeat(32)).unwrap()
}

proptest! {
    #[test]
    fn reading_gives_back_the_items(items in any_tags()) {
        let tags = build(&items);
        prop_assert_eq!(tags.len(), items.len());
        prop_assert_eq!(tags.iter().len(), items.len());
        let back: Vec<Vec<String>> = tags.iter().map(|t| t.to_vec()).collect();
        prop_assert_eq!(&back, &items);
        for (i, want) in items.iter().enumerate() {
            let tag = tags.get(i).unwrap();
            prop_assert_eq!(tag.len(), want.len());
            prop_assert_eq!(tag.name(), want[0].as_str());
            prop_assert_eq!(tag.value(), want.get(1).map(String::as_str));
            for (j, item) in want.iter().enumerate() {
                prop_assert_eq!(tag.get(j), Some(item.as_str()));
            }
            prop_assert_eq!(tag.get(want.len()), None);
            prop_assert_eq!(tag, want.clone());
        }
        prop_assert!(tags.get(items.len()).is_none());
        prop_assert_eq!(tags.last().map(|t| t.to_vec()), items.last().cloned());
    }

    #[test]
    fn every_way_of_building_is_equal(items in any_tags()) {
        let pushed = build(&items);
        let from_refs: Tags = pushed.iter().collect();
        let from_owned: Tags = pushed.to_vec().into_iter().collect();
        let mut extended = Tags::new();
        extended.extend(pushed.iter().map(|t| t.to_tag()));
        let split = items.len() / 2;
        let mut appended = build(&items[..split]);
        appended.append(&build(&items[split..]));
        let listed = EventBuilder::new(Kind::TEXT_NOTE, "")
            .tag_list(build(&items[..split]))
            .tag_list(build(&items[split..]))
            .build(keys().public_key(), Timestamp::from_secs(1));
        let built = EventBuilder::new(Kind::TEXT_NOTE, "")
            .tags(pushed.iter())
            .sign_at_with_aux(&keys(), Timestamp::from_secs(1), &[1; 32]);
        let parsed = Event::from_json(&built.to_json()).unwrap();
        for other in [&from_refs, &from_owned, &extended, &appended, &listed.tags, &built.tags, &parsed.tags] {
            prop_assert_eq!(other, &pushed);
            prop_assert_eq!(hash_of(other), hash_of(&pushed));
        }
        // Tag order is item order, like Vec<Vec<String>>.
        let mut sorted_tags = pushed.to_vec();
        sorted_tags.sort();
        let mut sorted_items = items.clone();
        sorted_items.sort();
        let sorted_back: Vec<Vec<String>> = sorted_tags.iter().map(Tag::to_vec).collect();
        prop_assert_eq!(sorted_back, sorted_items);
    }

    #[test]
    fn canonical_json_matches_serde_json(items in any_tags(), content in ".{0,30}") {
        let unsigned = EventBuilder::new(Kind::TEXT_NOTE, content.clone())
            .tags(items.iter().map(|t| Tag::from_items(t).unwrap()))
            .build(keys().public_key(), Timestamp::from_secs(5));
        let expected = serde_json::to_string(&serde_json::json!(
            [0, keys().public_key().to_hex(), 5, 1, items, content]
        )).unwrap();
        prop_assert_eq!(unsigned.canonical_json(), expected);
        let event = unsigned.sign_with_aux(&keys(), &[2; 32]).unwrap();
        event.verify().unwrap();
        let wire: serde_json::Value = serde_json::from_str(&event.to_json()).unwrap();
        prop_assert_eq!(&wire["tags"], &serde_json::json!(items));
    }

    #[test]
    fn raw_event_id_whatever_the_tags_layout(items in any_tags()) {
        // Compact canonical tags are hashed in one piece; pretty-printed ones and
        // ones with `\/` escapes must take the re-escaping path and agree.
        let event = EventBuilder::new(Kind::TEXT_NOTE, "x")
            .tags(items.iter().map(|t| Tag::from_items(t).unwrap()))
            .sign_at_with_aux(&keys(), Timestamp::from_secs(3), &[4; 32]);
        let json = event.to_json();
        let compact = serde_json::to_string(&items).unwrap();
        let layouts = [
            compact.clone(),
            serde_json::to_string_pretty(&items).unwrap(),
            compact.replace('/', "\\/"),
            format!(" {compact}"),
        ];
        for layout in layouts {
            let wire = json.replacen(&format!("\"tags\":{compact}"), &format!("\"tags\":{layout}"), 1);
            let raw = RawEvent::from_json(&wire).unwrap();
            prop_assert_eq!(raw.compute_id(), event.id);
            prop_assert!(raw.verify().is_ok());
        }
    }

    #[test]
    fn retain_keeps_the_chosen_tags_in_order(items in any_tags(), keep in any::<u8>()) {
        let mut tags = build(&items);
        let mut i = 0;
        tags.retain(|_| { i += 1; keep & (1 << ((i - 1) % 8)) != 0 });
        let want: Vec<Vec<String>> = items
            .iter()
            .enumerate()
            .filter(|(i, _)| keep & (1 << (i % 8)) != 0)
            .map(|(_, t)| t.clone())
            .collect();
        prop_assert_eq!(&tags, &build(&want));
    }
}

#[test]
fn tag_readers_and_comparisons() {
    let tag = Tag::new("e", ["abc", "", "root"]);
    assert_eq!(tag.len(), 4);
    assert_eq!(tag, ["e", "abc", "", "root"]);
    assert_eq!(tag.view(), ["e", "abc", "", "root"]);
    assert_eq!(tag.iter().count(), 4);
    assert_eq!(format!("{tag:?}"), r#"["e", "abc", "", "root"]"#);
    let tags = Tags::from([tag.clone(), Tag::hashtag("x")]);
    assert_eq!(
        format!("{tags:?}"),
        r#"[["e", "abc", "", "root"], ["t", "x"]]"#
    );
    assert_eq!(tags.find("t").unwrap(), Tag::hashtag("x"));
    assert_eq!(tags.filter("e").count(), 1);
    assert!(Tag::from_items(Vec::<String>::new()).is_err());
    let mut grown = Tag::new("relays", ["wss://a"]);
    grown.push("wss://b");
    assert_eq!(grown, ["relays", "wss://a", "wss://b"]);
}

#[test]
fn mined_nonce_rewrites_only_the_last_tag() {
    // The NIP-13 miner rewrites the nonce in place in the packed text; the result
    // must equal the same tags built from scratch, and verify.
    let unsigned = EventBuilder::new(Kind::TEXT_NOTE, "pow")
        .tag(Tag::hashtag("a\"b"))
        .tag(Tag::new("nonce", ["999", "1"]))
        .build(keys().public_key(), Timestamp::from_secs(9));
    let mined = nostr_core::nip13::mine(unsigned, 8);
    let nonce = mined.tags.find("nonce").unwrap();
    let value = nonce.value().unwrap().to_owned();
    assert_eq!(nonce, ["nonce", value.as_str(), "8"]);
    let rebuilt = Tags::from([
        Tag::hashtag("a\"b"),
        Tag::new("nonce", [value.as_str(), "8"]),
    ]);
    assert_eq!(mined.tags, rebuilt);
    assert!(nostr_core::nip13::difficulty(&mined.id()) >= 8);
    mined
        .sign_with_aux(&keys(), &[3; 32])
        .unwrap()
        .verify()
        .unwrap();
}
