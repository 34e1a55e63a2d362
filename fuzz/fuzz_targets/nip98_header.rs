//! NIP-98: any `Authorization` header value decodes and verifies without
//! panicking; a decoded event re-encodes to a header that decodes to it again.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_core::Timestamp;
use nostr_core::nip98::{self, UrlMatch, VerifyOptions};

fn do_test(data: &[u8]) {
    let Ok(header) = core::str::from_utf8(data) else {
        return;
    };
    if let Ok(event) = nip98::parse_header(header) {
        let again =
            nip98::parse_header(&nip98::authorization_header(&event)).expect("re-encoded header");
        assert_eq!(again, event);
    }
    for url_match in [
        UrlMatch::Exact,
        UrlMatch::IgnoreScheme,
        UrlMatch::HostAndPath,
    ] {
        let opts = VerifyOptions {
            max_skew_secs: u64::MAX,
            url_match,
            require_payload: true,
        };
        let _ = nip98::verify_header(
            header,
            "https://api.snort.social/api/v1/n5sp/list",
            "GET",
            Some(b"body"),
            Timestamp::from_secs(1_682_327_852),
            &opts,
        );
    }
}

fuzz_target!(|data: &[u8]| do_test(data));
