//! `nostr bolt11` and `nostr zap validate`: BOLT-11 invoices and NIP-57 receipts.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use nostr_core::hex;
use nostr_zap::bolt11::{Description, Fallback, Network};
use nostr_zap::{Invoice, ValidatedZap, ZapWarning};
use serde::Serialize;
use serde_json::{Value, json};

use crate::cmd::nip19::parse_pubkey;
use crate::error::{CliError, CliResult, Context};
use crate::{input, output};

/// Arguments of `nostr bolt11`.
#[derive(Debug, Args)]
pub(crate) struct Bolt11Args {
    /// The invoice (`lnbc...`, upper case and a `lightning:` prefix accepted); `-` or
    /// none reads standard input.
    invoice: Option<String>,
}

/// Runs `nostr bolt11`.
pub(crate) fn bolt11(args: Bolt11Args) -> CliResult<ExitCode> {
    let text = input::text_or_stdin(args.invoice.as_deref())?;
    let invoice = Invoice::decode(text.trim()).context("invalid bolt11 invoice")?;
    output::json(&invoice_json(&invoice))?;
    Ok(ExitCode::SUCCESS)
}

/// The JSON form of a decoded invoice: every field, hashes and keys in hex.
fn invoice_json(inv: &Invoice) -> Value {
    let network = match inv.network {
        Network::Bitcoin => "bitcoin",
        Network::Testnet => "testnet",
        Network::Signet => "signet",
        Network::Regtest => "regtest",
        Network::Simnet => "simnet",
        _ => "unknown",
    };
    let mut v = json!({
        "network": network,
        "amount_msat": inv.amount_msat,
        "timestamp": inv.timestamp,
        "expiry": inv.expiry(),
        "expires_at": inv.expires_at(),
        "payment_hash": hex::encode(&inv.payment_hash),
        "payment_secret": hex::encode(&inv.payment_secret),
        "payee": hex::encode(&inv.payee.serialize()),
        "payee_explicit": inv.payee_explicit,
        "min_final_cltv_expiry_delta": inv.min_final_cltv_expiry_delta(),
        "features": inv.features.as_ref().map(|f| f.bits().collect::<Vec<_>>()),
        "fallbacks": inv.fallbacks.iter().map(fallback_json).collect::<Vec<_>>(),
        "route_hints": inv.route_hints.iter().map(|route| {
            route.iter().map(|hop| json!({
                "pubkey": hex::encode(&hop.pubkey),
                "short_channel_id": hop.short_channel_id,
                "fee_base_msat": hop.fee_base_msat,
                "fee_proportional_millionths": hop.fee_proportional_millionths,
                "cltv_expiry_delta": hop.cltv_expiry_delta,
            })).collect::<Vec<_>>()
        }).collect::<Vec<_>>(),
        "metadata": inv.metadata.as_deref().map(hex::encode),
        "unknown_fields": inv.unknown_fields.iter().map(|f| json!({
            "tag": f.tag,
            "data": f.data,
        })).collect::<Vec<_>>(),
        "signature": hex::encode(&inv.signature),
        "recovery_id": inv.recovery_id,
    });
    if let Some(obj) = v.as_object_mut() {
        match &inv.description {
            Description::Direct(text) => obj.insert("description".into(), json!(text)),
            Description::Hash(hash) => {
                obj.insert("description_hash".into(), json!(hex::encode(hash)))
            }
        };
    }
    v
}

fn fallback_json(f: &Fallback) -> Value {
    match f {
        Fallback::SegWit { version, program } => {
            json!({ "type": "segwit", "version": version, "program": hex::encode(program) })
        }
        Fallback::PubKeyHash(h) => json!({ "type": "p2pkh", "hash": hex::encode(h) }),
        Fallback::ScriptHash(h) => json!({ "type": "p2sh", "hash": hex::encode(h) }),
        _ => json!({ "type": "unknown" }),
    }
}

/// Arguments of `nostr zap`.
#[derive(Debug, Args)]
pub(crate) struct ZapArgs {
    #[command(subcommand)]
    action: ZapAction,
}

/// What `nostr zap` does.
#[derive(Debug, Subcommand)]
enum ZapAction {
    /// Validate a zap receipt (kind 9735) as NIP-57 Appendix F asks; prints a JSON
    /// verdict and exits with status 1 when the receipt is invalid.
    Validate {
        /// The receipt: inline JSON, a file, or `-` / none for standard input.
        receipt: Option<String>,
        /// The recipient's LNURL provider key (`nostrPubkey`; hex or npub).
        #[arg(long, value_name = "PUBKEY")]
        provider: String,
        /// The recipient's lnurl, when known (checked against the request's).
        #[arg(long, value_name = "LNURL")]
        lnurl: Option<String>,
    },
}

/// Runs `nostr zap`.
pub(crate) fn run(args: ZapArgs) -> CliResult<ExitCode> {
    match args.action {
        ZapAction::Validate {
            receipt,
            provider,
            lnurl,
        } => {
            let provider = parse_pubkey(&provider)?;
            let receipt = input::json_document(receipt.as_deref())?;
            match ValidatedZap::from_json(receipt.trim(), &provider, lnurl.as_deref()) {
                Ok(zap) => {
                    output::line(&verdict_json(&zap)?)?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(err) => {
                    let verdict = Invalid {
                        valid: false,
                        error: err.to_string(),
                    };
                    let text = serde_json::to_string(&verdict)
                        .map_err(|e| CliError::msg(format!("cannot serialize output: {e}")))?;
                    output::line(&text)?;
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}

/// The verdict for a receipt that failed validation (same shape as `verify`'s).
#[derive(Serialize)]
struct Invalid {
    valid: bool,
    error: String,
}

/// The verdict for a valid zap, `valid` first.
#[derive(Serialize)]
struct Valid {
    valid: bool,
    receipt_id: String,
    paid_at: u64,
    provider: String,
    amount_msat: u64,
    sender: String,
    recipient: String,
    event: Option<String>,
    coordinate: Option<String>,
    kind: Option<u16>,
    comment: String,
    anonymous: bool,
    warnings: Vec<String>,
}

/// The verdict for a valid zap.
fn verdict_json(zap: &ValidatedZap) -> CliResult<String> {
    let target = zap.target();
    let verdict = Valid {
        valid: true,
        receipt_id: zap.receipt_id.to_hex(),
        paid_at: zap.paid_at.as_secs(),
        provider: zap.provider.to_hex(),
        amount_msat: zap.amount_msat,
        sender: zap.sender().to_hex(),
        recipient: zap.recipient().to_hex(),
        event: target.event.map(|id| id.to_hex()),
        coordinate: target.coordinate.map(|c| c.to_string()),
        kind: target.kind.map(nostr_core::Kind::as_u16),
        comment: zap.comment().to_owned(),
        anonymous: zap.is_anonymous(),
        warnings: zap.warnings.iter().map(warning_text).collect(),
    };
    serde_json::to_string(&verdict)
        .map_err(|e| CliError::msg(format!("cannot serialize output: {e}")))
}

/// A SHOULD-level finding in words.
fn warning_text(w: &ZapWarning) -> String {
    match w {
        ZapWarning::LnurlMismatch { request, expected } => {
            format!("the request's lnurl {request} is not the recipient's {expected}")
        }
        ZapWarning::DescriptionHashMismatch => {
            "the invoice's description hash is not sha-256 of the description".to_owned()
        }
        ZapWarning::DescriptionNotHashed => {
            "the invoice has a plain description instead of a description hash".to_owned()
        }
        ZapWarning::PreimageMismatch => "the preimage does not hash to the payment hash".to_owned(),
        other => format!("{other:?}"),
    }
}
