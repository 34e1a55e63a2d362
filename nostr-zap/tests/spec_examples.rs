//! The example events of NIP-57 and NIP-75, read from byte-identical copies of the specs
//! in `tests/data/` and counted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use nostr_core::{Event, EventBuilder, Keys, Kind, PublicKey, Tag, Timestamp};
use nostr_zap::bolt11::{Invoice, Network};
use nostr_zap::split::{split_amount, zap_splits};
use nostr_zap::{ZapGoal, ZapRequest, description_hash};

const NIP57: &str = include_str!("data/NIP-57.md");
const NIP75: &str = include_str!("data/NIP-75.md");

/// The fenced code blocks of a given language, in order.
fn blocks<'a>(md: &'a str, lang: &str) -> Vec<&'a str> {
    let fence = format!("```{lang}\n");
    md.split(fence.as_str())
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect()
}

/// The JSON array on the line of a tag inside a (not necessarily valid JSON) example.
fn tag_line(block: &str, name: &str) -> Vec<String> {
    let prefix = format!("[\"{name}\",");
    let line = block
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {name} tag"));
    let line = line.trim_end_matches(',');
    serde_json::from_str(line).unwrap()
}

#[test]
fn appendix_a_zap_request() {
    let json = blocks(NIP57, "json");
    assert_eq!(
        json.len(),
        2,
        "NIP-57 has two JSON examples (request, receipt)"
    );
    let event = Event::from_json(json[0]).unwrap();
    assert_eq!(event.kind, Kind::ZAP_REQUEST);
    assert_eq!(event.tags.first_value("amount"), Some("21000"));
    // The example is illustrative: its id is not the hash of its fields, so the
    // Appendix D signature rule (rule 1) rejects it as it stands.
    assert!(event.verify_id().is_err());
    assert!(matches!(
        ZapRequest::from_json(json[0], 21_000),
        Err(nostr_zap::Error::Request(
            nostr_zap::RequestError::InvalidSignature(_)
        ))
    ));
    // Signed for real, the same content passes every rule.
    let keys = Keys::new(nostr_core::SecretKey::from_bytes([8; 32]).unwrap());
    let signed = EventBuilder::new(event.kind, event.content.clone())
        .tags(event.tags.clone())
        .sign_at_with_aux(&keys, event.created_at, &[0; 32]);
    let r = ZapRequest::from_json(&signed.to_json(), 21_000).unwrap();
    assert_eq!(
        r.recipient.to_hex(),
        "04c915daefee38317fa734444acee390a8269fe5810b2241e5e6dd343dfbecc9"
    );
    assert_eq!(r.relays.len(), 2);
    assert_eq!(r.target_kind, Some(Kind::TEXT_NOTE));
    assert_eq!(r.comment(), "Zap!");
    assert!(ZapRequest::from_json(&signed.to_json(), 21_001).is_err());
}

#[test]
fn appendix_e_zap_receipt() {
    let receipt = blocks(NIP57, "json")[1];
    let bolt11 = tag_line(receipt, "bolt11");
    let description = tag_line(receipt, "description");
    let preimage = tag_line(receipt, "preimage");
    let p = tag_line(receipt, "p");
    let big_p = tag_line(receipt, "P");
    let e = tag_line(receipt, "e");

    let invoice = Invoice::decode(&bolt11[1]).unwrap();
    assert_eq!(invoice.network, Network::Bitcoin);
    assert_eq!(invoice.amount_msat, Some(1_000_000)); // 10u
    // The example's preimage hashes to the invoice's payment hash.
    let pre = nostr_core::hex::decode_array::<32>(&preimage[1]).unwrap();
    use sha2::Digest;
    assert_eq!(
        <[u8; 32]>::from(sha2::Sha256::digest(pre)),
        invoice.payment_hash
    );
    // The description is a valid zap request whose author is the receipt's P and
    // whose p / e are the receipt's.
    let request = Event::from_json(&description[1]).unwrap();
    assert_eq!(request.pubkey.to_hex(), big_p[1]);
    assert_eq!(request.tags.first_value("p"), Some(p[1].as_str()));
    assert_eq!(request.tags.first_value("e"), Some(e[1].as_str()));
    // Like Appendix A's, the embedded example request has an id that is not the hash
    // of its fields: a client validating this receipt must reject it.
    assert!(matches!(
        ZapRequest::from_event(request, None),
        Err(nostr_zap::Error::Request(
            nostr_zap::RequestError::InvalidSignature(nostr_core::Error::IdMismatch { .. })
        ))
    ));
    // The example's description is a re-serialized request (keys in another order):
    // its hash is not the invoice's, the case ZapWarning::DescriptionHashMismatch reports.
    assert_ne!(
        invoice.description_hash(),
        Some(&description_hash(&description[1]))
    );
}

#[test]
fn appendix_g_zap_splits() {
    let yaml = blocks(NIP57, "yaml");
    assert_eq!(yaml.len(), 1);
    let mut tags = Vec::new();
    let mut percents = Vec::new();
    for line in yaml[0]
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("[ \"zap\""))
    {
        let (json, comment) = line.rsplit_once("//").unwrap();
        let items: Vec<String> = serde_json::from_str(json.trim().trim_end_matches(',')).unwrap();
        tags.push(Tag::from_vec(items).unwrap());
        percents.push(comment.trim().trim_end_matches('%').parse::<u64>().unwrap());
    }
    assert_eq!(tags.len(), 3);
    let splits = zap_splits(&tags.into()).unwrap();
    let shares = split_amount(&splits, 100_000).unwrap();
    let got: Vec<u64> = shares.iter().map(|s| s.amount_msat / 1000).collect();
    assert_eq!(got, percents);
    assert_eq!(shares[1].relay.as_deref(), Some("wss://nostr.wine/"));
}

#[test]
fn nip75_goal_examples() {
    let yaml = blocks(NIP75, "yaml");
    assert_eq!(yaml.len(), 3, "NIP-75 has three YAML examples");
    let keys = Keys::new(nostr_core::SecretKey::from_bytes([8; 32]).unwrap());
    let mut goals = 0;
    for block in &yaml {
        if !block.contains("9041") {
            continue;
        }
        let mut tags = Vec::new();
        for line in block
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("[\""))
        {
            let clean = line
                .replace(", /*...*/", "")
                .trim_end_matches(',')
                .to_string();
            let items: Vec<String> = serde_json::from_str(&clean).unwrap();
            tags.push(Tag::from_vec(items).unwrap());
        }
        let content = block
            .lines()
            .find_map(|l| l.trim().strip_prefix("\"content\": "))
            .unwrap()
            .trim_end_matches(',');
        let content: String = serde_json::from_str(content).unwrap();
        let event = EventBuilder::new(Kind::ZAP_GOAL, content)
            .tags(tags)
            .sign_at_with_aux(&keys, Timestamp::from_secs(1), &[0; 32]);
        let has_closed_at = event.tags.find("closed_at").is_some();
        match ZapGoal::try_from(&event) {
            Ok(goal) => {
                assert!(!has_closed_at);
                assert_eq!(goal.amount_msat, 210_000);
                assert_eq!(goal.relays.len(), 2);
                assert_eq!(goal.description, "Nostrasia travel expenses");
            }
            // The second example has placeholders ("<unix timestamp in seconds>").
            Err(e) => {
                assert!(has_closed_at, "{e}");
                assert!(e.to_string().contains("closed_at"));
            }
        }
        goals += 1;
    }
    assert_eq!(goals, 2);
    let _ = PublicKey::from_bytes([0; 32]);
}
