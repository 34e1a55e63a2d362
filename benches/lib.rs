//! Shared inputs for the benchmarks, so every library sees the same bytes.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use nostr_core::secp256k1::SecretKey as NodeSecret;
use nostr_core::{Event, EventBuilder, Keys, Kind, Tag, Timestamp};
use nostr_zap::bolt11::{InvoiceBuilder, Network};
use nostr_zap::{ZapReceiptBuilder, ZapRequestBuilder, description_hash};

/// A fixed key and a realistic kind-1 note: ~400 bytes of content with a few
/// characters that need escaping, and the usual e/p/t tags.
pub fn sample_note() -> (Keys, Event) {
    let keys =
        Keys::from_hex("6b911fd37cdf5c81d4c0adb1ab7fa822ed253ab0ad9aa18d77257c88b29b718e").unwrap();
    let content = "Just shipped a new release of the relay! \u{1f680}\n\nChangelog:\n- faster \"REQ\" handling\n- \
                   NIP-42 auth\n- fixed a bug with \\ in tags\n\nThanks to everyone who tested it. Follow-ups \
                   welcome, as always: the code is open and so is the relay. #nostr #relay gm \u{2615} \
                   \u{e9}t\u{e9} caf\u{e9} na\u{ef}ve \u{2014} see you all on the other side of the weekend.";
    let event = EventBuilder::new(Kind::TEXT_NOTE, content)
        .tag(Tag::new(
            "e",
            [
                "5c83da77af1dec6d7289834998ad7aafbd9e2191396d75ec3cc27f5a77226f36",
                "wss://relay.example.com",
                "root",
            ],
        ))
        .tag(Tag::new(
            "e",
            [
                "2e3f0b4ab5f2a7c1b0a0b2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7",
                "",
                "reply",
            ],
        ))
        .tag(Tag::new(
            "p",
            ["f7234bd4c1394dda46d09f35bd384dd30cc552ad5541990f98844fb06676e9ca"],
        ))
        .tag(Tag::new(
            "p",
            ["1597246ac22f7d1375041054f2a4986bd971d8d196d7997e48973263ac9879ec"],
        ))
        .tag(Tag::hashtag("nostr"))
        .tag(Tag::hashtag("relay"))
        .sign_at_with_aux(&keys, Timestamp::from_secs(1_700_000_000), &[3; 32]);
    (keys, event)
}

/// One signed zap round trip (request, invoice committing to it, receipt) from fixed
/// keys: the input of the zap benches and the zap instruction-count probe.
pub struct ZapFixture {
    pub server: Keys,
    pub receipt: Event,
    pub receipt_json: String,
    pub invoice: String,
    pub request_json: String,
}

/// Builds the [`ZapFixture`].
pub fn zap_fixture() -> ZapFixture {
    let keys = |n: u8| Keys::new(nostr_core::SecretKey::from_bytes([n; 32]).unwrap());
    let (sender, recipient, server) = (keys(1), keys(2), keys(3));
    let request = ZapRequestBuilder::new(
        recipient.public_key(),
        [
            "wss://relay.damus.io",
            "wss://nos.lol",
            "wss://relay.primal.net",
            "wss://nostr.wine",
        ],
    )
    .amount_msat(21_000)
    .lnurl("lnurl1dp68gurn8ghj7um5v93kketj9ehx2amn9uh8wetvdskkkmn0wahz7mrww4excup0dajx2mrv92x9xp")
    .comment("great stream!")
    .event(nostr_core::EventId::from_bytes([7; 32]))
    .target_kind(Kind::TEXT_NOTE)
    .sign_with_aux(&sender, Timestamp::from_secs(1_700_000_000), &[0; 32]);
    let request_json = request.to_json();
    let node = NodeSecret::from_byte_array(&[9; 32]).unwrap();
    let invoice = InvoiceBuilder::new(Network::Bitcoin, [1; 32], [2; 32], 1_700_000_000)
        .amount_msat(21_000)
        .description_hash(description_hash(&request_json))
        .expiry_secs(86_400)
        .min_final_cltv(80)
        .features([8, 14, 17])
        .sign(&node)
        .unwrap();
    let receipt = ZapReceiptBuilder::new(&invoice, &request_json)
        .sign_with_aux(&server, Timestamp::from_secs(1_700_000_005), &[0; 32])
        .unwrap();
    let receipt_json = receipt.to_json();
    ZapFixture {
        server,
        receipt,
        receipt_json,
        invoice,
        request_json,
    }
}

/// Nanoseconds the current thread has spent on a CPU (Linux; 0 elsewhere): other
/// processes' load does not inflate it the way it inflates wall-clock time.
pub fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
