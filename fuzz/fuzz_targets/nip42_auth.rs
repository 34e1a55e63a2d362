//! NIP-42 AUTH events (bare or in an `["AUTH", ...]` message) through the relay-side
//! verification, plus the things a relay does with any incoming event: relay URL
//! normalisation (idempotent), the acceptance policy (both entry points agree),
//! NIP-09 and NIP-65 readers. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_core::nip09::DeletionRequest;
use nostr_core::nip42::AuthCheck;
use nostr_core::nip65::RelayList;
use nostr_core::policy::AcceptancePolicy;
use nostr_core::{ClientMessage, Event, Kind, RelayUrl, Timestamp};

fn do_test(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    if let Ok(url) = RelayUrl::parse(text) {
        let again = RelayUrl::parse(url.as_str()).expect("a normal form parses");
        assert_eq!(again, url, "normalisation is not idempotent for {text:?}");
    }
    let now = Timestamp::from_secs(1_700_000_000);
    let in_message = AcceptancePolicy::default().check_event_message(text, now);
    let event = match ClientMessage::from_json(text) {
        Ok(ClientMessage::Auth(e)) | Ok(ClientMessage::Event(e)) => *e,
        _ => match Event::from_json(text) {
            Ok(e) => e,
            Err(_) => return,
        },
    };
    if let Ok(accepted) = &in_message {
        assert_eq!(accepted.event.to_event(), event);
    }
    let relay = RelayUrl::parse("wss://relay.example.com").expect("valid");
    match AuthCheck::new("challenge", &relay, now).verify(&event) {
        Ok(pk) => {
            assert_eq!(pk, event.pubkey);
            assert_eq!(event.kind, Kind::AUTH);
            assert!(event.verify().is_ok());
        }
        Err(e) => {
            let _ = e.ok_message(event.id).to_json();
        }
    }
    let json = event.to_json();
    for policy in [AcceptancePolicy::default(), AcceptancePolicy::permissive()] {
        let by_json = policy
            .check_json(&json, now)
            .map(|a| a.storage)
            .map_err(|r| r.refusal);
        let by_event = policy.check_event(&event, now).map_err(|r| r.refusal);
        assert_eq!(by_json, by_event);
    }
    let _ = DeletionRequest::from_event(&event);
    let _ = RelayList::from_event(&event);
}

fuzz_target!(|data: &[u8]| do_test(data));
