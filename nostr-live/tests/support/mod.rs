//! Shared test helpers: fixtures as the apps write them, signed with a fixed key.
#![allow(dead_code, unreachable_pub)]

use nostr_core::{Event, EventBuilder, Keys, Kind, Tag, Timestamp};

/// The key that signs every fixture (a zap.stream-like service, or a room host).
pub fn author() -> Keys {
    Keys::from_hex("0000000000000000000000000000000000000000000000000000000000000003").unwrap()
}

pub fn data_path(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub fn read_data(name: &str) -> String {
    std::fs::read_to_string(data_path(name)).unwrap()
}

/// A fixture `{kind, tags, content}` signed by [`author`] at 1_761_337_260.
pub fn fixture(name: &str) -> Event {
    let text = read_data(&format!("fixtures/{name}"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let kind = Kind::new(u16::try_from(v["kind"].as_u64().unwrap()).unwrap());
    let tags = v["tags"].as_array().unwrap().iter().map(|t| {
        let items: Vec<String> = t
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        Tag::from_vec(items).unwrap()
    });
    EventBuilder::new(kind, v["content"].as_str().unwrap())
        .tags(tags)
        .sign_at_with_aux(&author(), Timestamp::from_secs(1_761_337_260), &[7; 32])
}

/// Every ```json block of a markdown file that is a whole signed event.
pub fn json_events(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("```json") {
        let body = &rest[start + 7..];
        let end = body.find("```").expect("closed code block");
        let block = body[..end].trim();
        if block.starts_with('{') && block.contains("\"sig\"") && block.contains("\"pubkey\"") {
            out.push(block.to_string());
        }
        rest = &body[end + 3..];
    }
    out
}

/// Tags as sorted lists of strings (order-insensitive comparison).
pub fn tag_multiset(tags: &nostr_core::Tags) -> Vec<Vec<String>> {
    let mut v: Vec<Vec<String>> = tags.iter().map(|t| t.to_vec()).collect();
    v.sort();
    v
}
