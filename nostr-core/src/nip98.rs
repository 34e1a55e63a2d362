//! NIP-98 HTTP Auth: a kind 27235 event, base64-encoded in an
//! `Authorization: Nostr <token>` header, that authorizes one HTTP request.
//!
//! Clients build the event with [`request`] and the header value with
//! [`authorization_header`]. Servers call [`verify_header`] with the request's
//! absolute URL, method, body and the current time; what counts as a match is set
//! by [`VerifyOptions`] (the spec's defaults: exact URL, 60 seconds).
//!
//! # Example
//! ```
//! use nostr_core::{Keys, Timestamp, nip98};
//!
//! let keys = Keys::generate();
//! let now = Timestamp::from_secs(1_700_000_000);
//! let body = br#"{"name":"my room"}"#;
//! let event = nip98::request("https://api.example.com/rooms?x=1", "POST", Some(body))
//!     .sign_at(&keys, now);
//! let header = nip98::authorization_header(&event);
//! assert!(header.starts_with("Nostr "));
//!
//! // Server side, 5 seconds later.
//! let opts = nip98::VerifyOptions::default();
//! let who = nip98::verify_header(&header, "https://api.example.com/rooms?x=1", "post", Some(body),
//!     Timestamp::from_secs(1_700_000_005), &opts)?;
//! assert_eq!(who.pubkey, keys.public_key());
//! # Ok::<(), nip98::Nip98Error>(())
//! ```

use alloc::string::String;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::event::{Event, EventBuilder};
use crate::kind::Kind;
use crate::tag::Tag;
use crate::timestamp::Timestamp;

/// The spec's suggested time window: 60 seconds.
pub const DEFAULT_MAX_SKEW_SECS: u64 = 60;

/// Header tokens longer than this (bytes of base64) are refused before decoding.
pub const MAX_TOKEN_LEN: usize = 64 * 1024;

/// Standard alphabet, padding written on encode and optional on decode (some
/// clients strip it).
const B64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why an HTTP auth header or event was refused. Each maps to a 401 response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Nip98Error {
    /// The header value does not start with the `Nostr` scheme and a token.
    #[error("authorization header does not use the `Nostr` scheme")]
    WrongScheme,
    /// The token is longer than [`MAX_TOKEN_LEN`].
    #[error("authorization token longer than {MAX_TOKEN_LEN} bytes")]
    TokenTooLong,
    /// The token is not base64.
    #[error("authorization token is not valid base64")]
    Base64,
    /// The decoded token is not a well-formed event.
    #[error("authorization token is not a valid event: {0}")]
    Event(Error),
    /// The event's id or signature does not verify.
    #[error("authorization event does not verify: {0}")]
    Signature(Error),
    /// The kind is not 27235.
    #[error("authorization event has kind {0}, expected 27235")]
    WrongKind(Kind),
    /// `created_at` is further from `now` than the allowed skew.
    #[error(
        "authorization event created at {created_at} is outside the allowed window around {now}"
    )]
    OutsideTimeWindow {
        /// The event's `created_at`.
        created_at: Timestamp,
        /// The server's time.
        now: Timestamp,
    },
    /// A required tag (`u` or `method`) is absent.
    #[error("authorization event has no `{0}` tag")]
    MissingTag(&'static str),
    /// The `u` tag does not match the request URL.
    #[error("authorization event `u` does not match the request url")]
    UrlMismatch,
    /// The `method` tag does not match the request method.
    #[error("authorization event `method` does not match the request method")]
    MethodMismatch,
    /// The request has a body, the options require a `payload` tag, and there is none.
    #[error("authorization event has no `payload` tag for the request body")]
    MissingPayload,
    /// The `payload` tag is not 64 hex characters.
    #[error("authorization event `payload` is not a sha-256 hex digest")]
    InvalidPayload,
    /// The `payload` tag is not the SHA-256 of the request body.
    #[error("authorization event `payload` does not match the request body")]
    PayloadMismatch,
}

/// How the `u` tag must match the request URL.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UrlMatch {
    /// Byte-for-byte equal, query included (NIP-98: "exactly the same").
    #[default]
    Exact,
    /// Equal after removing the `scheme://` prefix of both (servers behind a TLS
    /// proxy see `http://` while the client signed `https://`).
    IgnoreScheme,
    /// Host and path equal, ignoring the scheme, the query and the fragment (as
    /// some deployed servers check). Weaker: a token for `/x?a=1` also works
    /// for `/x?a=2`.
    HostAndPath,
}

/// What [`verify_header`] / [`verify_event`] accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VerifyOptions {
    /// Largest allowed `|now - created_at|` in seconds (spec suggestion: 60;
    /// some servers allow up to 300).
    pub max_skew_secs: u64,
    /// How `u` must match the URL.
    pub url_match: UrlMatch,
    /// Require a `payload` tag when the request has a non-empty body. Without
    /// this, `payload` is checked only when present (Nostr Nests sends none).
    pub require_payload: bool,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            max_skew_secs: DEFAULT_MAX_SKEW_SECS,
            url_match: UrlMatch::Exact,
            require_payload: false,
        }
    }
}

/// SHA-256 of a request body, as the `payload` tag carries it (hex).
pub fn payload_hash(body: &[u8]) -> [u8; 32] {
    Sha256::digest(body).into()
}

/// The unsigned kind 27235 event for a request: `u`, `method` and, when `body` is
/// given, `payload` (SHA-256 hex of the body). Content is empty, as the spec says.
/// Sign it with [`EventBuilder::sign_at`] (or `sign_at_with_aux`).
pub fn request(url: &str, method: &str, body: Option<&[u8]>) -> EventBuilder {
    let mut b = EventBuilder::new(Kind::HTTP_AUTH, "")
        .tag(Tag::new("u", [url]))
        .tag(Tag::new("method", [method]));
    if let Some(body) = body {
        b = b.tag(Tag::new(
            "payload",
            [crate::hex::encode(&payload_hash(body))],
        ));
    }
    b
}

/// The base64 token of an event (standard alphabet, padded).
pub fn encode_token(event: &Event) -> String {
    B64.encode(event.to_json())
}

/// The `Authorization` header value: `Nostr <base64(event JSON)>`.
pub fn authorization_header(event: &Event) -> String {
    let mut s = String::from("Nostr ");
    s.push_str(&encode_token(event));
    s
}

/// Decodes an `Authorization` header value (`Nostr <token>`; the scheme matched
/// without regard to case, any whitespace between) into the event. Neither the
/// signature nor the request is checked: use [`verify_header`].
///
/// # Errors
/// [`Nip98Error::WrongScheme`], [`Nip98Error::TokenTooLong`],
/// [`Nip98Error::Base64`], [`Nip98Error::Event`].
pub fn parse_header(value: &str) -> Result<Event, Nip98Error> {
    let value = value.trim();
    let (scheme, token) = value
        .split_once(|c: char| c.is_ascii_whitespace())
        .ok_or(Nip98Error::WrongScheme)?;
    if !scheme.eq_ignore_ascii_case("nostr") {
        return Err(Nip98Error::WrongScheme);
    }
    let token = token.trim();
    if token.is_empty() {
        return Err(Nip98Error::WrongScheme);
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(Nip98Error::TokenTooLong);
    }
    let bytes = B64.decode(token).map_err(|_| Nip98Error::Base64)?;
    let json = core::str::from_utf8(&bytes).map_err(|_| Nip98Error::Base64)?;
    Event::from_json(json).map_err(Nip98Error::Event)
}

/// Verifies a header for a request and returns the authorizing event (its
/// `pubkey` is the user).
///
/// `url` is the absolute request URL, `body` the request body if any (`None` and
/// an empty body are the same).
///
/// # Errors
/// Any [`Nip98Error`]: header decoding, then the checks of [`verify_event`].
pub fn verify_header(
    header: &str,
    url: &str,
    method: &str,
    body: Option<&[u8]>,
    now: Timestamp,
    options: &VerifyOptions,
) -> Result<Event, Nip98Error> {
    let event = parse_header(header)?;
    verify_event(&event, url, method, body, now, options)?;
    Ok(event)
}

/// Runs the NIP-98 server checks on a decoded event, in the spec's order: kind,
/// time window, URL, method; then the id and signature, then `payload`.
///
/// The URL is read from `u`, or from `url` (an early draft's name) when there is
/// no `u`. The method compares without regard to ASCII case.
///
/// # Errors
/// [`Nip98Error::WrongKind`], [`Nip98Error::OutsideTimeWindow`],
/// [`Nip98Error::MissingTag`], [`Nip98Error::UrlMismatch`],
/// [`Nip98Error::MethodMismatch`], [`Nip98Error::Signature`],
/// [`Nip98Error::MissingPayload`], [`Nip98Error::InvalidPayload`],
/// [`Nip98Error::PayloadMismatch`].
pub fn verify_event(
    event: &Event,
    url: &str,
    method: &str,
    body: Option<&[u8]>,
    now: Timestamp,
    options: &VerifyOptions,
) -> Result<(), Nip98Error> {
    if event.kind != Kind::HTTP_AUTH {
        return Err(Nip98Error::WrongKind(event.kind));
    }
    let skew = now.as_secs().abs_diff(event.created_at.as_secs());
    if skew > options.max_skew_secs {
        return Err(Nip98Error::OutsideTimeWindow {
            created_at: event.created_at,
            now,
        });
    }
    let u = event
        .tags
        .first_value("u")
        .or_else(|| event.tags.first_value("url"))
        .ok_or(Nip98Error::MissingTag("u"))?;
    if !url_matches(u, url, options.url_match) {
        return Err(Nip98Error::UrlMismatch);
    }
    let m = event
        .tags
        .first_value("method")
        .ok_or(Nip98Error::MissingTag("method"))?;
    if !m.eq_ignore_ascii_case(method) {
        return Err(Nip98Error::MethodMismatch);
    }
    event.verify().map_err(Nip98Error::Signature)?;
    let body = body.unwrap_or_default();
    match event.tags.first_value("payload") {
        Some(hex) => {
            let want = decode_hex_any_case(hex).ok_or(Nip98Error::InvalidPayload)?;
            if payload_hash(body) != want {
                return Err(Nip98Error::PayloadMismatch);
            }
        }
        None if options.require_payload && !body.is_empty() => {
            return Err(Nip98Error::MissingPayload);
        }
        None => {}
    }
    Ok(())
}

fn decode_hex_any_case(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut lower = [0u8; 64];
    for (o, b) in lower.iter_mut().zip(s.bytes()) {
        *o = b.to_ascii_lowercase();
    }
    let lower = core::str::from_utf8(&lower).ok()?;
    crate::hex::decode_array(lower).ok()
}

fn strip_scheme(u: &str) -> &str {
    u.split_once("://").map_or(u, |(_, rest)| rest)
}

fn url_matches(signed: &str, actual: &str, mode: UrlMatch) -> bool {
    match mode {
        UrlMatch::Exact => signed == actual,
        UrlMatch::IgnoreScheme => strip_scheme(signed) == strip_scheme(actual),
        UrlMatch::HostAndPath => {
            let cut = |u: &str| -> usize { u.find(['?', '#']).unwrap_or(u.len()) };
            let a = strip_scheme(signed);
            let b = strip_scheme(actual);
            a.get(..cut(a)) == b.get(..cut(b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Keys;
    use alloc::string::ToString;
    use alloc::vec::Vec;

    const SPEC: &str = include_str!("../tests/data/NIP-98.md");

    fn keys() -> Keys {
        Keys::from_hex("0000000000000000000000000000000000000000000000000000000000000007").unwrap()
    }

    fn signed(url: &str, method: &str, body: Option<&[u8]>, at: u64) -> Event {
        request(url, method, body).sign_at_with_aux(&keys(), Timestamp::from_secs(at), &[1; 32])
    }

    #[test]
    fn spec_example_header_decodes_to_the_example_event() {
        // The header line after "Authorization: Nostr" in the spec text.
        let start = SPEC.find("Authorization: Nostr").unwrap();
        let token = SPEC[start..].lines().nth(1).unwrap().trim();
        let event = parse_header(&alloc::format!("Nostr {token}")).unwrap();
        assert_eq!(
            event.id.to_hex(),
            "fe964e758903360f28d8424d092da8494ed207cba823110be3a57dfe4b578734"
        );
        assert_eq!(event.kind, Kind::HTTP_AUTH);
        // The spec's newline between scheme and token is accepted too.
        let multi = &SPEC[start + "Authorization: ".len()..];
        let header: Vec<&str> = multi.lines().take(2).collect();
        let ev2 = parse_header(&header.join("\n")).unwrap();
        assert_eq!(ev2, event);
        let opts = VerifyOptions::default();
        let url = "https://api.snort.social/api/v1/n5sp/list";
        let at = Timestamp::from_secs(1_682_327_852);
        // The example's id does not match its fields (the text was edited after
        // signing, like the NIP-53 30311 example): every request check passes and
        // the verifier refuses it at the id check, as it must.
        match verify_event(&event, url, "GET", None, at, &opts) {
            Err(Nip98Error::Signature(Error::IdMismatch { computed, .. })) => assert_eq!(
                computed.to_hex(),
                "2dd2dfec3df85dd0d4c32af50241f56a077b0969cb508f987afac1e25b0d4c76"
            ),
            other => panic!("expected an id mismatch, got {other:?}"),
        }
        // A request mismatch is reported before the signature.
        assert_eq!(
            verify_event(&event, url, "POST", None, at, &opts),
            Err(Nip98Error::MethodMismatch)
        );
    }

    #[test]
    fn round_trip_and_checks() {
        let url = "https://api.example.com/v1/rooms?id=1";
        let body = b"{\"a\":1}";
        let ev = signed(url, "POST", Some(body), 1_000);
        let h = authorization_header(&ev);
        let o = VerifyOptions::default();
        let at = Timestamp::from_secs(1_030);
        assert_eq!(
            verify_header(&h, url, "POST", Some(body), at, &o).unwrap(),
            ev
        );
        assert!(verify_header(&h, url, "post", Some(body), at, &o).is_ok());
        assert_eq!(
            verify_header(&h, url, "GET", Some(body), at, &o),
            Err(Nip98Error::MethodMismatch)
        );
        assert_eq!(
            verify_header(&h, url, "POST", Some(b"{}"), at, &o),
            Err(Nip98Error::PayloadMismatch)
        );
        assert_eq!(
            verify_header(
                &h,
                "https://api.example.com/v1/rooms?id=2",
                "POST",
                Some(body),
                at,
                &o
            ),
            Err(Nip98Error::UrlMismatch)
        );
        // Skew: 60 s either side by default, configurable.
        assert!(verify_header(&h, url, "POST", Some(body), Timestamp::from_secs(940), &o).is_ok());
        assert!(matches!(
            verify_header(&h, url, "POST", Some(body), Timestamp::from_secs(1_061), &o),
            Err(Nip98Error::OutsideTimeWindow { .. })
        ));
        let wide = VerifyOptions {
            max_skew_secs: 300,
            ..o
        };
        assert!(
            verify_header(
                &h,
                url,
                "POST",
                Some(body),
                Timestamp::from_secs(1_300),
                &wide
            )
            .is_ok()
        );
        // URL modes.
        let proxy = "http://api.example.com/v1/rooms?id=1";
        assert_eq!(
            verify_header(&h, proxy, "POST", Some(body), at, &o),
            Err(Nip98Error::UrlMismatch)
        );
        let ign = VerifyOptions {
            url_match: UrlMatch::IgnoreScheme,
            ..o
        };
        assert!(verify_header(&h, proxy, "POST", Some(body), at, &ign).is_ok());
        let hp = VerifyOptions {
            url_match: UrlMatch::HostAndPath,
            ..o
        };
        assert!(
            verify_header(
                &h,
                "http://api.example.com/v1/rooms?id=9",
                "POST",
                Some(body),
                at,
                &hp
            )
            .is_ok()
        );
        assert_eq!(
            verify_header(
                &h,
                "http://api.example.com/v1/other",
                "POST",
                Some(body),
                at,
                &hp
            ),
            Err(Nip98Error::UrlMismatch)
        );
    }

    #[test]
    fn payload_optional_or_required() {
        let url = "https://nests.example.com/api/v1/nests";
        let ev = signed(url, "PUT", None, 5);
        let h = authorization_header(&ev);
        let at = Timestamp::from_secs(5);
        let o = VerifyOptions::default();
        assert!(verify_header(&h, url, "PUT", Some(b"{\"x\":1}"), at, &o).is_ok());
        let strict = VerifyOptions {
            require_payload: true,
            ..o
        };
        assert_eq!(
            verify_header(&h, url, "PUT", Some(b"{\"x\":1}"), at, &strict),
            Err(Nip98Error::MissingPayload)
        );
        assert!(verify_header(&h, url, "PUT", None, at, &strict).is_ok());
    }

    #[test]
    fn legacy_url_tag_wrong_kind_and_garbage() {
        let k = keys();
        let at = Timestamp::from_secs(9);
        let o = VerifyOptions::default();
        let legacy = EventBuilder::new(Kind::HTTP_AUTH, "")
            .tag(Tag::new("url", ["https://x.example/a"]))
            .tag(Tag::new("method", ["GET"]))
            .sign_at_with_aux(&k, at, &[0; 32]);
        assert!(verify_event(&legacy, "https://x.example/a", "GET", None, at, &o).is_ok());
        let no_method = EventBuilder::new(Kind::HTTP_AUTH, "")
            .tag(Tag::new("u", ["https://x.example/a"]))
            .sign_at_with_aux(&k, at, &[0; 32]);
        assert_eq!(
            verify_event(&no_method, "https://x.example/a", "GET", None, at, &o),
            Err(Nip98Error::MissingTag("method"))
        );
        let note = EventBuilder::new(Kind::TEXT_NOTE, "").sign_at_with_aux(&k, at, &[0; 32]);
        assert_eq!(
            verify_event(&note, "https://x.example/a", "GET", None, at, &o),
            Err(Nip98Error::WrongKind(Kind::TEXT_NOTE))
        );
        let mut forged = legacy.clone();
        forged.created_at = Timestamp::from_secs(10);
        assert!(matches!(
            verify_event(&forged, "https://x.example/a", "GET", None, at, &o),
            Err(Nip98Error::Signature(_))
        ));
        for bad in ["", "Nostr", "Bearer abc", "Nostr !!!", "Nostr aGVsbG8="] {
            assert!(parse_header(bad).is_err(), "{bad}");
        }
        let long = "A".repeat(MAX_TOKEN_LEN + 1);
        assert_eq!(
            parse_header(&alloc::format!("Nostr {long}")),
            Err(Nip98Error::TokenTooLong)
        );
        // Unpadded tokens decode too.
        let tok = encode_token(&legacy);
        let unpadded = tok.trim_end_matches('=').to_string();
        assert_eq!(
            parse_header(&alloc::format!("nostr {unpadded}")).unwrap(),
            legacy
        );
    }
}
