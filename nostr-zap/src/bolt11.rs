//! BOLT-11 Lightning invoice decoding, with signature checking and payee key recovery.
//!
//! [`Invoice::decode`] takes the invoice string (any case, optionally prefixed with
//! `lightning:`) and returns every field BOLT-11 defines, after checking the bech32
//! checksum (over the whole string: invoices are longer than bech32's usual limits) and
//! the signature: against the `n` field when present (low-S required), otherwise by
//! recovering the payee key from the signature (high-S accepted), as BOLT-11 "Tagged
//! Fields", reader requirements, says.
//!
//! # Example
//! ```
//! use nostr_zap::bolt11::{Description, Invoice, Network};
//!
//! let invoice = Invoice::decode(
//!     "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh",
//! )?;
//! assert_eq!(invoice.network, Network::Bitcoin);
//! assert_eq!(invoice.amount_msat, Some(250_000_000));
//! assert_eq!(invoice.description, Description::Direct("1 cup coffee".into()));
//! assert_eq!(invoice.expiry(), 60);
//! assert_eq!(
//!     invoice.payee.serialize(),
//!     *b"\x03\xe7\x15\x6a\xe3\x3b\x0a\x20\x8d\x07\x44\x19\x91\x63\x17\x7e\x90\x9e\x80\x17\x6e\x55\xd9\x7a\x2f\x22\x1e\xde\x0f\x93\x4d\xd9\xad",
//! );
//! # Ok::<(), nostr_zap::Error>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;

use secp256k1::ecdsa::{RecoverableSignature, RecoveryId, Signature as EcdsaSignature};
use secp256k1::{Message, PublicKey as NodeKey};
use sha2::{Digest, Sha256};

use crate::bech32;
use crate::error::{Bolt11Error, Error};

/// The number of 5-bit groups in the timestamp.
const TIMESTAMP_GROUPS: usize = 7;
/// The number of 5-bit groups in the signature (64 bytes + recovery id = 520 bits).
const SIGNATURE_GROUPS: usize = 104;

/// Even feature bits this decoder understands in the `9` field (BOLT-9, context `9`):
/// `var_onion_optin` (8), `payment_secret` (14), `basic_mpp` (16),
/// `option_route_blinding` (24), `option_payment_metadata` (48). Any other even bit set
/// fails the decode ("it's ok to be odd"); odd bits are ignored.
pub const KNOWN_REQUIRED_FEATURES: [usize; 5] = [8, 14, 16, 24, 48];

/// The chain an invoice is payable on, from the human-readable prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Network {
    /// `lnbc`: Bitcoin mainnet.
    Bitcoin,
    /// `lntb`: Bitcoin testnet.
    Testnet,
    /// `lntbs`: Bitcoin signet.
    Signet,
    /// `lnbcrt`: Bitcoin regtest.
    Regtest,
    /// `lnsb`: Bitcoin simnet.
    Simnet,
}

impl Network {
    /// The BIP-173 currency prefix (`bc`, `tb`, `tbs`, `bcrt`, `sb`).
    pub const fn currency_prefix(self) -> &'static str {
        match self {
            Self::Bitcoin => "bc",
            Self::Testnet => "tb",
            Self::Signet => "tbs",
            Self::Regtest => "bcrt",
            Self::Simnet => "sb",
        }
    }

    fn from_currency(s: &str) -> Option<Self> {
        Some(match s {
            "bc" => Self::Bitcoin,
            "tb" => Self::Testnet,
            "tbs" => Self::Signet,
            "bcrt" => Self::Regtest,
            "sb" => Self::Simnet,
            _ => return None,
        })
    }
}

/// What the invoice says the payment is for: `d` (inline) or `h` (SHA-256 of a
/// description transported elsewhere, as NIP-57 zaps do).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Description {
    /// The `d` field: a UTF-8 description.
    Direct(String),
    /// The `h` field: SHA-256 of the description.
    Hash([u8; 32]),
}

/// An on-chain fallback address (`f` field), as raw script data.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fallback {
    /// Witness version 0..=16 and its program (P2WPKH, P2WSH, P2TR, ...).
    SegWit {
        /// Witness version.
        version: u8,
        /// Witness program (2 to 40 bytes).
        program: Vec<u8>,
    },
    /// Version 17: a P2PKH public key hash.
    PubKeyHash([u8; 20]),
    /// Version 18: a P2SH script hash.
    ScriptHash([u8; 20]),
}

/// One hop of a private route (`r` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RouteHop {
    /// Node id of the start of the channel (33-byte compressed key, not validated).
    pub pubkey: [u8; 33],
    /// The short channel id (block height << 40 | tx index << 16 | output index).
    pub short_channel_id: u64,
    /// Base fee in millisatoshis.
    pub fee_base_msat: u32,
    /// Proportional fee in millionths.
    pub fee_proportional_millionths: u32,
    /// CLTV expiry delta.
    pub cltv_expiry_delta: u16,
}

/// The `9` field: a big-endian feature bit vector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Features {
    /// 5-bit groups, most significant first.
    groups: Vec<u8>,
}

impl Features {
    /// Whether feature bit `bit` (0 = least significant) is set.
    pub fn is_set(&self, bit: usize) -> bool {
        let group = bit / 5;
        let Some(index) = self.groups.len().checked_sub(group + 1) else {
            return false;
        };
        self.groups
            .get(index)
            .is_some_and(|g| (g >> (bit % 5)) & 1 == 1)
    }

    /// All set bits, ascending.
    pub fn bits(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.groups.len() * 5).filter(|&b| self.is_set(b))
    }

    /// Whether the payee supports or requires `basic_mpp` (bits 16/17).
    pub fn supports_basic_mpp(&self) -> bool {
        self.is_set(16) || self.is_set(17)
    }
}

/// A tagged field this decoder does not interpret, kept for the caller.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownField {
    /// The 5-bit field type.
    pub tag: u8,
    /// The field's 5-bit data values.
    pub data: Vec<u8>,
}

/// A decoded, signature-checked BOLT-11 invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Invoice {
    /// The chain, from the prefix.
    pub network: Network,
    /// The amount in millisatoshis, when the invoice states one.
    pub amount_msat: Option<u64>,
    /// Creation time, seconds since 1970.
    pub timestamp: u64,
    /// `p`: SHA-256 payment hash (the first well-formed one).
    pub payment_hash: [u8; 32],
    /// `s`: payment secret.
    pub payment_secret: [u8; 32],
    /// `d` or `h`.
    pub description: Description,
    /// The payee node key: the `n` field when present, otherwise recovered from the signature.
    pub payee: NodeKey,
    /// Whether `payee` came from an explicit `n` field.
    pub payee_explicit: bool,
    /// `x`: expiry in seconds, when given (see [`Invoice::expiry`]).
    pub expiry_secs: Option<u64>,
    /// `c`: `min_final_cltv_expiry_delta`, when given (see [`Invoice::min_final_cltv_expiry_delta`]).
    pub min_final_cltv: Option<u64>,
    /// `9`: feature bits, when given.
    pub features: Option<Features>,
    /// `f`: fallback addresses with known versions, in order of preference.
    pub fallbacks: Vec<Fallback>,
    /// `r`: private routes, each a list of hops.
    pub route_hints: Vec<Vec<RouteHop>>,
    /// `m`: payment metadata.
    pub metadata: Option<Vec<u8>>,
    /// Fields with types BOLT-11 does not define (readers skip them), kept in order.
    pub unknown_fields: Vec<UnknownField>,
    /// How many known fields were skipped: `p`/`h`/`s`/`n` of the wrong length, `f` with
    /// an unknown version, and repeats of single-valued fields after the first.
    pub skipped_fields: usize,
    /// The 64-byte compact signature (r || s) as written (possibly high-S).
    pub signature: [u8; 64],
    /// The recovery id, 0..=3.
    pub recovery_id: u8,
    /// SHA-256 of the signed data (hrp bytes + data part, zero-padded to bytes).
    pub signed_hash: [u8; 32],
}

impl Invoice {
    /// Decodes and checks an invoice.
    ///
    /// Upper-case invoices (QR codes) and a `lightning:` URI prefix are accepted.
    ///
    /// Where BOLT-11's prose and its examples differ, the examples win: a `p`, `h`, `s`
    /// or `n` field of the wrong length is skipped (the "fields which must be ignored"
    /// example is listed as valid), and the decode then fails only if no well-formed
    /// `p` / `s` / description remains. Non-minimal `x`, `c` and `9` fields are
    /// rejected (BOLT-11: "SHOULD treat the invoice as invalid"). Amounts with leading
    /// zeros, or of zero, are rejected.
    ///
    /// # Errors
    /// [`Error::Bolt11`] with the precise [`Bolt11Error`].
    pub fn decode(s: &str) -> Result<Self, Error> {
        Ok(decode(s)?)
    }

    /// Expiry in seconds (`x`, default 3600).
    pub fn expiry(&self) -> u64 {
        self.expiry_secs.unwrap_or(3600)
    }

    /// Seconds since 1970 after which the invoice should not be paid
    /// (`timestamp + expiry`, saturating).
    pub fn expires_at(&self) -> u64 {
        self.timestamp.saturating_add(self.expiry())
    }

    /// `min_final_cltv_expiry_delta` (`c`, default 18).
    pub fn min_final_cltv_expiry_delta(&self) -> u64 {
        self.min_final_cltv.unwrap_or(18)
    }

    /// The description hash (`h`), if the invoice has one.
    pub fn description_hash(&self) -> Option<&[u8; 32]> {
        match &self.description {
            Description::Hash(h) => Some(h),
            Description::Direct(_) => None,
        }
    }
}

impl core::str::FromStr for Invoice {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::decode(s)
    }
}

/// Strips a `lightning:` URI prefix, any case.
fn strip_uri(s: &str) -> &str {
    match s.get(..10) {
        Some(p) if p.eq_ignore_ascii_case("lightning:") => s.get(10..).unwrap_or_default(),
        _ => s,
    }
}

/// Parses the human-readable part: `ln` + currency + optional amount + multiplier.
fn parse_hrp(hrp: &str) -> Result<(Network, Option<u64>), Bolt11Error> {
    let rest = hrp.strip_prefix("ln").ok_or(Bolt11Error::NotLightning)?;
    let digits_at = rest
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (currency, amount) = rest.split_at(digits_at);
    let network = Network::from_currency(currency)
        .ok_or_else(|| Bolt11Error::UnknownCurrency(String::from(currency)))?;
    if amount.is_empty() {
        return Ok((network, None));
    }
    let (number, multiplier) = match amount.char_indices().last() {
        Some((i, c)) if !c.is_ascii_digit() => (amount.get(..i).unwrap_or_default(), Some(c)),
        _ => (amount, None),
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || number.starts_with('0') {
        return Err(Bolt11Error::InvalidAmount(String::from(amount)));
    }
    let value: u64 = number.parse().map_err(|_| Bolt11Error::AmountOverflow)?;
    // 1 BTC = 10^11 msat.
    let msat = match multiplier {
        None => value.checked_mul(100_000_000_000),
        Some('m') => value.checked_mul(100_000_000),
        Some('u') => value.checked_mul(100_000),
        Some('n') => value.checked_mul(100),
        Some('p') => {
            if value % 10 != 0 {
                return Err(Bolt11Error::SubMillisatoshi);
            }
            Some(value / 10)
        }
        Some(c) => return Err(Bolt11Error::UnknownMultiplier(c)),
    }
    .ok_or(Bolt11Error::AmountOverflow)?;
    Ok((network, Some(msat)))
}

/// Big-endian integer of 5-bit groups, minimal encoding required.
fn parse_int(tag: char, data: &[u8]) -> Result<u64, Bolt11Error> {
    if data.first() == Some(&0) {
        return Err(Bolt11Error::NonMinimalField(tag));
    }
    if data.len() > 12 {
        return Err(Bolt11Error::FieldOverflow(tag));
    }
    Ok(data.iter().fold(0u64, |acc, &v| (acc << 5) | u64::from(v)))
}

fn parse_fallback(data: &[u8]) -> Result<Option<Fallback>, Bolt11Error> {
    let Some((&version, program)) = data.split_first() else {
        return Ok(None);
    };
    let (bytes, _) = bech32::to_bytes(program);
    Ok(Some(match version {
        0..=16 => {
            if !(2..=40).contains(&bytes.len())
                || (version == 0 && ![20, 32].contains(&bytes.len()))
            {
                return Err(Bolt11Error::InvalidFallback { version });
            }
            Fallback::SegWit {
                version,
                program: bytes,
            }
        }
        17 | 18 => {
            let hash: [u8; 20] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| Bolt11Error::InvalidFallback { version })?;
            if version == 17 {
                Fallback::PubKeyHash(hash)
            } else {
                Fallback::ScriptHash(hash)
            }
        }
        // Versions 19..=31: readers MUST skip.
        _ => return Ok(None),
    }))
}

fn parse_route(data: &[u8]) -> Result<Vec<RouteHop>, Bolt11Error> {
    let (bytes, _) = bech32::to_bytes(data);
    if bytes.is_empty() || bytes.len() % 51 != 0 {
        return Err(Bolt11Error::InvalidRouteHint);
    }
    let mut hops = Vec::with_capacity(bytes.len() / 51);
    for chunk in bytes.chunks_exact(51) {
        let (pubkey, rest) = chunk.split_at(33);
        let (scid, rest) = rest.split_at(8);
        let (base, rest) = rest.split_at(4);
        let (prop, cltv) = rest.split_at(4);
        let bad = |_| Bolt11Error::InvalidRouteHint;
        hops.push(RouteHop {
            pubkey: pubkey.try_into().map_err(bad)?,
            short_channel_id: u64::from_be_bytes(scid.try_into().map_err(bad)?),
            fee_base_msat: u32::from_be_bytes(base.try_into().map_err(bad)?),
            fee_proportional_millionths: u32::from_be_bytes(prop.try_into().map_err(bad)?),
            cltv_expiry_delta: u16::from_be_bytes(cltv.try_into().map_err(bad)?),
        });
    }
    Ok(hops)
}

fn parse_features(data: &[u8]) -> Result<Features, Bolt11Error> {
    if data.first() == Some(&0) {
        return Err(Bolt11Error::NonMinimalField('9'));
    }
    let features = Features {
        groups: data.to_vec(),
    };
    if let Some(bit) = features
        .bits()
        .find(|b| b % 2 == 0 && !KNOWN_REQUIRED_FEATURES.contains(b))
    {
        return Err(Bolt11Error::UnknownRequiredFeature(bit));
    }
    Ok(features)
}

/// The bech32 letter of a 5-bit field type (for error messages).
fn tag_char(tag: u8) -> char {
    bech32::char_of(tag)
}

#[allow(clippy::too_many_lines, reason = "one match arm per BOLT-11 field")]
fn decode(s: &str) -> Result<Invoice, Bolt11Error> {
    let decoded = bech32::decode(strip_uri(s))?;
    let (network, amount_msat) = parse_hrp(&decoded.hrp)?;
    let data = decoded.data.as_slice();
    if data.len() < TIMESTAMP_GROUPS + SIGNATURE_GROUPS {
        return Err(Bolt11Error::TooShort { groups: data.len() });
    }
    let (signed, sig_groups) = data.split_at(data.len() - SIGNATURE_GROUPS);
    let (ts, mut fields) = signed.split_at(TIMESTAMP_GROUPS);
    let timestamp = ts.iter().fold(0u64, |acc, &v| (acc << 5) | u64::from(v));

    let mut payment_hash = None;
    let mut payment_secret = None;
    let mut direct = None;
    let mut hash = None;
    let mut payee_n = None;
    let mut expiry_secs = None;
    let mut min_final_cltv = None;
    let mut features = None;
    let mut metadata = None;
    let mut fallbacks = Vec::new();
    let mut route_hints = Vec::new();
    let mut unknown_fields = Vec::new();
    let mut skipped_fields = 0usize;

    let mut position = TIMESTAMP_GROUPS;
    while let Some((&tag, rest)) = fields.split_first() {
        let truncated = Bolt11Error::TruncatedField {
            tag: tag_char(tag),
            position,
        };
        let [hi, lo] = *rest.get(..2).ok_or(truncated.clone())? else {
            return Err(truncated);
        };
        let len = usize::from(hi) * 32 + usize::from(lo);
        let body = rest.get(2..2 + len).ok_or(truncated)?;
        fields = rest.get(2 + len..).unwrap_or_default();
        position += 3 + len;

        // Sets a single-valued field once; later repeats are skipped.
        macro_rules! once {
            ($slot:ident, $value:expr) => {
                if $slot.is_none() {
                    $slot = Some($value);
                } else {
                    skipped_fields += 1;
                }
            };
        }
        match tag {
            // p: payment hash
            1 if len == 52 => once!(payment_hash, to32(body)?),
            // s: payment secret
            16 if len == 52 => once!(payment_secret, to32(body)?),
            // h: description hash
            23 if len == 52 => once!(hash, to32(body)?),
            // n: payee node key. BOLT-11 uses it only "if a valid `n` field is
            // provided" and recovers the key otherwise, so one that is not a curve
            // point is skipped like an unknown field.
            19 if len == 53 => {
                match bech32::to_array::<33>(body).and_then(|k| NodeKey::from_slice(&k).ok()) {
                    Some(key) => once!(payee_n, key),
                    None => skipped_fields += 1,
                }
            }
            1 | 16 | 23 | 19 => skipped_fields += 1,
            // d: description
            13 => {
                let (bytes, _) = bech32::to_bytes(body);
                let text = String::from_utf8(bytes).map_err(|_| Bolt11Error::InvalidDescription)?;
                once!(direct, text);
            }
            // x: expiry
            6 => once!(expiry_secs, parse_int('x', body)?),
            // c: min_final_cltv_expiry_delta
            24 => once!(min_final_cltv, parse_int('c', body)?),
            // 9: features
            5 => once!(features, parse_features(body)?),
            // m: metadata
            27 => once!(metadata, bech32::to_bytes(body).0),
            // f: fallback
            9 => match parse_fallback(body)? {
                Some(f) => fallbacks.push(f),
                None => skipped_fields += 1,
            },
            // r: route hint
            3 => route_hints.push(parse_route(body)?),
            _ => unknown_fields.push(UnknownField {
                tag,
                data: body.to_vec(),
            }),
        }
    }

    let payment_hash = payment_hash.ok_or(Bolt11Error::MissingPaymentHash)?;
    let description = match (direct, hash) {
        (Some(d), None) => Description::Direct(d),
        (None, Some(h)) => Description::Hash(h),
        (None, None) => return Err(Bolt11Error::MissingDescription),
        (Some(_), Some(_)) => return Err(Bolt11Error::BothDescriptions),
    };
    let payment_secret = payment_secret.ok_or(Bolt11Error::MissingPaymentSecret)?;

    // Signature: 65 bytes, r || s || recovery id.
    let (sig_bytes, _) = bech32::to_bytes(sig_groups);
    let (rs, recid) = sig_bytes.split_at(64.min(sig_bytes.len()));
    let signature: [u8; 64] = rs
        .try_into()
        .map_err(|_| Bolt11Error::SignatureNotRecoverable)?;
    let recovery_id = *recid.first().ok_or(Bolt11Error::SignatureNotRecoverable)?;

    let mut hasher = Sha256::new();
    hasher.update(decoded.hrp.as_bytes());
    bech32::feed_bytes(signed, |chunk| hasher.update(chunk));
    let signed_hash: [u8; 32] = hasher.finalize().into();
    let message = Message::from_digest(signed_hash);
    let ctx = nostr_core::secp256k1_context();

    // The recovery id is 0..=3 whether or not `n` makes it unused.
    if recovery_id > 3 {
        return Err(Bolt11Error::SignatureNotRecoverable);
    }
    let (payee, payee_explicit) = if let Some(key) = payee_n {
        // BOLT-11: with `n`, verify against it; high-S MUST fail (libsecp256k1's
        // verify accepts lower-S only).
        let sig =
            EcdsaSignature::from_compact(&signature).map_err(|_| Bolt11Error::InvalidSignature)?;
        ctx.verify_ecdsa(&message, &sig, &key)
            .map_err(|_| Bolt11Error::InvalidSignature)?;
        (key, true)
    } else {
        let id = RecoveryId::try_from(i32::from(recovery_id))
            .map_err(|_| Bolt11Error::SignatureNotRecoverable)?;
        // Without `n`, high-S is accepted: BOLT-11's "Public-key recovery with high-S
        // signature" example recovers the same key as its low-S twin with the same
        // recovery id, i.e. `s` is normalized to low-S before recovery.
        let mut standard = EcdsaSignature::from_compact(&signature)
            .map_err(|_| Bolt11Error::SignatureNotRecoverable)?;
        standard.normalize_s();
        let sig = RecoverableSignature::from_compact(&standard.serialize_compact(), id)
            .map_err(|_| Bolt11Error::SignatureNotRecoverable)?;
        let key = ctx
            .recover_ecdsa(&message, &sig)
            .map_err(|_| Bolt11Error::SignatureNotRecoverable)?;
        (key, false)
    };

    Ok(Invoice {
        network,
        amount_msat,
        timestamp,
        payment_hash,
        payment_secret,
        description,
        payee,
        payee_explicit,
        expiry_secs,
        min_final_cltv,
        features,
        fallbacks,
        route_hints,
        metadata,
        unknown_fields,
        skipped_fields,
        signature,
        recovery_id,
        signed_hash,
    })
}

/// Writes signed BOLT-11 invoices: what a Lightning node does for an LNURL server.
/// Enough for tests, examples and tooling that need real invoices (a zap's description
/// hash invoice); signatures are deterministic (RFC 6979), so the spec's examples
/// re-encode byte for byte.
///
/// Fields are written in the order `s`, `p`, `d`/`h`, `x`, `c`, `9`; the amount uses the
/// largest multiplier that represents it exactly (BOLT-11: "SHOULD use the shortest
/// representation").
///
/// # Example
/// ```
/// use nostr_core::secp256k1::SecretKey;
/// use nostr_zap::bolt11::{Description, Invoice, InvoiceBuilder, Network};
///
/// let node = SecretKey::from_byte_array(&[7u8; 32]).unwrap();
/// let text = InvoiceBuilder::new(Network::Bitcoin, [1u8; 32], [2u8; 32], 1_700_000_000)
///     .amount_msat(21_000)
///     .description_hash([3u8; 32])
///     .sign(&node)?;
/// assert!(text.starts_with("lnbc210n1"));
/// let invoice = Invoice::decode(&text)?;
/// assert_eq!(invoice.amount_msat, Some(21_000));
/// assert_eq!(invoice.description, Description::Hash([3u8; 32]));
/// # Ok::<(), nostr_zap::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceBuilder {
    network: Network,
    amount_msat: Option<u64>,
    timestamp: u64,
    payment_hash: [u8; 32],
    payment_secret: [u8; 32],
    description: Description,
    expiry_secs: Option<u64>,
    min_final_cltv: Option<u64>,
    feature_bits: Vec<usize>,
    payee_field: bool,
}

impl InvoiceBuilder {
    /// An invoice on `network` for `payment_hash`, with `payment_secret`, created at
    /// `timestamp` (seconds; only the low 35 bits are encodable), with an empty `d`.
    pub fn new(
        network: Network,
        payment_hash: [u8; 32],
        payment_secret: [u8; 32],
        timestamp: u64,
    ) -> Self {
        Self {
            network,
            amount_msat: None,
            timestamp,
            payment_hash,
            payment_secret,
            description: Description::Direct(String::new()),
            expiry_secs: None,
            min_final_cltv: None,
            feature_bits: alloc::vec![8, 14],
            payee_field: false,
        }
    }

    /// Also writes the payee key as an `n` field (readers then verify instead of
    /// recovering).
    #[must_use]
    pub fn payee_field(mut self) -> Self {
        self.payee_field = true;
        self
    }

    /// The amount in millisatoshis.
    #[must_use]
    pub fn amount_msat(mut self, msat: u64) -> Self {
        self.amount_msat = Some(msat);
        self
    }

    /// An inline description (`d`).
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Description::Direct(text.into());
        self
    }

    /// A description hash (`h`), as zaps use: SHA-256 of the zap request JSON.
    #[must_use]
    pub fn description_hash(mut self, hash: [u8; 32]) -> Self {
        self.description = Description::Hash(hash);
        self
    }

    /// Expiry in seconds (`x`).
    #[must_use]
    pub fn expiry_secs(mut self, secs: u64) -> Self {
        self.expiry_secs = Some(secs);
        self
    }

    /// `min_final_cltv_expiry_delta` (`c`).
    #[must_use]
    pub fn min_final_cltv(mut self, delta: u64) -> Self {
        self.min_final_cltv = Some(delta);
        self
    }

    /// Feature bits for the `9` field (default: 8 and 14; empty omits the field).
    #[must_use]
    pub fn features(mut self, bits: impl IntoIterator<Item = usize>) -> Self {
        self.feature_bits = bits.into_iter().collect();
        self
    }

    /// Signs with the node's secret key and returns the invoice string (lower case).
    /// Fields: `s`, `p`, `d`/`h`, `n` (if asked), `x`, `c`, `9`.
    ///
    /// # Errors
    /// [`Bolt11Error::DescriptionTooLong`] when a `d` description is over 639 bytes
    /// (one tagged field's limit: use a description hash).
    pub fn sign(&self, node: &secp256k1::SecretKey) -> Result<String, Error> {
        let (hrp, data) = self.unsigned_parts(node)?;
        Ok(sign_and_encode(&hrp, data, node))
    }

    /// The human-readable part and the 5-bit data groups before the signature.
    fn unsigned_parts(&self, node: &secp256k1::SecretKey) -> Result<(String, Vec<u8>), Error> {
        let mut hrp = String::from("ln");
        hrp.push_str(self.network.currency_prefix());
        if let Some(msat) = self.amount_msat {
            hrp.push_str(&amount_string(msat));
        }
        let mut data: Vec<u8> = Vec::with_capacity(512);
        for i in (0..TIMESTAMP_GROUPS).rev() {
            data.push(group(self.timestamp >> (5 * i)));
        }
        push_field(&mut data, 16, &bech32::from_bytes(&self.payment_secret));
        push_field(&mut data, 1, &bech32::from_bytes(&self.payment_hash));
        match &self.description {
            Description::Direct(d) => {
                if d.len() > 639 {
                    return Err(Bolt11Error::DescriptionTooLong.into());
                }
                push_field(&mut data, 13, &bech32::from_bytes(d.as_bytes()));
            }
            Description::Hash(h) => push_field(&mut data, 23, &bech32::from_bytes(h)),
        }
        if self.payee_field {
            let key = secp256k1::PublicKey::from_secret_key(nostr_core::secp256k1_context(), node);
            push_field(&mut data, 19, &bech32::from_bytes(&key.serialize()));
        }
        if let Some(x) = self.expiry_secs {
            push_field(&mut data, 6, &int_groups(x));
        }
        if let Some(c) = self.min_final_cltv {
            push_field(&mut data, 24, &int_groups(c));
        }
        if let Some(&top) = self.feature_bits.iter().max() {
            let mut groups = alloc::vec![0u8; top / 5 + 1];
            let n = groups.len();
            for &bit in &self.feature_bits {
                if let Some(g) = groups.get_mut(n - 1 - bit / 5) {
                    *g |= 1 << (bit % 5);
                }
            }
            push_field(&mut data, 5, &groups);
        }
        Ok((hrp, data))
    }
}

/// The 65-byte recoverable signature (r || s || recovery id) over `hrp` and `data`.
fn invoice_signature(hrp: &str, data: &[u8], node: &secp256k1::SecretKey) -> [u8; 65] {
    let mut hasher = Sha256::new();
    hasher.update(hrp.as_bytes());
    bech32::feed_bytes(data, |chunk| hasher.update(chunk));
    let message = Message::from_digest(hasher.finalize().into());
    let sig = nostr_core::secp256k1_context().sign_ecdsa_recoverable(&message, node);
    let (id, compact) = sig.serialize_compact();
    let mut sig_bytes = [0u8; 65];
    sig_bytes[..64].copy_from_slice(&compact);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "0..=3"
    )]
    {
        sig_bytes[64] = i32::from(id) as u8;
    }
    sig_bytes
}

/// Appends the signature to the data groups and writes the bech32 string.
fn sign_and_encode(hrp: &str, mut data: Vec<u8>, node: &secp256k1::SecretKey) -> String {
    let sig_bytes = invoice_signature(hrp, &data, node);
    data.extend(bech32::from_bytes(&sig_bytes));
    bech32::encode(hrp, &data)
}

#[allow(clippy::cast_possible_truncation, reason = "masked to 5 bits")]
fn group(v: u64) -> u8 {
    (v & 31) as u8
}

/// Minimal big-endian 5-bit groups of an integer (empty for 0).
fn int_groups(mut v: u64) -> Vec<u8> {
    let mut out = Vec::new();
    while v > 0 {
        out.push(group(v));
        v >>= 5;
    }
    out.reverse();
    out
}

fn push_field(data: &mut Vec<u8>, tag: u8, body: &[u8]) {
    let len = body.len().min(1023);
    data.push(tag);
    data.push(group((len >> 5) as u64));
    data.push(group(len as u64));
    data.extend_from_slice(body.get(..len).unwrap_or_default());
}

/// The shortest exact amount text: no multiplier, `m`, `u`, `n` or `p`.
fn amount_string(msat: u64) -> String {
    for (unit, suffix) in [
        (100_000_000_000u64, ""),
        (100_000_000, "m"),
        (100_000, "u"),
        (100, "n"),
    ] {
        if msat % unit == 0 {
            return alloc::format!("{}{suffix}", msat / unit);
        }
    }
    alloc::format!("{}0p", msat)
}

fn to32(body: &[u8]) -> Result<[u8; 32], Bolt11Error> {
    bech32::to_array::<32>(body).ok_or(Bolt11Error::MissingPaymentHash)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder() -> InvoiceBuilder {
        InvoiceBuilder::new(Network::Bitcoin, [1; 32], [2; 32], 1_700_000_000)
            .amount_msat(21_000)
            .description("n field tests")
    }

    #[test]
    fn an_invalid_n_is_ignored_and_the_key_recovered() {
        // BOLT-11: use `n` "if a valid `n` field is provided", otherwise recover.
        let node = secp256k1::SecretKey::from_byte_array(&[3u8; 32]).unwrap();
        let key = secp256k1::PublicKey::from_secret_key(nostr_core::secp256k1_context(), &node);
        let (hrp, mut data) = builder().unsigned_parts(&node).unwrap();
        // 33 bytes of the right length that are no point: prefix 0x05 is not 02/03/04.
        let mut bogus = [7u8; 33];
        bogus[0] = 5;
        push_field(&mut data, 19, &bech32::from_bytes(&bogus));
        let invoice = decode(&sign_and_encode(&hrp, data, &node)).unwrap();
        assert_eq!(invoice.payee, key);
        assert!(!invoice.payee_explicit);
        assert_eq!(invoice.skipped_fields, 1);
    }

    #[test]
    fn a_recovery_id_above_3_is_refused_with_or_without_n() {
        let node = secp256k1::SecretKey::from_byte_array(&[3u8; 32]).unwrap();
        for with_n in [false, true] {
            let b = if with_n {
                builder().payee_field()
            } else {
                builder()
            };
            let (hrp, mut data) = b.unsigned_parts(&node).unwrap();
            let mut sig = invoice_signature(&hrp, &data, &node);
            let good = sig[64];
            for recid in [4u8, 7, 255] {
                sig[64] = recid;
                let mut tampered = data.clone();
                tampered.extend(bech32::from_bytes(&sig));
                assert_eq!(
                    decode(&bech32::encode(&hrp, &tampered)),
                    Err(Bolt11Error::SignatureNotRecoverable),
                    "recovery id {recid}, n field {with_n}"
                );
            }
            sig[64] = good;
            data.extend(bech32::from_bytes(&sig));
            assert!(decode(&bech32::encode(&hrp, &data)).is_ok());
        }
    }

    #[test]
    fn hrp_amounts() {
        assert_eq!(parse_hrp("lnbc").unwrap(), (Network::Bitcoin, None));
        assert_eq!(
            parse_hrp("lnbc2500u").unwrap(),
            (Network::Bitcoin, Some(250_000_000))
        );
        assert_eq!(
            parse_hrp("lntbs1m").unwrap(),
            (Network::Signet, Some(100_000_000))
        );
        assert_eq!(
            parse_hrp("lnbcrt10n").unwrap(),
            (Network::Regtest, Some(1000))
        );
        assert_eq!(
            parse_hrp("lnsb1").unwrap(),
            (Network::Simnet, Some(100_000_000_000))
        );
        assert_eq!(parse_hrp("lnbc10p").unwrap(), (Network::Bitcoin, Some(1)));
        assert_eq!(parse_hrp("lnbc11p"), Err(Bolt11Error::SubMillisatoshi));
        assert_eq!(
            parse_hrp("lnbc1x"),
            Err(Bolt11Error::UnknownMultiplier('x'))
        );
        assert_eq!(
            parse_hrp("lnxx1m"),
            Err(Bolt11Error::UnknownCurrency("xx".into()))
        );
        assert_eq!(parse_hrp("bc1m"), Err(Bolt11Error::NotLightning));
        assert_eq!(
            parse_hrp("lnbc01m"),
            Err(Bolt11Error::InvalidAmount("01m".into()))
        );
        assert_eq!(
            parse_hrp("lnbc1mm"),
            Err(Bolt11Error::InvalidAmount("1mm".into()))
        );
        assert_eq!(
            parse_hrp("lnbc184467440737"),
            Err(Bolt11Error::AmountOverflow)
        );
        assert_eq!(
            parse_hrp("lnbc99999999999999999999999m"),
            Err(Bolt11Error::AmountOverflow)
        );
        assert_eq!(
            parse_hrp("lnbc184467440737095516150p"),
            Err(Bolt11Error::AmountOverflow)
        );
        assert_eq!(
            parse_hrp("lnbc18446744073709551610p").unwrap().1,
            Some(1_844_674_407_370_955_161)
        );
    }

    #[test]
    fn truncated_and_malformed_fields() {
        let node = secp256k1::SecretKey::from_byte_array(&[3u8; 32]).unwrap();
        let sig = [0u8; 104];
        let ts = [0u8; 7];
        // A `p` field claiming 52 groups with only 3 before the signature.
        let mut data = ts.to_vec();
        data.extend([1, 1, 20, 0, 0, 0]);
        data.extend(sig);
        let s = bech32::encode("lnbc", &data);
        assert_eq!(
            decode(&s),
            Err(Bolt11Error::TruncatedField {
                tag: 'p',
                position: 7
            })
        );
        // A field header cut after the type.
        let mut data = ts.to_vec();
        data.push(1);
        data.extend(sig);
        assert!(matches!(
            decode(&bech32::encode("lnbc", &data)),
            Err(Bolt11Error::TruncatedField { tag: 'p', .. })
        ));
        // Non-minimal expiry.
        let mut data = ts.to_vec();
        data.extend([6, 0, 2, 0, 1]);
        data.extend(sig);
        assert_eq!(
            decode(&bech32::encode("lnbc", &data)),
            Err(Bolt11Error::NonMinimalField('x'))
        );
        // An overlong expiry.
        let mut data = ts.to_vec();
        data.extend([6, 0, 13]);
        data.extend([31u8; 13]);
        data.extend(sig);
        assert_eq!(
            decode(&bech32::encode("lnbc", &data)),
            Err(Bolt11Error::FieldOverflow('x'))
        );
        // Too short for timestamp + signature.
        assert_eq!(
            decode(&bech32::encode("lnbc", &[0u8; 110])),
            Err(Bolt11Error::TooShort { groups: 110 })
        );
        // Invalid UTF-8 description.
        let mut data = ts.to_vec();
        data.push(13);
        let body = bech32::from_bytes(&[0xff, 0xfe]);
        data.extend([0, u8::try_from(body.len()).unwrap()]);
        data.extend(body);
        data.extend(sig);
        assert_eq!(
            decode(&bech32::encode("lnbc", &data)),
            Err(Bolt11Error::InvalidDescription)
        );
        // With `n`: verified, not recovered; a wrong key fails.
        let text = InvoiceBuilder::new(Network::Bitcoin, [1; 32], [2; 32], 1)
            .description_hash([3; 32])
            .payee_field()
            .sign(&node)
            .unwrap();
        let inv = Invoice::decode(&text).unwrap();
        assert!(inv.payee_explicit);
        assert_eq!(inv.payee, node.public_key(nostr_core::secp256k1_context()));
        let other = secp256k1::SecretKey::from_byte_array(&[4u8; 32]).unwrap();
        let mut forged = bech32::decode(&text).unwrap().data;
        let key = other
            .public_key(nostr_core::secp256k1_context())
            .serialize();
        let n_at = forged.windows(3).position(|w| w == [19, 1, 21]).unwrap();
        forged.splice(n_at + 3..n_at + 3 + 53, bech32::from_bytes(&key));
        assert_eq!(
            decode(&bech32::encode("lnbc", &forged)),
            Err(Bolt11Error::InvalidSignature)
        );
        // Both d and h.
        let mut data = ts.to_vec();
        data.extend([1, 1, 20]);
        data.extend([0u8; 52]);
        data.extend([16, 1, 20]);
        data.extend([0u8; 52]);
        data.extend([23, 1, 20]);
        data.extend([0u8; 52]);
        data.extend([13, 0, 0]);
        data.extend(sig);
        assert_eq!(
            decode(&bech32::encode("lnbc", &data)),
            Err(Bolt11Error::BothDescriptions)
        );
        // Neither.
        let mut data = ts.to_vec();
        data.extend([1, 1, 20]);
        data.extend([0u8; 52]);
        data.extend([16, 1, 20]);
        data.extend([0u8; 52]);
        data.extend(sig);
        assert_eq!(
            decode(&bech32::encode("lnbc", &data)),
            Err(Bolt11Error::MissingDescription)
        );
        // No payment hash.
        let mut data = ts.to_vec();
        data.extend([13, 0, 0]);
        data.extend(sig);
        assert_eq!(
            decode(&bech32::encode("lnbc", &data)),
            Err(Bolt11Error::MissingPaymentHash)
        );
    }

    #[test]
    fn features_bits() {
        let f = parse_features(&[16, 8, 0]).unwrap();
        assert_eq!(f.bits().collect::<Vec<_>>(), [8, 14]);
        assert!(!f.supports_basic_mpp());
        assert_eq!(
            parse_features(&[0, 1]),
            Err(Bolt11Error::NonMinimalField('9'))
        );
        assert_eq!(
            parse_features(&[1, 0, 0]),
            Err(Bolt11Error::UnknownRequiredFeature(10))
        );
    }
}
