//! `nostr nip44 encrypt|decrypt`: NIP-44 v2 encrypted payloads.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use zeroize::Zeroizing;

use crate::cmd::event::KeyArgs;
use crate::cmd::nip19::parse_pubkey;
use crate::error::{CliResult, Context};
use crate::{input, output};

/// Arguments of `nostr nip44`.
#[derive(Debug, Args)]
pub(crate) struct Nip44Args {
    #[command(subcommand)]
    action: Nip44Action,
}

/// What `nostr nip44` does.
#[derive(Debug, Subcommand)]
enum Nip44Action {
    /// Encrypt a message from the secret key's owner to a recipient; prints the
    /// base64 payload.
    Encrypt {
        /// The recipient's public key (hex, npub or nprofile).
        #[arg(short = 'p', long, visible_alias = "peer", value_name = "PUBKEY")]
        recipient: String,
        /// The message; `-` or none reads standard input (one final newline dropped).
        plaintext: Option<String>,
        #[command(flatten)]
        key: KeyArgs,
    },
    /// Decrypt a payload that a sender sent to the secret key's owner; prints the
    /// message.
    Decrypt {
        /// The sender's public key (hex, npub or nprofile).
        #[arg(short = 'p', long, visible_alias = "peer", value_name = "PUBKEY")]
        sender: String,
        /// The base64 payload; `-` or none reads standard input.
        payload: Option<String>,
        #[command(flatten)]
        key: KeyArgs,
    },
}

/// Runs `nostr nip44`.
pub(crate) fn run(args: Nip44Args) -> CliResult<ExitCode> {
    match args.action {
        Nip44Action::Encrypt {
            recipient,
            plaintext,
            key,
        } => {
            let peer = parse_pubkey(&recipient)?;
            let keys = key.keys()?;
            let plaintext = Zeroizing::new(input::text_or_stdin(plaintext.as_deref())?);
            let payload = nostr_nip44::encrypt(keys.secret_key(), &peer, plaintext.as_bytes())
                .context("cannot encrypt")?;
            output::line(&payload)?;
        }
        Nip44Action::Decrypt {
            sender,
            payload,
            key,
        } => {
            let peer = parse_pubkey(&sender)?;
            let keys = key.keys()?;
            let payload = input::text_or_stdin(payload.as_deref())?;
            let plaintext = Zeroizing::new(
                nostr_nip44::decrypt(keys.secret_key(), &peer, payload.trim())
                    .context("cannot decrypt")?,
            );
            output::line(&plaintext)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
