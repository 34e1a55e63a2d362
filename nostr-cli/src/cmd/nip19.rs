//! `nostr decode` and `nostr encode`: NIP-19 entities and NIP-21 `nostr:` URIs.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use nostr_core::{Coordinate, EventId, Kind, PublicKey};
use nostr_nip19::{Entity, Naddr, Nevent, NostrUri, Note, Nprofile, Npub, Nsec};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::cmd::event::KeyArgs;
use crate::error::{CliError, CliResult, Context};
use crate::{input, output};

/// Arguments of `nostr decode`.
#[derive(Debug, Args)]
pub(crate) struct DecodeArgs {
    /// NIP-19 entities (npub, nsec, note, nprofile, nevent, naddr, ncryptsec) or
    /// `nostr:` URIs; `-` or none reads them from standard input (separated by
    /// whitespace). One JSON line each.
    #[arg(value_name = "ENTITY")]
    entities: Vec<String>,
}

/// The JSON form of a decoded entity.
#[derive(Serialize)]
struct Decoded<'a> {
    #[serde(rename = "type")]
    prefix: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pubkey: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret_key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coordinate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relays: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ncryptsec: Option<serde_json::Value>,
}

impl<'a> Decoded<'a> {
    fn new(prefix: &'a str) -> Self {
        Self {
            prefix,
            id: None,
            pubkey: None,
            secret_key: None,
            kind: None,
            identifier: None,
            coordinate: None,
            relays: None,
            ncryptsec: None,
        }
    }
}

/// Runs `nostr decode`.
pub(crate) fn decode(args: DecodeArgs) -> CliResult<ExitCode> {
    let mut inputs = args.entities;
    if inputs.is_empty() {
        inputs.push("-".to_owned());
    }
    for arg in &inputs {
        if arg == "-" {
            // Standard input: every whitespace-separated word is an entity.
            let text = Zeroizing::new(input::stdin_text()?);
            let mut any = false;
            for word in text.split_whitespace() {
                print_entity(&parse_entity(word)?)?;
                any = true;
            }
            if !any {
                return Err(CliError::msg("invalid nip-19 entity: empty input"));
            }
        } else {
            print_entity(&parse_entity(arg.trim())?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Decodes a bare entity or a `nostr:` URI.
pub(crate) fn parse_entity(text: &str) -> CliResult<Entity> {
    let is_uri = text
        .get(..6)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("nostr:"));
    if is_uri {
        NostrUri::parse(text)
            .map(NostrUri::into_entity)
            .context("invalid nostr: uri")
    } else {
        Entity::decode(text).context("invalid nip-19 entity")
    }
}

/// Prints an entity as one JSON line.
fn print_entity(entity: &Entity) -> CliResult<()> {
    let mut d = Decoded::new(entity.prefix());
    let secret;
    match entity {
        Entity::Npub(npub) => d.pubkey = Some(npub.0.to_hex()),
        Entity::Nsec(nsec) => {
            secret = nsec.secret_key().to_secret_hex();
            d.secret_key = Some(secret.as_str());
        }
        Entity::Note(note) => d.id = Some(note.0.to_hex()),
        Entity::Nprofile(p) => {
            d.pubkey = Some(p.public_key().to_hex());
            d.relays = Some(p.relays());
        }
        Entity::Nevent(e) => {
            d.id = Some(e.id().to_hex());
            d.pubkey = e.author().map(|a| a.to_hex());
            d.kind = e.kind().map(Kind::as_u16);
            d.relays = Some(e.relays());
        }
        Entity::Naddr(a) => {
            let c = a.coordinate();
            d.kind = Some(c.kind.as_u16());
            d.pubkey = Some(c.pubkey.to_hex());
            d.identifier = Some(&c.identifier);
            d.coordinate = Some(c.to_string());
            d.relays = Some(a.relays());
        }
        Entity::Ncryptsec(n) => d.ncryptsec = Some(ncryptsec_info(n.as_bytes())),
        _ => {
            return Err(CliError::msg(format!(
                "unsupported entity {}",
                entity.prefix()
            )));
        }
    }
    let text = Zeroizing::new(
        serde_json::to_string(&d).map_err(|e| CliError::msg(format!("cannot serialize: {e}")))?,
    );
    output::line(&text)
}

/// What can be told about an ncryptsec without the password (NIP-49 fields), or why
/// its payload is malformed.
fn ncryptsec_info(payload: &[u8]) -> serde_json::Value {
    match nostr_nip49::EncryptedSecretKey::from_bytes(payload) {
        Ok(e) => serde_json::json!({
            "version": nostr_nip49::VERSION,
            "log_n": e.log_n(),
            "key_security": e.key_security().to_string(),
        }),
        Err(err) => serde_json::json!({ "error": err.to_string() }),
    }
}

/// Arguments of `nostr encode`.
#[derive(Debug, Args)]
pub(crate) struct EncodeArgs {
    /// Print a NIP-21 `nostr:` URI instead of the bare entity (not for nsec).
    #[arg(long, global = true)]
    uri: bool,
    #[command(subcommand)]
    entity: EncodeEntity,
}

/// The entity to encode.
#[derive(Debug, Subcommand)]
enum EncodeEntity {
    /// A public key (hex) as npub.
    Npub {
        /// The public key (hex).
        pubkey: String,
    },
    /// The secret key from --sec or NOSTR_SECRET_KEY as nsec.
    Nsec(KeyArgs),
    /// An event id (hex) as note.
    Note {
        /// The event id (hex).
        id: String,
    },
    /// A public key with relay hints as nprofile.
    Nprofile {
        /// The public key (hex or npub).
        pubkey: String,
        /// A relay URL; repeat for more.
        #[arg(short, long = "relay", value_name = "URL")]
        relays: Vec<String>,
    },
    /// An event id with relay hints, author and kind as nevent.
    Nevent {
        /// The event id (hex or note).
        id: String,
        /// A relay URL; repeat for more.
        #[arg(short, long = "relay", value_name = "URL")]
        relays: Vec<String>,
        /// The author's public key (hex or npub).
        #[arg(short, long, value_name = "PUBKEY")]
        author: Option<String>,
        /// The event kind.
        #[arg(short, long)]
        kind: Option<u16>,
    },
    /// An addressable event's coordinate with relay hints as naddr.
    Naddr {
        /// The event kind.
        #[arg(short, long)]
        kind: u16,
        /// The author's public key (hex or npub).
        #[arg(short, long, value_name = "PUBKEY")]
        pubkey: String,
        /// The `d` tag value.
        #[arg(short = 'd', long, value_name = "IDENTIFIER", default_value = "")]
        identifier: String,
        /// A relay URL; repeat for more.
        #[arg(short, long = "relay", value_name = "URL")]
        relays: Vec<String>,
    },
}

/// Runs `nostr encode`.
pub(crate) fn encode(args: EncodeArgs) -> CliResult<ExitCode> {
    let entity = match args.entity {
        EncodeEntity::Npub { pubkey } => Entity::Npub(Npub(parse_pubkey(&pubkey)?)),
        EncodeEntity::Nsec(key) => {
            if args.uri {
                return Err(CliError::msg(
                    "nostr: uris must not carry secret keys (NIP-21)",
                ));
            }
            let keys = key.keys()?;
            let nsec = Nsec::new(keys.secret_key().clone());
            output::line(&nsec.to_bech32())?;
            return Ok(ExitCode::SUCCESS);
        }
        EncodeEntity::Note { id } => Entity::Note(Note(parse_event_id(&id)?)),
        EncodeEntity::Nprofile { pubkey, relays } => Entity::Nprofile(
            Nprofile::new(parse_pubkey(&pubkey)?, relays).context("cannot encode nprofile")?,
        ),
        EncodeEntity::Nevent {
            id,
            relays,
            author,
            kind,
        } => {
            let author = author.as_deref().map(parse_pubkey).transpose()?;
            Entity::Nevent(
                Nevent::new(parse_event_id(&id)?, relays, author, kind.map(Kind::new))
                    .context("cannot encode nevent")?,
            )
        }
        EncodeEntity::Naddr {
            kind,
            pubkey,
            identifier,
            relays,
        } => {
            let coordinate = Coordinate::new(Kind::new(kind), parse_pubkey(&pubkey)?, identifier);
            Entity::Naddr(Naddr::new(coordinate, relays).context("cannot encode naddr")?)
        }
    };
    if args.uri {
        let uri = NostrUri::try_from(entity).context("cannot make a nostr: uri")?;
        output::line(&uri.to_string())?;
    } else {
        output::line(&entity.to_bech32())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A public key as hex, npub, nprofile or a `nostr:` URI of one.
pub(crate) fn parse_pubkey(text: &str) -> CliResult<PublicKey> {
    let text = text.trim();
    if text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return PublicKey::from_hex(text).context("invalid public key");
    }
    match parse_entity(text)? {
        Entity::Npub(npub) => Ok(npub.0),
        Entity::Nprofile(p) => Ok(p.public_key()),
        other => Err(CliError::msg(format!(
            "expected a public key (hex, npub or nprofile), got {}",
            other.prefix()
        ))),
    }
}

/// An event id as hex, note, nevent or a `nostr:` URI of one.
pub(crate) fn parse_event_id(text: &str) -> CliResult<EventId> {
    let text = text.trim();
    if text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return EventId::from_hex(text).context("invalid event id");
    }
    match parse_entity(text)? {
        Entity::Note(note) => Ok(note.0),
        Entity::Nevent(e) => Ok(e.id()),
        other => Err(CliError::msg(format!(
            "expected an event id (hex, note or nevent), got {}",
            other.prefix()
        ))),
    }
}
