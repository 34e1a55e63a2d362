//! NIP-11 relay information document: typed, parsed leniently, serialized back.
//!
//! Relays in the wild publish documents with numbers as strings, fields of the
//! wrong type and fields no NIP defines. [`RelayInformation::from_json`] fails only
//! when the text is not a JSON object; within it:
//!
//! - a known field of the wrong type that can be read sensibly is converted
//!   (`"30"` or `30.0` for a number, `"true"` or `1` for a boolean, a single string
//!   for a list of strings);
//! - a known field that cannot be read at all is left out of the typed field and
//!   kept verbatim in [`RelayInformation::extra`] under its own name, so nothing is
//!   lost (list items that cannot be read, such as `"x"` in `supported_nips`, are
//!   dropped);
//! - unknown fields are kept in `extra` (and in [`Limitation::extra`],
//!   [`Fees::extra`], ... at their level) and written back.
//!
//! Serializing writes the typed fields in NIP-11 order, then `extra`; parsing the
//! output gives the same value back.
//!
//! # Example
//! ```
//! use nostr_core::nip11::RelayInformation;
//! let doc = RelayInformation::from_json(r#"{
//!     "name": "nostr.example", "supported_nips": [1, 11, "42"],
//!     "limitation": {"max_message_length": 16384, "auth_required": "false"},
//!     "x-custom": {"kept": true}
//! }"#)?;
//! assert_eq!(doc.name.as_deref(), Some("nostr.example"));
//! assert_eq!(doc.supported_nips, Some(vec![1, 11, 42]));
//! let limitation = doc.limitation.as_ref().unwrap();
//! assert_eq!(limitation.max_message_length, Some(16384));
//! assert_eq!(limitation.auth_required, Some(false));
//! assert!(doc.extra.contains_key("x-custom"));
//! assert_eq!(RelayInformation::from_json(&doc.to_json())?, doc);
//! # Ok::<(), nostr_core::Error>(())
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde_json::{Map, Number, Value};

use crate::error::Error;
use crate::keys::PublicKey;

/// The `Accept` header value that asks a relay for this document.
pub const ACCEPT: &str = "application/nostr+json";

/// A NIP-11 relay information document. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RelayInformation {
    /// `name`.
    pub name: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `banner`: image URL.
    pub banner: Option<String>,
    /// `icon`: image URL.
    pub icon: Option<String>,
    /// `pubkey`: administrative contact (hex; see [`RelayInformation::admin_pubkey`]).
    pub pubkey: Option<String>,
    /// `self`: the relay's own pubkey (hex; see [`RelayInformation::relay_pubkey`]).
    pub self_pubkey: Option<String>,
    /// `contact`: alternative contact URI.
    pub contact: Option<String>,
    /// `supported_nips`.
    pub supported_nips: Option<Vec<u32>>,
    /// `software`: URL of the implementation.
    pub software: Option<String>,
    /// `version`.
    pub version: Option<String>,
    /// `terms_of_service`: URL.
    pub terms_of_service: Option<String>,
    /// `privacy_policy`: URL.
    pub privacy_policy: Option<String>,
    /// `posting_policy`: URL.
    pub posting_policy: Option<String>,
    /// `limitation`: server limitations.
    pub limitation: Option<Limitation>,
    /// `retention`: how long events of which kinds are kept.
    pub retention: Option<Vec<Retention>>,
    /// `relay_countries`: ISO 3166 codes.
    pub relay_countries: Option<Vec<String>>,
    /// `language_tags`: IETF language tags.
    pub language_tags: Option<Vec<String>>,
    /// `tags`: community tags.
    pub tags: Option<Vec<String>>,
    /// `payments_url`.
    pub payments_url: Option<String>,
    /// `fees`: pay-to-relay fee schedules.
    pub fees: Option<Fees>,
    /// Every other field, and known fields that could not be read, verbatim.
    pub extra: Map<String, Value>,
}

/// The `limitation` block.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Limitation {
    /// `max_message_length`: bytes of the largest incoming message.
    pub max_message_length: Option<u64>,
    /// `max_subscriptions`: per connection.
    pub max_subscriptions: Option<u64>,
    /// `max_limit`: the relay clamps each filter's `limit` to this.
    pub max_limit: Option<u64>,
    /// `max_subid_length`.
    pub max_subid_length: Option<u64>,
    /// `max_event_tags`.
    pub max_event_tags: Option<u64>,
    /// `max_content_length`: in Unicode characters.
    pub max_content_length: Option<u64>,
    /// `min_pow_difficulty` (NIP-13).
    pub min_pow_difficulty: Option<u64>,
    /// `auth_required` (NIP-42).
    pub auth_required: Option<bool>,
    /// `payment_required`.
    pub payment_required: Option<bool>,
    /// `restricted_writes`.
    pub restricted_writes: Option<bool>,
    /// `created_at_lower_limit`: seconds into the past.
    pub created_at_lower_limit: Option<u64>,
    /// `created_at_upper_limit`: seconds into the future.
    pub created_at_upper_limit: Option<u64>,
    /// `default_limit`: events returned for a filter without `limit`.
    pub default_limit: Option<u64>,
    /// Other fields, verbatim.
    pub extra: Map<String, Value>,
}

/// One `retention` entry: kinds (all when absent) kept for `time` seconds and/or
/// up to `count` events (`time: 0` means not stored).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Retention {
    /// The kinds, as single kinds or inclusive ranges.
    pub kinds: Option<Vec<KindRange>>,
    /// Seconds kept.
    pub time: Option<u64>,
    /// Most events kept.
    pub count: Option<u64>,
    /// Other fields, verbatim.
    pub extra: Map<String, Value>,
}

/// An inclusive range of kinds (`5` is `5..=5`, `[40, 49]` is `40..=49`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KindRange {
    /// First kind.
    pub start: u16,
    /// Last kind (inclusive).
    pub end: u16,
}

impl KindRange {
    /// Whether `kind` is in the range.
    pub fn contains(&self, kind: crate::Kind) -> bool {
        (self.start..=self.end).contains(&kind.as_u16())
    }
}

/// The `fees` block.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fees {
    /// `admission`.
    pub admission: Option<Vec<Fee>>,
    /// `subscription`.
    pub subscription: Option<Vec<Fee>>,
    /// `publication`.
    pub publication: Option<Vec<Fee>>,
    /// Other fee kinds, verbatim.
    pub extra: Map<String, Value>,
}

/// One fee.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fee {
    /// `amount`.
    pub amount: Option<u64>,
    /// `unit` (such as `msats`).
    pub unit: Option<String>,
    /// `period`: seconds (subscriptions).
    pub period: Option<u64>,
    /// `kinds` (publication fees).
    pub kinds: Option<Vec<u16>>,
    /// Other fields, verbatim.
    pub extra: Map<String, Value>,
}

impl RelayInformation {
    /// Parses a document leniently (see the [module docs](self)).
    ///
    /// # Errors
    /// [`Error::InvalidRelayInformation`] when the text is not JSON or not an object.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| Error::InvalidRelayInformation(e.to_string()))?;
        Self::from_value(value)
    }

    /// Reads a parsed JSON value leniently.
    ///
    /// # Errors
    /// [`Error::InvalidRelayInformation`] when it is not an object.
    pub fn from_value(value: Value) -> Result<Self, Error> {
        let Value::Object(map) = value else {
            return Err(Error::InvalidRelayInformation(String::from(
                "the document must be a JSON object",
            )));
        };
        let mut doc = Self::default();
        for (key, v) in map {
            let kept = match key.as_str() {
                "name" => put(&mut doc.name, v, string),
                "description" => put(&mut doc.description, v, string),
                "banner" => put(&mut doc.banner, v, string),
                "icon" => put(&mut doc.icon, v, string),
                "pubkey" => put(&mut doc.pubkey, v, string),
                "self" => put(&mut doc.self_pubkey, v, string),
                "contact" => put(&mut doc.contact, v, string),
                "supported_nips" => put(&mut doc.supported_nips, v, |v| list(v, u32_of)),
                "software" => put(&mut doc.software, v, string),
                "version" => put(&mut doc.version, v, string),
                "terms_of_service" => put(&mut doc.terms_of_service, v, string),
                "privacy_policy" => put(&mut doc.privacy_policy, v, string),
                "posting_policy" => put(&mut doc.posting_policy, v, string),
                "limitation" => put(&mut doc.limitation, v, Limitation::from_value),
                "retention" => put(&mut doc.retention, v, |v| list(v, Retention::from_value)),
                "relay_countries" => put(&mut doc.relay_countries, v, string_list),
                "language_tags" => put(&mut doc.language_tags, v, string_list),
                "tags" => put(&mut doc.tags, v, string_list),
                "payments_url" => put(&mut doc.payments_url, v, string),
                "fees" => put(&mut doc.fees, v, Fees::from_value),
                _ => Some(v),
            };
            if let Some(v) = kept {
                doc.extra.insert(key, v);
            }
        }
        Ok(doc)
    }

    /// The document as a JSON value: typed fields, then `extra`.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        out(&mut m, "name", self.name.as_deref(), str_value);
        out(
            &mut m,
            "description",
            self.description.as_deref(),
            str_value,
        );
        out(&mut m, "banner", self.banner.as_deref(), str_value);
        out(&mut m, "icon", self.icon.as_deref(), str_value);
        out(&mut m, "pubkey", self.pubkey.as_deref(), str_value);
        out(&mut m, "self", self.self_pubkey.as_deref(), str_value);
        out(&mut m, "contact", self.contact.as_deref(), str_value);
        out(
            &mut m,
            "supported_nips",
            self.supported_nips.as_ref(),
            |v| Value::Array(v.iter().map(|n| Value::from(*n)).collect()),
        );
        out(&mut m, "software", self.software.as_deref(), str_value);
        out(&mut m, "version", self.version.as_deref(), str_value);
        out(
            &mut m,
            "terms_of_service",
            self.terms_of_service.as_deref(),
            str_value,
        );
        out(
            &mut m,
            "privacy_policy",
            self.privacy_policy.as_deref(),
            str_value,
        );
        out(
            &mut m,
            "posting_policy",
            self.posting_policy.as_deref(),
            str_value,
        );
        out(
            &mut m,
            "limitation",
            self.limitation.as_ref(),
            Limitation::to_value,
        );
        out(&mut m, "retention", self.retention.as_ref(), |v| {
            Value::Array(v.iter().map(Retention::to_value).collect())
        });
        out(
            &mut m,
            "relay_countries",
            self.relay_countries.as_deref(),
            strings_value,
        );
        out(
            &mut m,
            "language_tags",
            self.language_tags.as_deref(),
            strings_value,
        );
        out(&mut m, "tags", self.tags.as_deref(), strings_value);
        out(
            &mut m,
            "payments_url",
            self.payments_url.as_deref(),
            str_value,
        );
        out(&mut m, "fees", self.fees.as_ref(), Fees::to_value);
        extend(&mut m, &self.extra);
        Value::Object(m)
    }

    /// Compact JSON.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The `pubkey` field as a key, when it is 64 lowercase hex characters.
    pub fn admin_pubkey(&self) -> Option<PublicKey> {
        PublicKey::from_hex(self.pubkey.as_deref()?).ok()
    }

    /// The `self` field as a key, when it is 64 lowercase hex characters.
    pub fn relay_pubkey(&self) -> Option<PublicKey> {
        PublicKey::from_hex(self.self_pubkey.as_deref()?).ok()
    }

    /// Whether `supported_nips` lists `nip`.
    pub fn supports(&self, nip: u32) -> bool {
        self.supported_nips
            .as_ref()
            .is_some_and(|nips| nips.contains(&nip))
    }
}

impl Limitation {
    fn from_value(v: Value) -> Option<Self> {
        let Value::Object(map) = v else { return None };
        let mut l = Self::default();
        for (key, v) in map {
            let kept = match key.as_str() {
                "max_message_length" => put(&mut l.max_message_length, v, u64_of),
                "max_subscriptions" => put(&mut l.max_subscriptions, v, u64_of),
                "max_limit" => put(&mut l.max_limit, v, u64_of),
                "max_subid_length" => put(&mut l.max_subid_length, v, u64_of),
                "max_event_tags" => put(&mut l.max_event_tags, v, u64_of),
                "max_content_length" => put(&mut l.max_content_length, v, u64_of),
                "min_pow_difficulty" => put(&mut l.min_pow_difficulty, v, u64_of),
                "auth_required" => put(&mut l.auth_required, v, bool_of),
                "payment_required" => put(&mut l.payment_required, v, bool_of),
                "restricted_writes" => put(&mut l.restricted_writes, v, bool_of),
                "created_at_lower_limit" => put(&mut l.created_at_lower_limit, v, u64_of),
                "created_at_upper_limit" => put(&mut l.created_at_upper_limit, v, u64_of),
                "default_limit" => put(&mut l.default_limit, v, u64_of),
                _ => Some(v),
            };
            if let Some(v) = kept {
                l.extra.insert(key, v);
            }
        }
        Some(l)
    }

    /// The block as a JSON value.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        let numbers = [
            ("max_message_length", self.max_message_length),
            ("max_subscriptions", self.max_subscriptions),
            ("max_limit", self.max_limit),
            ("max_subid_length", self.max_subid_length),
            ("max_event_tags", self.max_event_tags),
            ("max_content_length", self.max_content_length),
            ("min_pow_difficulty", self.min_pow_difficulty),
            ("created_at_lower_limit", self.created_at_lower_limit),
            ("created_at_upper_limit", self.created_at_upper_limit),
            ("default_limit", self.default_limit),
        ];
        for (key, v) in numbers {
            out(&mut m, key, v.as_ref(), |v| Value::from(*v));
        }
        let flags = [
            ("auth_required", self.auth_required),
            ("payment_required", self.payment_required),
            ("restricted_writes", self.restricted_writes),
        ];
        for (key, v) in flags {
            out(&mut m, key, v.as_ref(), |v| Value::Bool(*v));
        }
        extend(&mut m, &self.extra);
        Value::Object(m)
    }
}

impl Retention {
    fn from_value(v: Value) -> Option<Self> {
        let Value::Object(map) = v else { return None };
        let mut r = Self::default();
        for (key, v) in map {
            let kept = match key.as_str() {
                "kinds" => put(&mut r.kinds, v, |v| list(v, KindRange::from_value)),
                "time" => put(&mut r.time, v, u64_of),
                "count" => put(&mut r.count, v, u64_of),
                _ => Some(v),
            };
            if let Some(v) = kept {
                r.extra.insert(key, v);
            }
        }
        Some(r)
    }

    /// The entry as a JSON value.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        out(&mut m, "kinds", self.kinds.as_ref(), |v| {
            Value::Array(v.iter().copied().map(KindRange::to_value).collect())
        });
        out(&mut m, "time", self.time.as_ref(), |v| Value::from(*v));
        out(&mut m, "count", self.count.as_ref(), |v| Value::from(*v));
        extend(&mut m, &self.extra);
        Value::Object(m)
    }
}

impl KindRange {
    fn from_value(v: Value) -> Option<Self> {
        match v {
            Value::Array(pair) => {
                let mut it = pair.into_iter();
                let (Some(a), Some(b), None) = (it.next(), it.next(), it.next()) else {
                    return None;
                };
                let (start, end) = (u16_of(a)?, u16_of(b)?);
                (start <= end).then_some(Self { start, end })
            }
            other => u16_of(other).map(|k| Self { start: k, end: k }),
        }
    }

    fn to_value(self) -> Value {
        if self.start == self.end {
            Value::from(self.start)
        } else {
            Value::Array(alloc::vec![Value::from(self.start), Value::from(self.end)])
        }
    }
}

impl Fees {
    fn from_value(v: Value) -> Option<Self> {
        let Value::Object(map) = v else { return None };
        let mut f = Self::default();
        for (key, v) in map {
            let fees = |v| list(v, Fee::from_value);
            let kept = match key.as_str() {
                "admission" => put(&mut f.admission, v, fees),
                "subscription" => put(&mut f.subscription, v, fees),
                "publication" => put(&mut f.publication, v, fees),
                _ => Some(v),
            };
            if let Some(v) = kept {
                f.extra.insert(key, v);
            }
        }
        Some(f)
    }

    /// The block as a JSON value.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        let fees = |v: &[Fee]| Value::Array(v.iter().map(Fee::to_value).collect());
        out(&mut m, "admission", self.admission.as_deref(), fees);
        out(&mut m, "subscription", self.subscription.as_deref(), fees);
        out(&mut m, "publication", self.publication.as_deref(), fees);
        extend(&mut m, &self.extra);
        Value::Object(m)
    }
}

impl Fee {
    fn from_value(v: Value) -> Option<Self> {
        let Value::Object(map) = v else { return None };
        let mut f = Self::default();
        for (key, v) in map {
            let kept = match key.as_str() {
                "amount" => put(&mut f.amount, v, u64_of),
                "unit" => put(&mut f.unit, v, string),
                "period" => put(&mut f.period, v, u64_of),
                "kinds" => put(&mut f.kinds, v, |v| list(v, u16_of)),
                _ => Some(v),
            };
            if let Some(v) = kept {
                f.extra.insert(key, v);
            }
        }
        Some(f)
    }

    /// The fee as a JSON value.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        out(&mut m, "amount", self.amount.as_ref(), |v| Value::from(*v));
        out(&mut m, "unit", self.unit.as_deref(), str_value);
        out(&mut m, "period", self.period.as_ref(), |v| Value::from(*v));
        out(&mut m, "kinds", self.kinds.as_ref(), |v| {
            Value::Array(v.iter().map(|k| Value::from(*k)).collect())
        });
        extend(&mut m, &self.extra);
        Value::Object(m)
    }
}

impl serde::Serialize for RelayInformation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for RelayInformation {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(value).map_err(serde::de::Error::custom)
    }
}

/// Reads `v` into `slot`; gives the value back (to keep in `extra`) when it
/// cannot be read. A later duplicate key cannot happen (JSON objects parse into a
/// map that keeps the last value).
fn put<T>(slot: &mut Option<T>, v: Value, read: impl FnOnce(Value) -> Option<T>) -> Option<Value> {
    // `null` is "absent" for every field.
    if v.is_null() {
        return None;
    }
    let keep = v.clone();
    match read(v) {
        Some(t) => {
            *slot = Some(t);
            None
        }
        None => Some(keep),
    }
}

fn out<T: ?Sized>(
    m: &mut Map<String, Value>,
    key: &str,
    v: Option<&T>,
    write: impl FnOnce(&T) -> Value,
) {
    if let Some(v) = v {
        m.insert(String::from(key), write(v));
    }
}

fn extend(m: &mut Map<String, Value>, extra: &Map<String, Value>) {
    for (k, v) in extra {
        if !m.contains_key(k) {
            m.insert(k.clone(), v.clone());
        }
    }
}

fn str_value(s: &str) -> Value {
    Value::String(String::from(s))
}

fn strings_value(v: &[String]) -> Value {
    Value::Array(v.iter().cloned().map(Value::String).collect())
}

fn string(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// A list; a lone value is read as a one-item list. Items that cannot be read are
/// dropped.
fn list<T>(v: Value, item: impl Fn(Value) -> Option<T>) -> Option<Vec<T>> {
    match v {
        Value::Array(items) => Some(items.into_iter().filter_map(item).collect()),
        Value::Object(_) => None,
        one => item(one).map(|t| alloc::vec![t]),
    }
}

fn string_list(v: Value) -> Option<Vec<String>> {
    list(v, string)
}

fn u64_of(v: Value) -> Option<u64> {
    match v {
        Value::Number(n) => number_u64(&n),
        Value::String(s) => {
            let s = s.trim();
            crate::tag::parse_decimal(s)
        }
        _ => None,
    }
}

fn number_u64(n: &Number) -> Option<u64> {
    if let Some(u) = n.as_u64() {
        return Some(u);
    }
    let f = n.as_f64()?;
    // Integral, non-negative floats (`30.0`) within u64's exact range.
    if f.is_finite() && (0.0..=9_007_199_254_740_992.0).contains(&f) && f == (f as u64) as f64 {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked above"
        )]
        return Some(f as u64);
    }
    None
}

fn u32_of(v: Value) -> Option<u32> {
    u64_of(v).and_then(|n| u32::try_from(n).ok())
}

fn u16_of(v: Value) -> Option<u16> {
    u64_of(v).and_then(|n| u16::try_from(n).ok())
}

fn bool_of(v: Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(b),
        Value::String(s) => match s.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        Value::Number(n) => match n.as_u64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_and_lossless() {
        let doc = RelayInformation::from_json(
            r#"{"name":5,"supported_nips":"11","limitation":{"max_limit":"500","min_pow_difficulty":12.0,
               "payment_required":1,"weird":[1]},"retention":[{"kinds":[0,1,[5,7],[9,8]],"time":3600}],
               "fees":{"admission":[{"amount":1000,"unit":"msats"}],"other":[]},"tags":"sfw-only","icon":null}"#,
        )
        .unwrap();
        assert_eq!(doc.name, None);
        assert_eq!(doc.extra.get("name"), Some(&Value::from(5)));
        assert_eq!(doc.supported_nips, Some(alloc::vec![11]));
        let l = doc.limitation.as_ref().unwrap();
        assert_eq!(l.max_limit, Some(500));
        assert_eq!(l.min_pow_difficulty, Some(12));
        assert_eq!(l.payment_required, Some(true));
        assert!(l.extra.contains_key("weird"));
        let r = &doc.retention.as_ref().unwrap()[0];
        assert_eq!(
            r.kinds.as_deref().unwrap(),
            [
                KindRange { start: 0, end: 0 },
                KindRange { start: 1, end: 1 },
                KindRange { start: 5, end: 7 }
            ]
        );
        assert!(r.kinds.as_deref().unwrap()[2].contains(crate::Kind::new(6)));
        assert_eq!(
            doc.fees.as_ref().unwrap().admission.as_ref().unwrap()[0].amount,
            Some(1000)
        );
        assert!(doc.fees.as_ref().unwrap().extra.contains_key("other"));
        assert_eq!(doc.tags, Some(alloc::vec![String::from("sfw-only")]));
        assert_eq!(doc.icon, None);
        let again = RelayInformation::from_json(&doc.to_json()).unwrap();
        assert_eq!(again, doc);
    }

    #[test]
    fn refuses_non_objects() {
        for bad in ["", "[]", "1", "\"x\"", "{", "{\"a\":1} x"] {
            assert!(matches!(
                RelayInformation::from_json(bad),
                Err(Error::InvalidRelayInformation(_))
            ));
        }
    }
}
