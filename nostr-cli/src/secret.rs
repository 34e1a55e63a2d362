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
        PasswordSource::Stdin => read_line_wiped(&mut io::stdin().lock())?,
    };
    crate::input::trim_newline(&mut password);
    Ok(password)
}

/// Reads one line (with its newline, if any) into storage that is wiped whenever it
/// grows and when dropped. `BufRead::read_line` into a `String` would leave each
/// outgrown buffer behind, unwiped, when the line is longer than its capacity.
fn read_line_wiped(input: &mut impl BufRead) -> CliResult<Zeroizing<String>> {
    let mut line: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::with_capacity(256));
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let needed = line.len() + take;
        if needed > line.capacity() {
            // Move to a larger buffer by hand; the old one is wiped as it drops.
            let mut bigger = Zeroizing::new(Vec::with_capacity(needed.max(2 * line.capacity())));
            bigger.extend_from_slice(&line);
            line = bigger;
        }
        line.extend_from_slice(chunk.get(..take).unwrap_or_default());
        input.consume(take);
        if done {
            break;
        }
    }
    // `String::from_utf8` keeps the same allocation, so no copy is made here either.
    match String::from_utf8(core::mem::take(&mut *line)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(e) => {
            drop(Zeroizing::new(e.into_bytes()));
            Err(CliError::msg("the password is not valid UTF-8"))
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_line_of_any_length() {
        for len in [0, 1, 255, 256, 257, 5_000, 100_000] {
            let password = "p".repeat(len);
            // A small reader buffer makes the line arrive in many chunks.
            let input = format!("{password}\nnext line\n");
            let mut reader = io::BufReader::with_capacity(7, input.as_bytes());
            let line = read_line_wiped(&mut reader).unwrap();
            assert_eq!(line.as_str(), format!("{password}\n"));
            let rest = read_line_wiped(&mut reader).unwrap();
            assert_eq!(rest.as_str(), "next line\n");
        }
        let mut no_newline = io::BufReader::new(&b"secret"[..]);
        assert_eq!(read_line_wiped(&mut no_newline).unwrap().as_str(), "secret");
        let mut empty = io::BufReader::new(&b""[..]);
        assert_eq!(read_line_wiped(&mut empty).unwrap().as_str(), "");
        let mut bad = io::BufReader::new(&b"\xff\xfe\n"[..]);
        assert!(read_line_wiped(&mut bad).is_err());
    }
}
