#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]
//! NIP-94 and NIP-92 read from the spec texts (copied byte-identical into tests/data):
//! a NIP-5E segment keeps every NIP-94 file tag, and a variant reads NIP-92 `imeta`
//! entries as written.

mod support;

use nostr_core::{EventId, Tag, Tags};
use nostr_live::{Segment, Variant};
use support::{read_data, tag_multiset};

/// The tag names of NIP-94's event template (`["url",<string ...>]`, ...), in order.
fn nip94_template_tags(md: &str) -> Vec<String> {
    let start = md.find("```yaml").expect("NIP-94 has its template block");
    let block = &md[start..start + md[start + 7..].find("```").unwrap() + 7];
    block
        .lines()
        .filter_map(|l| l.trim().strip_prefix("[\""))
        .map(|l| l.split('"').next().unwrap().to_string())
        .collect()
}

/// The tag names in NIP-94's bulleted list (`* `url` the url ...`).
fn nip94_listed_tags(md: &str) -> Vec<String> {
    md.lines()
        .filter_map(|l| l.strip_prefix("* `"))
        .map(|l| l.split('`').next().unwrap().to_string())
        .collect()
}

#[test]
fn segment_keeps_every_nip94_tag() {
    let md = read_data("NIP-94.md");
    let template = nip94_template_tags(&md);
    assert_eq!(
        template,
        [
            "url", "m", "x", "ox", "size", "dim", "magnet", "i", "blurhash", "thumb", "image",
            "summary", "alt"
        ]
    );
    let listed = nip94_listed_tags(&md);
    for name in &template {
        assert!(listed.contains(name), "{name} is in the list too");
    }
    assert!(listed.contains(&"fallback".to_string()) && listed.contains(&"service".to_string()));

    // A NIP-5E segment carrying one of each NIP-94 tag, with values of the right shape.
    let hash = "ab".repeat(32);
    let value = |name: &str| -> Vec<String> {
        match name {
            "url" => vec!["https://cdn.example.com/7.ts".into()],
            "m" => vec!["video/mp2t".into()],
            "x" | "ox" => vec![hash.clone()],
            "size" => vec!["1048576".into()],
            "dim" => vec!["1280x720".into()],
            "magnet" => vec!["magnet:?xt=urn:btih:abc".into()],
            "i" => vec!["abc".into()],
            "blurhash" => vec!["eVF$^OI:${M{o#*0-nNFxakD-?xVM}".into()],
            "thumb" | "image" => vec!["https://cdn.example.com/7.jpg".into(), hash.clone()],
            "summary" => vec!["seven".into()],
            "alt" => vec!["segment 7 of the 720p variant".into()],
            "fallback" => vec!["https://mirror.example.com/7.ts".into()],
            "service" => vec!["blossom".into()],
            other => panic!("NIP-94 lists a tag this test does not know: {other}"),
        }
    };
    let mut tags = vec![
        Tag::new("d", ["720p"]),
        Tag::new("e", [EventId::from_bytes([1; 32]).to_hex()]),
        Tag::new("index", ["7"]),
        Tag::new("duration", ["2.000"]),
    ];
    for name in &listed {
        tags.push(Tag::new(name, value(name)));
    }
    let tags = Tags::from(tags);
    let segment = Segment::from_tags(&tags, "").unwrap();
    assert_eq!(segment.urls, ["https://cdn.example.com/7.ts"]);
    assert_eq!(segment.fallbacks, ["https://mirror.example.com/7.ts"]);
    assert_eq!(segment.x, Some([0xab; 32]));
    assert_eq!(segment.mime.as_deref(), Some("video/mp2t"));
    assert_eq!(segment.dim.as_deref(), Some("1280x720"));
    assert_eq!(segment.size, Some(1_048_576));
    assert_eq!(segment.service.as_deref(), Some("blossom"));
    // The tags a segment has no field for are kept whole, in order.
    let kept: Vec<&str> = segment.other_tags.iter().map(Tag::name).collect();
    assert_eq!(
        kept,
        [
            "ox", "magnet", "i", "blurhash", "thumb", "image", "summary", "alt"
        ]
    );
    assert_eq!(
        segment.other_tags[4].to_vec(),
        ["thumb", "https://cdn.example.com/7.jpg", hash.as_str()]
    );
    // Nothing is lost on the way back out.
    assert_eq!(tag_multiset(&segment.to_tags()), tag_multiset(&tags));
}

#[test]
fn variant_reads_nip92_imeta_entries_as_written() {
    let md = read_data("NIP-92.md");
    let start = md.find("```json").unwrap() + 7;
    let block = &md[start..start + md[start..].find("```").unwrap()];
    let example: serde_json::Value = serde_json::from_str(block).unwrap();
    let imeta: Vec<String> = example["tags"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert_eq!(imeta[0], "imeta");
    assert_eq!(imeta.len(), 9, "imeta plus eight entries");

    // NIP-5E variants use the same "key value" entries, plus a `d` id.
    let mut items = vec!["variant".to_string(), "d original".to_string()];
    items.extend(imeta[1..].iter().cloned());
    let tag = Tag::from_vec(items.clone()).unwrap();
    let variant = Variant::from_tag(tag.view(), 0).unwrap();
    assert_eq!(variant.id(), "original");
    assert_eq!(variant.mime(), Some("image/jpeg"));
    assert_eq!(variant.dim(), Some((3024, 4032)));
    // Split at the first space only: values keep their spaces and punctuation.
    assert_eq!(
        variant.get("alt"),
        Some("A scenic photo overlooking the coast of Costa Rica")
    );
    assert_eq!(
        variant.get("blurhash"),
        Some("eVF$^OI:${M{o#*0-nNFxakD-?xVM}WEWB%iNKxvR-oetmo#R-aen$")
    );
    assert_eq!(
        variant.get("x"),
        Some("<sha256 hash as specified in NIP 94>")
    );
    // Repeated keys (two fallbacks) are all kept, in order, and written back as read.
    let fallbacks: Vec<&str> = variant
        .entries
        .iter()
        .filter(|(k, _)| k == "fallback")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(
        fallbacks,
        [
            "https://nostrcheck.me/alt1.jpg",
            "https://void.cat/alt1.jpg"
        ]
    );
    assert_eq!(variant.to_tag().to_vec(), items);
}
