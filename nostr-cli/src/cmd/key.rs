//! `nostr key`: generate a key or show a key's public key.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use nostr_core::Keys;
use nostr_nip19::{Npub, Nsec};
use zeroize::Zeroizing;

use crate::cmd::event::KeyArgs;
use crate::error::CliResult;
use crate::output;

/// Arguments of `nostr key`.
#[derive(Debug, Args)]
pub(crate) struct KeyCmd {
    #[command(subcommand)]
    action: KeyAction,
}

/// What `nostr key` does.
#[derive(Debug, Subcommand)]
enum KeyAction {
    /// Generate a new key from the operating system's randomness; prints JSON with
    /// the secret and public key (keep the output private).
    Generate,
    /// Print the public key (hex) of the secret key from --sec or NOSTR_SECRET_KEY.
    Public(KeyArgs),
}

/// Runs `nostr key`.
pub(crate) fn run(args: KeyCmd) -> CliResult<ExitCode> {
    match args.action {
        KeyAction::Generate => {
            let keys = Keys::generate();
            let secret = keys.secret_key().to_secret_hex();
            // Formatted by hand into a zeroizing buffer (hex needs no JSON escaping).
            let nsec = Nsec::new(keys.secret_key().clone()).to_bech32();
            let pk = keys.public_key();
            let text = Zeroizing::new(format!(
                r#"{{"secret_key":"{}","nsec":"{}","public_key":"{}","npub":"{}"}}"#,
                secret.as_str(),
                nsec.as_str(),
                pk.to_hex(),
                Npub(pk).to_bech32()
            ));
            output::line(&text)?;
        }
        KeyAction::Public(key) => {
            let keys = key.keys()?;
            output::line(&keys.public_key().to_hex())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
