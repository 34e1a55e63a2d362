//! Secret keys and passwords: from `--sec` or `NOSTR_SECRET_KEY`, never echoed.

use std::io::{self, BufRead};

use nostr_core::{Keys, SecretKey};
use nostr_nip19::Nsec;
use zeroize::Zeroizing;

use crate::error::{CliError, CliResult};

/// The environment variable read when `--sec` is not given.
pub(crate) const SECRET_KEY_ENV: &str = "NOSTR_SECRET_KEY";

/// Where a password comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PasswordSource {
    /// Prompt on the terminal without echo.
    Prompt,
    /// The first line of standard input.
    Stdin,
}

impl PasswordSource {
    /// From the `--password-stdin` flag.
    pub(crate) fn from_flag(stdin: bool) -> Self {
        if stdin { Self::Stdin } else { Self::Prompt }
    }
}

/// Reads a password: a prompt without echo (on the controlling terminal), or the
/// first line of standard input.
pub(crate) fn read_password(source: PasswordSource, prompt: &str) -> CliResult<Zeroizing<String>> {
    let mut password = match source {
        PasswordSource::Prompt => Zeroizing::new(rpassword::prompt_password(prompt).map_err(|e| {
            CliError::msg(format!(
                "cannot prompt for a password ({e}); pass --password-stdin to read it from standard input"
            ))
        })?),
        PasswordSource::Stdin => {
            let mut line = Zeroizing::new(String::new());
            io::stdin().lock().read_line(&mut line)?;
            line
        }
    };
    crate::input::trim_newline(&mut password);
    Ok(password)
}

/// The secret key from `--sec` or else from `NOSTR_SECRET_KEY`.
///
/// Accepts 64 hex characters, an `nsec1...` or an `ncryptsec1...` (NIP-49; the
/// password is asked for). The key text never appears in an error message.
///
/// # Errors
/// When neither is set, or the key does not parse.
pub(crate) fn keys(sec: Option<&str>, password: PasswordSource) -> CliResult<Keys> {
    let from_env;
    let text: &str = match sec {
        Some(s) => s,
        None => {
            from_env = Zeroizing::new(std::env::var(SECRET_KEY_ENV).map_err(|_| {
                CliError::msg(format!("no secret key: pass --sec or set {SECRET_KEY_ENV}"))
            })?);
            from_env.as_str()
        }
    };
    Ok(Keys::new(parse_secret(text.trim(), password)?))
}

/// Parses a secret key in any supported form, without echoing it on error.
fn parse_secret(text: &str, password: PasswordSource) -> CliResult<SecretKey> {
    let starts = |prefix: &str| {
        text.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    if starts("nsec1") {
        // The nip19 error is not shown: some variants quote a character of the input.
        Nsec::from_bech32(text)
            .map(Nsec::into_secret_key)
            .map_err(|_| CliError::msg("invalid secret key: not a valid nsec"))
    } else if starts("ncryptsec1") {
        crate::cmd::nip49::decrypt(text, password, nostr_nip49::DEFAULT_MAX_LOG_N)
    } else {
        SecretKey::from_hex(text).map_err(|_| {
            CliError::msg("invalid secret key: expected 64 hex characters, an nsec or an ncryptsec")
        })
    }
}
