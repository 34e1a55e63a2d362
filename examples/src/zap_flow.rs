//! A zap's whole trip (NIP-57): a viewer zaps a live stream whose event splits zaps
//! between the host and a co-host (Appendix G). For each receiver the client reads
//! the LNURL-pay response, signs a zap request (kind 9734) and builds the callback
//! URL; the LNURL server validates the request (Appendix D), has its node issue a
//! BOLT-11 invoice whose description hash commits to the request string, and after
//! payment publishes a receipt (kind 9735); the client validates each receipt
//! (Appendix F) and adds up what the stream received. Along the way: a request the
//! server must refuse, a receipt from the wrong key, and a receipt whose server
//! re-serialized the request (counted, with a warning).
//!
//! Run: `cargo run -p nostr-examples --example zap_flow`

use std::io::Write;

use nostr_core::secp256k1::SecretKey as NodeKey;
use nostr_core::{Event, EventBuilder, Keys, Kind, PublicKey, Tag, Timestamp};
use nostr_live::{LiveEvent, Status};
use nostr_zap::bolt11::{Invoice, InvoiceBuilder, Network};
use nostr_zap::split::{split_requests, zap_splits};
use nostr_zap::{
    ValidatedZap, ZapReceiptBuilder, ZapRequest, ZapRequestBuilder, ZapWarning, description_hash,
    lnurl,
};
use sha2::{Digest, Sha256};

use crate::{Error, ensure};

/// The total the viewer zaps, in millisatoshis (21 sats).
const TOTAL_MSAT: u64 = 21_000;

/// Plays the zap, writing the narrative to `out`.
///
/// # Errors
/// When a step fails or a checked fact does not hold.
pub fn run(out: &mut dyn Write) -> Result<(), Error> {
    let now = Timestamp::now();
    let host = Keys::generate();
    let cohost = Keys::generate();
    let viewer = Keys::generate();
    let provider = Keys::generate(); // the LNURL server's nostrPubkey
    let node = NodeKey::from_byte_array(&[0x42; 32])?; // the server's Lightning node

    // 0. The stream event being zapped, with zap splits 2:1 (Appendix G).
    let mut show = LiveEvent::new("friday-jam");
    show.title = Some("Friday jam".into());
    show.status = Some(Status::Live);
    show.other_tags.push(Tag::new(
        "zap",
        [
            host.public_key().to_hex().as_str(),
            "wss://relay.example.com",
            "2",
        ],
    ));
    show.other_tags.push(Tag::new(
        "zap",
        [
            cohost.public_key().to_hex().as_str(),
            "wss://relay.example.com",
            "1",
        ],
    ));
    let show_event = show.sign_at(&host, now);
    let address = show.coordinate(&host.public_key());
    writeln!(out, "0. zapping the live event {address}")?;

    // 1. Appendix G: read the splits and make one request per receiver.
    let splits = zap_splits(&show_event.tags)?;
    let template = ZapRequestBuilder::new(host.public_key(), ["wss://relay.example.com"])
        .address(address.clone())
        .target_kind(Kind::LIVE_EVENT)
        .comment("great set!");
    let per_receiver = split_requests(&template, &splits, TOTAL_MSAT)?;
    writeln!(out, "\n1. {TOTAL_MSAT} msat split by weight:")?;
    for (share, _) in &per_receiver {
        writeln!(
            out,
            "   {} -> {} msat",
            who(&share.pubkey, &host, &cohost),
            share.amount_msat
        )?;
    }
    let shares: Vec<u64> = per_receiver.iter().map(|(s, _)| s.amount_msat).collect();
    ensure(
        shares == [14_000, 7_000],
        "2:1 of 21000 msat is 14000 + 7000",
    )?;

    let mut received = Vec::new();
    for (i, (share, builder)) in per_receiver.into_iter().enumerate() {
        let name = who(&share.pubkey, &host, &cohost);
        writeln!(
            out,
            "\n--- zap {} of 2: {} msat to {name}",
            i + 1,
            share.amount_msat
        )?;

        // 2. LNURL: the receiver's lightning address, and the pay response the
        //    client would fetch from it (here: written by the "server").
        let address_url = lnurl::lightning_address_url(&format!("{name}@wallet.example"))?;
        let recipient_lnurl = lnurl::encode_lnurl(&address_url);
        ensure(
            lnurl::decode_lnurl(&recipient_lnurl)? == address_url,
            "lnurl round trip",
        )?;
        let body = format!(
            r#"{{"tag":"payRequest","callback":"https://wallet.example/lnurlp/{name}/callback","minSendable":1000,"maxSendable":100000000,"metadata":"[[\"text/identifier\",\"{name}@wallet.example\"]]","allowsNostr":true,"nostrPubkey":"{}"}}"#,
            provider.public_key()
        );
        let pay = lnurl::PayResponse::parse(&body)?;
        let provider_key = pay
            .zap_pubkey()
            .ok_or("the provider does not support zaps")?;
        pay.check_amount(share.amount_msat)?;
        writeln!(
            out,
            "2. {address_url}\n   lnurl {recipient_lnurl}\n   allowsNostr, nostrPubkey {provider_key}"
        )?;

        // 3. The client signs the zap request and builds the callback URL.
        let request = builder
            .lnurl(&recipient_lnurl)
            .sign(&viewer, now.saturating_add(10))
            .to_json();
        let callback =
            pay.callback_url(share.amount_msat, Some(&request), Some(&recipient_lnurl))?;
        writeln!(
            out,
            "3. GET {}...",
            callback.get(..110).unwrap_or(&callback)
        )?;

        // 4. The server validates the `nostr` parameter against `amount` (Appendix D)...
        let validated = ZapRequest::from_json(&request, share.amount_msat)?;
        ensure(
            validated.recipient == share.pubkey,
            "the request names the receiver",
        )?;
        ensure(
            validated.coordinate.as_ref() == Some(&address),
            "the request names the stream",
        )?;
        let wrong = ZapRequest::from_json(&request, share.amount_msat + 1_000);
        ensure(
            wrong.is_err(),
            "an amount that disagrees with the request is refused",
        )?;
        writeln!(
            out,
            "4. server: request valid; with amount={} it would refuse: {}",
            share.amount_msat + 1_000,
            wrong.err().map(|e| e.to_string()).unwrap_or_default()
        )?;

        // ...and its node issues an invoice committing to the exact request string.
        let preimage = [u8::try_from(i).unwrap_or(0) + 7; 32];
        let payment_hash: [u8; 32] = Sha256::digest(preimage).into();
        let bolt11 = InvoiceBuilder::new(Network::Bitcoin, payment_hash, [9; 32], now.as_secs())
            .amount_msat(share.amount_msat)
            .description_hash(description_hash(&request))
            .sign(&node)?;
        let invoice = Invoice::decode(&bolt11)?;
        ensure(
            invoice.amount_msat == Some(share.amount_msat),
            "invoice amount",
        )?;
        ensure(
            invoice.description_hash() == Some(&description_hash(&request)),
            "invoice commits to the request",
        )?;
        writeln!(out, "   invoice {}...", bolt11.get(..60).unwrap_or(&bolt11))?;

        // 5. Paid: the server publishes the receipt (kind 9735) with the preimage.
        let receipt = ZapReceiptBuilder::new(&bolt11, &request)
            .preimage(preimage)
            .sign(&provider, now.saturating_add(15))?;
        writeln!(out, "5. receipt {} (kind {})", receipt.id, receipt.kind)?;

        // 6. Any client validates it against the provider key from the pay response.
        let zap = ValidatedZap::validate(&receipt, &provider_key, Some(&recipient_lnurl))?;
        ensure(zap.is_clean(), "a clean zap has no warnings")?;
        ensure(zap.amount_msat == share.amount_msat, "amount")?;
        ensure(zap.sender() == viewer.public_key(), "sender")?;
        ensure(zap.recipient() == share.pubkey, "recipient")?;
        ensure(zap.target().coordinate.as_ref() == Some(&address), "target")?;
        ensure(zap.comment() == "great set!", "comment")?;
        writeln!(
            out,
            "6. valid zap: {} msat from {} to {name} for {}, comment {:?}",
            zap.amount_msat,
            if zap.sender() == viewer.public_key() {
                "the viewer"
            } else {
                "?"
            },
            zap.target()
                .coordinate
                .map(|c| c.identifier)
                .unwrap_or_default(),
            zap.comment()
        )?;
        // A receipt signed by anyone else is not a zap.
        let forged =
            ZapReceiptBuilder::new(&bolt11, &request).sign(&viewer, now.saturating_add(15))?;
        let refused = ValidatedZap::validate(&forged, &provider_key, Some(&recipient_lnurl));
        ensure(refused.is_err(), "a receipt from another key is refused")?;
        writeln!(
            out,
            "   the same receipt signed by the viewer: {}",
            refused.err().map(|e| e.to_string()).unwrap_or_default()
        )?;
        received.push(zap);
    }

    // 7. A provider that re-serializes the request breaks the description hash: the
    //    zap still counts (the money moved), flagged with a warning.
    let request = template
        .clone()
        .amount_msat(1_000)
        .sign(&viewer, now.saturating_add(20))
        .to_json();
    let reserialized = Event::from_json(&request)?.to_json().replace("\":", "\": ");
    let bolt11 = InvoiceBuilder::new(Network::Bitcoin, [3; 32], [9; 32], now.as_secs())
        .amount_msat(1_000)
        .description_hash(description_hash(&reserialized))
        .sign(&node)?;
    // Our receipt builder refuses to write such a receipt...
    ensure(
        ZapReceiptBuilder::new(&bolt11, &request)
            .sign(&provider, now.saturating_add(25))
            .is_err(),
        "the receipt builder refuses an invoice that does not commit to the request",
    )?;
    // ...so the sloppy server writes its tags by hand.
    let parsed = Event::from_json(&request)?;
    let copied = ["p", "a", "k"]
        .into_iter()
        .filter_map(|name| parsed.tags.find(name).map(Tag::from));
    let receipt = EventBuilder::new(Kind::ZAP_RECEIPT, "")
        .tags(copied)
        .tag(Tag::new("P", [parsed.pubkey.to_hex()]))
        .tag(Tag::new("bolt11", [bolt11.as_str()]))
        .tag(Tag::new("description", [request.as_str()]))
        .sign_at(&provider, now.saturating_add(25));
    let sloppy = ValidatedZap::validate(&receipt, &provider.public_key(), None)?;
    ensure(
        sloppy
            .warnings
            .contains(&ZapWarning::DescriptionHashMismatch),
        "hash mismatch flagged",
    )?;
    writeln!(
        out,
        "\n7. a receipt whose invoice hashes a re-serialized request: counted, warnings {:?}",
        sloppy.warnings
    )?;
    received.push(sloppy);

    // 8. What the stream received.
    let total: u64 = received.iter().map(|z| z.amount_msat).sum();
    let to = |pk: PublicKey| {
        received
            .iter()
            .filter(|z| z.recipient() == pk)
            .map(|z| z.amount_msat)
            .sum::<u64>()
    };
    writeln!(
        out,
        "\n8. the stream received {total} msat: host {}, co-host {}",
        to(host.public_key()),
        to(cohost.public_key())
    )?;
    ensure(
        total == TOTAL_MSAT + 1_000,
        "every validated zap counted once",
    )?;
    ensure(
        to(cohost.public_key()) == 7_000,
        "the co-host got their share",
    )?;

    writeln!(out, "\nzap_flow: all checks passed")?;
    Ok(())
}

fn who(pk: &PublicKey, host: &Keys, cohost: &Keys) -> &'static str {
    if *pk == host.public_key() {
        "host"
    } else if *pk == cohost.public_key() {
        "cohost"
    } else {
        "someone"
    }
}
