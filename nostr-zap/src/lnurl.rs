//! LNURL pieces a zapping client needs, without I/O (LUD-01, LUD-06, LUD-16, NIP-57).
//!
//! - [`encode_lnurl`] / [`decode_lnurl`]: `lnurl1...` bech32 strings of any length.
//! - [`lightning_address_url`]: `name@domain` to its LNURL-pay URL (LUD-16).
//! - [`PayResponse::parse`]: the LNURL-pay endpoint's JSON (`callback`, `minSendable`,
//!   `maxSendable`, `allowsNostr`, `nostrPubkey`, ...).
//! - [`callback_url`] / [`PayResponse::callback_url`]: the invoice request URL with
//!   `amount`, `nostr` and `lnurl` percent-encoded (RFC 3986).
//!
//! # Example
//! ```
//! use nostr_zap::lnurl::{self, PayResponse};
//!
//! let url = lnurl::lightning_address_url("alice@example.com")?;
//! assert_eq!(url, "https://example.com/.well-known/lnurlp/alice");
//! let encoded = lnurl::encode_lnurl(&url);
//! assert_eq!(lnurl::decode_lnurl(&encoded)?, url);
//!
//! // The body the caller fetched from `url`:
//! let body = r#"{"tag":"payRequest","callback":"https://example.com/lnurlp/alice/cb",
//!     "minSendable":1000,"maxSendable":100000000,"metadata":"[[\"text/plain\",\"alice\"]]",
//!     "allowsNostr":true,
//!     "nostrPubkey":"9630f464cca6a5147aa8a35f0bcdd3ce485324e732fd39e09233b1d848238f31"}"#;
//! let pay = PayResponse::parse(body)?;
//! assert!(pay.zap_pubkey().is_some());
//! let cb = pay.callback_url(21_000, Some(r#"{"kind":9734}"#), Some(&encoded))?;
//! assert!(cb.starts_with("https://example.com/lnurlp/alice/cb?amount=21000&nostr=%7B%22kind%22%3A9734%7D&lnurl=lnurl1"));
//! # Ok::<(), nostr_zap::Error>(())
//! ```

use alloc::string::String;

use nostr_core::PublicKey;
use serde_json::Value;

use crate::bech32;
use crate::error::{Error, LnurlError};

/// Encodes a URL as a lower-case `lnurl1...` bech32 string (LUD-01). There is no
/// length limit.
pub fn encode_lnurl(url: &str) -> String {
    bech32::encode("lnurl", &bech32::from_bytes(url.as_bytes()))
}

/// Decodes an `lnurl1...` string (any case, optionally prefixed with `lightning:`)
/// to the URL it carries. The URL itself is not checked: see [`check_url`].
///
/// # Errors
/// [`LnurlError::Bech32`] (bad character, case or checksum), [`LnurlError::WrongPrefix`]
/// (not `lnurl`), [`LnurlError::InvalidPayload`] (not UTF-8 or non-zero padding).
pub fn decode_lnurl(s: &str) -> Result<String, Error> {
    let s = match s.get(..10) {
        Some(p) if p.eq_ignore_ascii_case("lightning:") => s.get(10..).unwrap_or_default(),
        _ => s,
    };
    let decoded = bech32::decode(s).map_err(LnurlError::Bech32)?;
    if decoded.hrp != "lnurl" {
        return Err(LnurlError::WrongPrefix(decoded.hrp).into());
    }
    let (bytes, clean) = bech32::to_bytes(&decoded.data);
    if !clean || decoded.data.len() * 5 % 8 >= 5 {
        return Err(LnurlError::InvalidPayload.into());
    }
    String::from_utf8(bytes).map_err(|_| LnurlError::InvalidPayload.into())
}

/// Checks that a URL is one LUD-01 allows: `https://`, or `http://` on a `.onion` host.
///
/// # Errors
/// [`LnurlError::InvalidUrl`].
pub fn check_url(url: &str) -> Result<(), Error> {
    let bad = || Error::from(LnurlError::InvalidUrl(String::from(url)));
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host_port.rsplit_once(':').map_or(host_port, |(h, _)| h);
    if host.is_empty() {
        return Err(bad());
    }
    if scheme.eq_ignore_ascii_case("https")
        || (scheme.eq_ignore_ascii_case("http") && host.to_ascii_lowercase().ends_with(".onion"))
    {
        Ok(())
    } else {
        Err(bad())
    }
}

/// The LNURL-pay URL of a lightning address (LUD-16):
/// `name@domain` → `https://domain/.well-known/lnurlp/name` (`http://` for `.onion`).
///
/// The address is lower-cased (LUD-16 allows only `a-z0-9-_.+` in the name; clients
/// commonly accept upper case and fold it).
///
/// # Errors
/// [`LnurlError::InvalidAddress`] when there is not exactly one `@`, the name is empty
/// or has a character outside `a-z0-9-_.+`, or the domain is empty or has a character
/// outside `a-z0-9-.:`.
pub fn lightning_address_url(address: &str) -> Result<String, Error> {
    let address = address.trim();
    let (name, domain) = address
        .split_once('@')
        .ok_or(LnurlError::InvalidAddress("missing '@'"))?;
    if domain.contains('@') {
        return Err(LnurlError::InvalidAddress("more than one '@'").into());
    }
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.+".contains(&b))
    {
        return Err(LnurlError::InvalidAddress("name must be a-z0-9-_.+").into());
    }
    if domain.is_empty()
        || domain.starts_with(['.', '-', ':'])
        || !domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:".contains(&b))
    {
        return Err(LnurlError::InvalidAddress("invalid domain").into());
    }
    let domain = domain.to_ascii_lowercase();
    let scheme = if domain.ends_with(".onion") {
        "http"
    } else {
        "https"
    };
    Ok(alloc::format!(
        "{scheme}://{domain}/.well-known/lnurlp/{}",
        name.to_ascii_lowercase()
    ))
}

/// Percent-encodes `s` for a URI query value (RFC 3986 section 2: every byte outside the
/// unreserved set `A-Z a-z 0-9 - . _ ~` becomes `%XX`, upper-case hex).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    percent_encode_into(&mut out, s);
    out
}

fn percent_encode_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            for nibble in [b >> 4, b & 15] {
                out.push(HEX.get(usize::from(nibble)).map_or('0', |&c| char::from(c)));
            }
        }
    }
}

/// Builds the LNURL-pay callback URL: `callback` + `amount` (msat) and, when given,
/// `nostr` (the signed zap request JSON) and `lnurl`, each percent-encoded (NIP-57
/// Appendix B). A `?` or `&` is chosen depending on whether `callback` already has a
/// query (LUD-06 callbacks may).
pub fn callback_url(
    callback: &str,
    amount_msat: u64,
    nostr: Option<&str>,
    lnurl: Option<&str>,
) -> String {
    let mut out = String::with_capacity(
        callback.len() + 32 + nostr.map_or(0, |n| n.len() * 2) + lnurl.map_or(0, str::len),
    );
    out.push_str(callback);
    out.push(if callback.contains('?') { '&' } else { '?' });
    out.push_str("amount=");
    out.push_str(&alloc::format!("{amount_msat}"));
    if let Some(nostr) = nostr {
        out.push_str("&nostr=");
        percent_encode_into(&mut out, nostr);
    }
    if let Some(lnurl) = lnurl {
        out.push_str("&lnurl=");
        percent_encode_into(&mut out, lnurl);
    }
    out
}

/// A parsed LNURL-pay response (LUD-06, with NIP-57's `allowsNostr` / `nostrPubkey`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PayResponse {
    /// Where to request the invoice.
    pub callback: String,
    /// Smallest amount accepted, msat.
    pub min_sendable: u64,
    /// Largest amount accepted, msat.
    pub max_sendable: u64,
    /// The raw `metadata` string (a JSON array as a string), if present.
    pub metadata: Option<String>,
    /// LUD-12 `commentAllowed`: longest comment accepted, if present.
    pub comment_allowed: Option<u64>,
    /// NIP-57 `allowsNostr`.
    pub allows_nostr: bool,
    /// NIP-57 `nostrPubkey`: the key that signs zap receipts.
    pub nostr_pubkey: Option<PublicKey>,
    /// The NIP-57 field (`allowsNostr` or `nostrPubkey`) that was present but
    /// unreadable (not a boolean; not 64 lowercase hex of a curve point). Zaps are
    /// then off for this service ([`PayResponse::zap_pubkey`] is `None`), while plain
    /// LNURL-pay still works.
    pub invalid_nostr_field: Option<&'static str>,
}

impl PayResponse {
    /// Parses the JSON body of an LNURL-pay endpoint.
    ///
    /// `tag` must be `payRequest` when present; `callback` must be an https URL (or
    /// http on `.onion`); `minSendable` ≤ `maxSendable`, both positive integers.
    /// `allowsNostr` and `nostrPubkey` only turn zaps on: an unreadable one turns them
    /// off and is named in [`PayResponse::invalid_nostr_field`] rather than failing
    /// the whole response (NIP-57 uses the key only "if ... valid").
    ///
    /// # Errors
    /// [`LnurlError::InvalidJson`], [`LnurlError::ServiceError`] (an LNURL
    /// `{"status":"ERROR"}` answer), [`LnurlError::NotPayRequest`],
    /// [`LnurlError::MissingField`], [`LnurlError::InvalidField`],
    /// [`LnurlError::InvalidUrl`], [`LnurlError::InvalidRange`].
    pub fn parse(json: &str) -> Result<Self, Error> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| LnurlError::InvalidJson(alloc::format!("{e}")))?;
        let obj = value
            .as_object()
            .ok_or_else(|| LnurlError::InvalidJson(String::from("not an object")))?;
        if obj
            .get("status")
            .and_then(Value::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("error"))
        {
            let reason = obj
                .get("reason")
                .and_then(Value::as_str)
                .unwrap_or_default();
            return Err(LnurlError::ServiceError(String::from(reason)).into());
        }
        if let Some(tag) = obj.get("tag") {
            let tag = tag.as_str().ok_or(LnurlError::InvalidField("tag"))?;
            if tag != "payRequest" {
                return Err(LnurlError::NotPayRequest(String::from(tag)).into());
            }
        }
        let callback = obj
            .get("callback")
            .ok_or(LnurlError::MissingField("callback"))?
            .as_str()
            .ok_or(LnurlError::InvalidField("callback"))?;
        check_url(callback)?;
        let int = |name: &'static str| -> Result<u64, Error> {
            obj.get(name)
                .ok_or(LnurlError::MissingField(name))?
                .as_u64()
                .ok_or_else(|| LnurlError::InvalidField(name).into())
        };
        let min_sendable = int("minSendable")?;
        let max_sendable = int("maxSendable")?;
        if min_sendable == 0 || min_sendable > max_sendable {
            return Err(LnurlError::InvalidRange {
                min: min_sendable,
                max: max_sendable,
            }
            .into());
        }
        let metadata = match obj.get("metadata") {
            None => None,
            Some(m) => Some(String::from(
                m.as_str().ok_or(LnurlError::InvalidField("metadata"))?,
            )),
        };
        let comment_allowed = match obj.get("commentAllowed") {
            None | Some(Value::Null) => None,
            Some(c) => Some(
                c.as_u64()
                    .ok_or(LnurlError::InvalidField("commentAllowed"))?,
            ),
        };
        // NIP-57 fields only switch zaps on: when one is unreadable, zaps are off (and
        // the field is named) while plain LNURL-pay still works.
        let mut invalid_nostr_field = None;
        let allows_nostr = match obj.get("allowsNostr") {
            None | Some(Value::Null) => false,
            Some(v) => v.as_bool().unwrap_or_else(|| {
                invalid_nostr_field = Some("allowsNostr");
                false
            }),
        };
        let nostr_pubkey = match obj.get("nostrPubkey") {
            None | Some(Value::Null) => None,
            Some(v) => {
                let key = v.as_str().and_then(|s| PublicKey::from_hex_checked(s).ok());
                if key.is_none() {
                    invalid_nostr_field = Some("nostrPubkey");
                }
                key
            }
        };
        Ok(Self {
            callback: String::from(callback),
            min_sendable,
            max_sendable,
            metadata,
            comment_allowed,
            allows_nostr: allows_nostr && invalid_nostr_field.is_none(),
            nostr_pubkey,
            invalid_nostr_field,
        })
    }

    /// The key that signs this service's zap receipts, when it supports zaps
    /// (`allowsNostr` is true and `nostrPubkey` is present): NIP-57 protocol flow, step 1.
    pub fn zap_pubkey(&self) -> Option<PublicKey> {
        self.nostr_pubkey.filter(|_| self.allows_nostr)
    }

    /// Checks an amount against `minSendable..=maxSendable`.
    ///
    /// # Errors
    /// [`LnurlError::AmountOutOfRange`].
    pub fn check_amount(&self, amount_msat: u64) -> Result<(), Error> {
        if (self.min_sendable..=self.max_sendable).contains(&amount_msat) {
            Ok(())
        } else {
            Err(LnurlError::AmountOutOfRange {
                amount: amount_msat,
                min: self.min_sendable,
                max: self.max_sendable,
            }
            .into())
        }
    }

    /// The callback URL for an invoice of `amount_msat`, with the zap request JSON
    /// (`nostr`) and the recipient's `lnurl` when given (see [`callback_url`]).
    ///
    /// # Errors
    /// [`LnurlError::AmountOutOfRange`]; [`LnurlError::ZapsNotSupported`] when a zap
    /// request is given but the service does not support zaps.
    pub fn callback_url(
        &self,
        amount_msat: u64,
        zap_request_json: Option<&str>,
        lnurl: Option<&str>,
    ) -> Result<String, Error> {
        self.check_amount(amount_msat)?;
        if zap_request_json.is_some() && self.zap_pubkey().is_none() {
            return Err(LnurlError::ZapsNotSupported.into());
        }
        Ok(callback_url(
            &self.callback,
            amount_msat,
            zap_request_json,
            lnurl,
        ))
    }
}

/// Parses the invoice out of a callback response: `{"pr": "<bolt11>", ...}` (LUD-06).
///
/// # Errors
/// [`LnurlError::InvalidJson`], [`LnurlError::ServiceError`], or
/// [`LnurlError::MissingField`] (`pr`).
pub fn parse_invoice_response(json: &str) -> Result<String, Error> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| LnurlError::InvalidJson(alloc::format!("{e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| LnurlError::InvalidJson(String::from("not an object")))?;
    if obj
        .get("status")
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("error"))
    {
        let reason = obj
            .get("reason")
            .and_then(Value::as_str)
            .unwrap_or_default();
        return Err(LnurlError::ServiceError(String::from(reason)).into());
    }
    obj.get("pr")
        .and_then(Value::as_str)
        .map(String::from)
        .ok_or_else(|| LnurlError::MissingField("pr").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lud01_example() {
        // LUD-01's example URL and encoding.
        let url = "https://service.com/api?q=3fc3645b439ce8e7f2553a69e5267081d96dcd340693afabe04be7b0ccd178df";
        let enc = "LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34X5EKZD3EV56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS";
        assert_eq!(decode_lnurl(enc).unwrap(), url);
        assert_eq!(encode_lnurl(url).to_ascii_uppercase(), enc);
        assert_eq!(
            decode_lnurl("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
            Err(LnurlError::WrongPrefix("bc".into()).into())
        );
    }

    #[test]
    fn addresses() {
        assert_eq!(
            lightning_address_url("Bob@Wallet.Example").unwrap(),
            "https://wallet.example/.well-known/lnurlp/bob"
        );
        assert_eq!(
            lightning_address_url("bob@abc.onion").unwrap(),
            "http://abc.onion/.well-known/lnurlp/bob"
        );
        for bad in [
            "bob",
            "@x.com",
            "bob@",
            "a@b@c",
            "b o@x.com",
            "bob@x.com/evil",
            "bob@.x",
        ] {
            assert!(lightning_address_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn encoding() {
        assert_eq!(percent_encode("a b/ü~"), "a%20b%2F%C3%BC~");
        assert_eq!(
            callback_url("https://x.com/cb?id=1", 1000, Some("{\"a\":1}"), None),
            "https://x.com/cb?id=1&amount=1000&nostr=%7B%22a%22%3A1%7D"
        );
    }

    #[test]
    fn pay_response_errors() {
        let ok = r#"{"tag":"payRequest","callback":"https://x.com/cb","minSendable":1000,"maxSendable":2000,"metadata":"[]"}"#;
        let r = PayResponse::parse(ok).unwrap();
        assert_eq!(r.zap_pubkey(), None);
        assert!(r.check_amount(999).is_err());
        assert!(r.check_amount(2000).is_ok());
        assert_eq!(
            r.callback_url(1500, Some("{}"), None),
            Err(LnurlError::ZapsNotSupported.into())
        );
        // Unreadable NIP-57 fields switch zaps off; the payment endpoint stays usable.
        for (extra, field) in [
            (r#""allowsNostr":true,"nostrPubkey":"AB""#, "nostrPubkey"),
            (r#""allowsNostr":"yes","nostrPubkey":"AB""#, "nostrPubkey"),
            (
                r#""allowsNostr":"yes","nostrPubkey":"79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798""#,
                "allowsNostr",
            ),
            // x = 5 is not on secp256k1.
            (
                r#""allowsNostr":true,"nostrPubkey":"0000000000000000000000000000000000000000000000000000000000000005""#,
                "nostrPubkey",
            ),
        ] {
            let json = alloc::format!(
                r#"{{"callback":"https://x.com/cb","minSendable":1,"maxSendable":2,{extra}}}"#
            );
            let r = PayResponse::parse(&json).unwrap();
            assert_eq!(r.invalid_nostr_field, Some(field), "{json}");
            assert_eq!(r.zap_pubkey(), None, "{json}");
            assert!(r.check_amount(2).is_ok());
        }
        let good = r#"{"callback":"https://x.com/cb","minSendable":1,"maxSendable":2,"allowsNostr":true,"nostrPubkey":"79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"}"#;
        let r = PayResponse::parse(good).unwrap();
        assert_eq!(r.invalid_nostr_field, None);
        assert!(r.zap_pubkey().is_some());
        let cases: [(&str, LnurlError); 7] = [
            ("[]", LnurlError::InvalidJson("not an object".into())),
            (
                r#"{"status":"ERROR","reason":"nope"}"#,
                LnurlError::ServiceError("nope".into()),
            ),
            (
                r#"{"tag":"withdrawRequest"}"#,
                LnurlError::NotPayRequest("withdrawRequest".into()),
            ),
            (r#"{"minSendable":1}"#, LnurlError::MissingField("callback")),
            (
                r#"{"callback":"http://x.com/cb"}"#,
                LnurlError::InvalidUrl("http://x.com/cb".into()),
            ),
            (
                r#"{"callback":"https://x.com","minSendable":1.5,"maxSendable":2}"#,
                LnurlError::InvalidField("minSendable"),
            ),
            (
                r#"{"callback":"https://x.com","minSendable":3,"maxSendable":2}"#,
                LnurlError::InvalidRange { min: 3, max: 2 },
            ),
        ];
        for (json, err) in cases {
            assert_eq!(PayResponse::parse(json), Err(err.into()), "{json}");
        }
        assert_eq!(
            parse_invoice_response(r#"{"pr":"lnbc1","routes":[]}"#).unwrap(),
            "lnbc1"
        );
        assert_eq!(
            parse_invoice_response(r#"{"routes":[]}"#),
            Err(LnurlError::MissingField("pr").into())
        );
    }
}
