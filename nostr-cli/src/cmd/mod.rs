//! The subcommands.

pub(crate) mod event;
mod key;
mod live;
pub(crate) mod nip19;
mod nip44;
pub(crate) mod nip49;
mod pow;
mod verify;
mod zap;

use std::process::ExitCode;

use clap::Subcommand;

use crate::error::CliResult;

/// The subcommands of `nostr`.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build and sign an event; prints its JSON.
    ///
    /// The secret key comes from --sec (hex, nsec or ncryptsec) or the
    /// NOSTR_SECRET_KEY environment variable, and is never printed.
    Event(event::EventArgs),
    /// Build an event, mine NIP-13 proof of work for it on all cores, and sign it.
    Pow(pow::PowArgs),
    /// Generate a key, or show the public key of a secret key.
    Key(key::KeyCmd),
    /// Verify events given as JSON lines (id and signature).
    ///
    /// Prints one JSON line per input event: {"id":"...","valid":true} or
    /// {"valid":false,"error":"..."}. Exits with status 1 if any event is invalid.
    Verify(verify::VerifyArgs),
    /// Decode NIP-19 entities (npub, nsec, note, nprofile, nevent, naddr, ncryptsec)
    /// or `nostr:` URIs to JSON.
    Decode(nip19::DecodeArgs),
    /// Encode an npub, nsec, note, nprofile, nevent or naddr from flags.
    Encode(nip19::EncodeArgs),
    /// NIP-44 v2 encryption between two keys.
    Nip44(nip44::Nip44Args),
    /// NIP-49 password-encrypted secret keys (ncryptsec).
    Nip49(nip49::Nip49Args),
    /// Decode a BOLT-11 lightning invoice to JSON.
    Bolt11(zap::Bolt11Args),
    /// NIP-57 zaps: validate a zap receipt.
    Zap(zap::ZapArgs),
    /// NIP-53 / NIP-5E live activities: summarize a live event, room or stream.
    Live(live::LiveArgs),
}

/// Runs a subcommand.
pub(crate) fn run(command: Command) -> CliResult<ExitCode> {
    match command {
        Command::Event(args) => event::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Pow(args) => pow::run(args),
        Command::Key(args) => key::run(args),
        Command::Decode(args) => nip19::decode(args),
        Command::Encode(args) => nip19::encode(args),
        Command::Nip44(args) => nip44::run(args),
        Command::Nip49(args) => nip49::run(args),
        Command::Bolt11(args) => zap::bolt11(args),
        Command::Zap(args) => zap::run(args),
        Command::Live(args) => live::run(args),
    }
}
