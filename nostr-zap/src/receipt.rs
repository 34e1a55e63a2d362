//! Zap receipts (kind 9735): building them as an LNURL server (NIP-57 Appendix E) and
//! validating them as a client (Appendix F).

use alloc::string::String;
use alloc::vec::Vec;

use nostr_core::{
    Coordinate, Event, EventBuilder, EventId, Keys, Kind, PublicKey, Tag, Timestamp, UnsignedEvent,
};
use sha2::{Digest, Sha256};

use crate::bolt11::{Description, Invoice};
use crate::error::{Error, ReceiptError};
use crate::request::ZapRequest;

/// Builds a zap receipt from the paid invoice and the zap request *as received*.
///
/// The `description` tag is the request string byte for byte (never re-serialized:
/// the invoice's description hash commits to those exact bytes). The builder is strict:
/// the request must pass Appendix D (without the query amount), its `amount` must equal
/// the invoice amount, the invoice's `h` must be SHA-256 of the request string, and a
/// preimage must hash to the payment hash. Tags: `p`, `P` (request author), `e`, `a`,
/// `k` (as in the request), `bolt11`, `description`, `preimage`; content is empty.
///
/// # Example
/// See the crate-level example for the whole trip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZapReceiptBuilder<'a> {
    bolt11: &'a str,
    request_json: &'a str,
    preimage: Option<[u8; 32]>,
}

impl<'a> ZapReceiptBuilder<'a> {
    /// Starts a receipt for the paid `bolt11` invoice issued for `request_json`.
    pub fn new(bolt11: &'a str, request_json: &'a str) -> Self {
        Self {
            bolt11,
            request_json,
            preimage: None,
        }
    }

    /// Adds the payment preimage (`preimage` tag).
    #[must_use]
    pub fn preimage(mut self, preimage: [u8; 32]) -> Self {
        self.preimage = Some(preimage);
        self
    }

    /// The unsigned receipt by `signer` (the server's `nostrPubkey`) at `paid_at`
    /// (the invoice's paid-at time, for idempotency).
    ///
    /// # Errors
    /// [`ReceiptError::InvalidBolt11`], [`ReceiptError::InvalidRequest`],
    /// [`ReceiptError::InvoiceWithoutAmount`] (validation would not count such a zap),
    /// [`ReceiptError::AmountMismatch`], [`ReceiptError::DescriptionHashMismatch`],
    /// [`ReceiptError::PreimageMismatch`].
    pub fn build(&self, signer: PublicKey, paid_at: Timestamp) -> Result<UnsignedEvent, Error> {
        Ok(self.event_builder()?.build(signer, paid_at))
    }

    /// Signs the receipt with the server's keys.
    ///
    /// # Errors
    /// As [`ZapReceiptBuilder::build`].
    #[cfg(feature = "std")]
    pub fn sign(&self, signer: &Keys, paid_at: Timestamp) -> Result<Event, Error> {
        Ok(self.event_builder()?.sign_at(signer, paid_at))
    }

    /// Signs with caller-chosen BIP-340 auxiliary randomness (no_std).
    ///
    /// # Errors
    /// As [`ZapReceiptBuilder::build`].
    pub fn sign_with_aux(
        &self,
        signer: &Keys,
        paid_at: Timestamp,
        aux: &[u8; 32],
    ) -> Result<Event, Error> {
        Ok(self.event_builder()?.sign_at_with_aux(signer, paid_at, aux))
    }

    fn event_builder(&self) -> Result<EventBuilder, ReceiptError> {
        let invoice = Invoice::decode(self.bolt11).map_err(|e| match e {
            Error::Bolt11(b) => ReceiptError::InvalidBolt11(b),
            _ => ReceiptError::MissingBolt11,
        })?;
        let event = Event::from_json(self.request_json)
            .map_err(|e| ReceiptError::InvalidRequest(crate::RequestError::Json(e)))?;
        let request = ZapRequest::check_embedded(event).map_err(ReceiptError::InvalidRequest)?;
        // Refuse what validation would refuse: a receipt for an invoice without an
        // amount counts for nothing.
        let invoice_amount = invoice
            .amount_msat
            .ok_or(ReceiptError::InvoiceWithoutAmount)?;
        if let Some(request_amount) = request.amount_msat {
            if request_amount != invoice_amount {
                return Err(ReceiptError::AmountMismatch {
                    invoice: invoice_amount,
                    request: request_amount,
                });
            }
        }
        let hash: [u8; 32] = Sha256::digest(self.request_json.as_bytes()).into();
        if invoice.description_hash() != Some(&hash) {
            return Err(ReceiptError::DescriptionHashMismatch);
        }
        if let Some(preimage) = &self.preimage {
            let h: [u8; 32] = Sha256::digest(preimage).into();
            if h != invoice.payment_hash {
                return Err(ReceiptError::PreimageMismatch);
            }
        }
        let tags = &request.event.tags;
        let mut out: Vec<Tag> = Vec::with_capacity(8);
        out.extend(tags.find("p").map(Tag::from));
        out.push(Tag::new("P", [request.event.pubkey.to_hex()]));
        out.extend(tags.find("e").map(Tag::from));
        out.extend(tags.find("a").map(Tag::from));
        out.extend(tags.find("k").map(Tag::from));
        out.push(Tag::new("bolt11", [self.bolt11]));
        out.push(Tag::new("description", [self.request_json]));
        if let Some(preimage) = &self.preimage {
            out.push(Tag::new("preimage", [nostr_core::hex::encode(preimage)]));
        }
        Ok(EventBuilder::new(Kind::ZAP_RECEIPT, "").tags(out))
    }
}

/// A SHOULD-level problem found while validating a receipt: the zap is valid and
/// counted, and this is reported beside it rather than hidden.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ZapWarning {
    /// The request's `lnurl` is not the recipient's lnurl (Appendix F, SHOULD).
    LnurlMismatch {
        /// The request's `lnurl`.
        request: String,
        /// The lnurl the caller expected.
        expected: String,
    },
    /// SHA-256 of the `description` is not the invoice's description hash (Appendix E,
    /// SHOULD). About half of the receipts in the wild: the server re-serialized the
    /// request.
    DescriptionHashMismatch,
    /// The invoice carries a plain `d` description instead of a description hash.
    DescriptionNotHashed,
    /// The `preimage` tag is not hex of 32 bytes hashing to the payment hash.
    PreimageMismatch,
}

impl core::fmt::Display for ZapWarning {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::LnurlMismatch { request, expected } => write!(
                f,
                "the request's lnurl {request} is not the recipient's lnurl {expected}"
            ),
            Self::DescriptionHashMismatch => f.write_str(
                "the invoice's description hash is not SHA-256 of the receipt's description",
            ),
            Self::DescriptionNotHashed => {
                f.write_str("the invoice has a plain description, not a description hash")
            }
            Self::PreimageMismatch => {
                f.write_str("the preimage tag does not hash to the invoice's payment hash")
            }
        }
    }
}

/// Who and what a zap is for: the recipient (`p`) and the zapped event and/or address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ZapTarget {
    /// `p`: the zapped user.
    pub recipient: PublicKey,
    /// `e`: the zapped event (for a stream with a goal, the goal).
    pub event: Option<EventId>,
    /// `a`: the zapped addressable event (a live stream, an article, ...).
    pub coordinate: Option<Coordinate>,
    /// `k`: the zapped event's kind, when the request gave it.
    pub kind: Option<Kind>,
}

/// A zap receipt that passed NIP-57 Appendix F validation.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidatedZap {
    /// The receipt's id.
    pub receipt_id: EventId,
    /// The receipt's `created_at` (the paid-at time).
    pub paid_at: Timestamp,
    /// The receipt's author (the LNURL provider's `nostrPubkey`).
    pub provider: PublicKey,
    /// The embedded zap request, validated.
    pub request: ZapRequest,
    /// The decoded invoice.
    pub invoice: Invoice,
    /// The amount paid, in millisatoshis (the invoice amount).
    pub amount_msat: u64,
    /// SHOULD-level problems, empty for a fully clean zap.
    pub warnings: Vec<ZapWarning>,
}

impl ValidatedZap {
    /// Validates a receipt as NIP-57 Appendix F asks, given the recipient's LNURL
    /// provider key (`nostrPubkey`, from their LNURL-pay response) and, when known, the
    /// recipient's lnurl.
    ///
    /// MUST-level failures are errors, checked in this order: kind 9735; author is
    /// `provider`; id and signature; `bolt11` present and a valid invoice (with its
    /// signature); `description` present and a valid zap request (Appendix D rules,
    /// signature included); the invoice has an amount, equal to the request's `amount`
    /// when present; receipt `p` = request `p`; receipt `e` and `a` equal the
    /// request's (both absent or both the same); receipt `P`, when present, is the
    /// request author.
    ///
    /// SHOULD-level findings are [`ZapWarning`]s in the result: request `lnurl` ≠
    /// `recipient_lnurl` (compared case-insensitively), description hash mismatch or a
    /// plain `d` description, preimage mismatch.
    ///
    /// # Errors
    /// [`Error::Receipt`] with the failed check.
    pub fn validate(
        receipt: &Event,
        provider: &PublicKey,
        recipient_lnurl: Option<&str>,
    ) -> Result<Self, Error> {
        Ok(validate(receipt, provider, recipient_lnurl)?)
    }

    /// Parses receipt JSON, then [`ValidatedZap::validate`].
    ///
    /// # Errors
    /// [`ReceiptError::Json`] or as [`ValidatedZap::validate`].
    pub fn from_json(
        json: &str,
        provider: &PublicKey,
        recipient_lnurl: Option<&str>,
    ) -> Result<Self, Error> {
        let event = Event::from_json(json).map_err(ReceiptError::Json)?;
        Self::validate(&event, provider, recipient_lnurl)
    }

    /// The sender: the request's author (a throwaway key for anonymous zaps, see
    /// [`ValidatedZap::is_anonymous`]).
    pub fn sender(&self) -> PublicKey {
        self.request.sender()
    }

    /// The zapped user.
    pub fn recipient(&self) -> PublicKey {
        self.request.recipient
    }

    /// Who and what was zapped.
    pub fn target(&self) -> ZapTarget {
        ZapTarget {
            recipient: self.request.recipient,
            event: self.request.event_id,
            coordinate: self.request.coordinate.clone(),
            kind: self.request.target_kind,
        }
    }

    /// The zap comment.
    pub fn comment(&self) -> &str {
        self.request.comment()
    }

    /// Whether the request was anonymous (`anon` tag).
    pub fn is_anonymous(&self) -> bool {
        self.request.anonymous
    }

    /// Whether no SHOULD-level warning was raised.
    pub fn is_clean(&self) -> bool {
        self.warnings.is_empty()
    }
}

fn validate(
    receipt: &Event,
    provider: &PublicKey,
    recipient_lnurl: Option<&str>,
) -> Result<ValidatedZap, ReceiptError> {
    if receipt.kind != Kind::ZAP_RECEIPT {
        return Err(ReceiptError::WrongKind(receipt.kind));
    }
    if receipt.pubkey != *provider {
        return Err(ReceiptError::UnexpectedAuthor {
            found: receipt.pubkey,
            expected: *provider,
        });
    }
    receipt.verify().map_err(ReceiptError::InvalidSignature)?;
    let tags = &receipt.tags;
    let bolt11 = tags
        .first_value("bolt11")
        .ok_or(ReceiptError::MissingBolt11)?;
    let invoice = Invoice::decode(bolt11).map_err(|e| match e {
        Error::Bolt11(b) => ReceiptError::InvalidBolt11(b),
        _ => ReceiptError::MissingBolt11,
    })?;
    let description = tags
        .first_value("description")
        .ok_or(ReceiptError::MissingDescription)?;
    let request_event = Event::from_json(description)
        .map_err(|e| ReceiptError::InvalidRequest(crate::RequestError::Json(e)))?;
    let request =
        ZapRequest::check_embedded(request_event).map_err(ReceiptError::InvalidRequest)?;

    let amount_msat = invoice
        .amount_msat
        .ok_or(ReceiptError::InvoiceWithoutAmount)?;
    if let Some(requested) = request.amount_msat {
        if requested != amount_msat {
            return Err(ReceiptError::AmountMismatch {
                invoice: amount_msat,
                request: requested,
            });
        }
    }

    let receipt_p = tags
        .find("p")
        .and_then(|t| t.value())
        .and_then(|v| PublicKey::from_hex(v).ok());
    if receipt_p != Some(request.recipient) {
        return Err(ReceiptError::RecipientMismatch {
            expected: request.recipient,
        });
    }
    let receipt_e = match tags.find("e") {
        None => None,
        Some(t) => Some(t.value().and_then(|v| EventId::from_hex(v).ok()).ok_or(
            ReceiptError::EventMismatch {
                expected: request.event_id,
            },
        )?),
    };
    if receipt_e != request.event_id {
        return Err(ReceiptError::EventMismatch {
            expected: request.event_id,
        });
    }
    let receipt_a = match tags.find("a") {
        None => None,
        Some(t) => Some(
            Coordinate::parse(t.value().unwrap_or_default())
                .map_err(|_| ReceiptError::CoordinateMismatch)?,
        ),
    };
    if receipt_a != request.coordinate {
        return Err(ReceiptError::CoordinateMismatch);
    }
    if let Some(p) = tags.find("P") {
        if p.value() != Some(request.event.pubkey.to_hex().as_str()) {
            return Err(ReceiptError::SenderMismatch {
                expected: request.event.pubkey,
            });
        }
    }

    let mut warnings = Vec::new();
    if let (Some(theirs), Some(expected)) = (request.lnurl.as_deref(), recipient_lnurl) {
        if !theirs.trim().eq_ignore_ascii_case(expected.trim()) {
            warnings.push(ZapWarning::LnurlMismatch {
                request: String::from(theirs),
                expected: String::from(expected),
            });
        }
    }
    match &invoice.description {
        Description::Hash(h) => {
            let computed: [u8; 32] = Sha256::digest(description.as_bytes()).into();
            if computed != *h {
                warnings.push(ZapWarning::DescriptionHashMismatch);
            }
        }
        Description::Direct(_) => warnings.push(ZapWarning::DescriptionNotHashed),
    }
    if let Some(preimage) = tags.first_value("preimage") {
        let ok = nostr_core::hex::decode_array::<32>(preimage)
            .map(|p| <[u8; 32]>::from(Sha256::digest(p)) == invoice.payment_hash)
            .unwrap_or(false);
        if !ok {
            warnings.push(ZapWarning::PreimageMismatch);
        }
    }

    Ok(ValidatedZap {
        receipt_id: receipt.id,
        paid_at: receipt.created_at,
        provider: receipt.pubkey,
        request,
        invoice,
        amount_msat,
        warnings,
    })
}
