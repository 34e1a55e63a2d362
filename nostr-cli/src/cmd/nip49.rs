//! `nostr nip49 encrypt|decrypt`: password-protected secret keys (ncryptsec).

use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use nostr_core::SecretKey;
use nostr_nip49::{
    DEFAULT_LOG_N, DEFAULT_MAX_LOG_N, DecryptOptions, EncryptedSecretKey, KeySecurity,
};

use crate::cmd::event::KeyArgs;
use crate::error::{CliError, CliResult, Context};
use crate::secret::{self, PasswordSource};
use crate::{output, progress};

/// Arguments of `nostr nip49`.
#[derive(Debug, Args)]
pub(crate) struct Nip49Args {
    #[command(subcommand)]
    action: Nip49Action,
}

/// What `nostr nip49` does.
#[derive(Debug, Subcommand)]
enum Nip49Action {
    /// Encrypt the secret key from --sec or NOSTR_SECRET_KEY under a password;
    /// prints the ncryptsec.
    Encrypt {
        #[command(flatten)]
        key: KeyArgs,
        /// scrypt cost: 2^LOG_N rounds and 2^LOG_N KiB of memory (16 = 64 MiB).
        #[arg(long, default_value_t = DEFAULT_LOG_N, value_parser = clap::value_parser!(u8).range(1..=30))]
        log_n: u8,
        /// What is known about how the key was handled before encryption.
        #[arg(long, value_enum, default_value_t = Security::Unknown)]
        key_security: Security,
    },
    /// Decrypt an ncryptsec; prints the secret key (hex).
    Decrypt {
        /// The ncryptsec1... string.
        ncryptsec: String,
        /// Read the password from the first line of standard input instead of
        /// prompting for it.
        #[arg(long)]
        password_stdin: bool,
        /// Refuse ncryptsecs that ask for more scrypt work than 2^MAX_LOG_N.
        #[arg(long, default_value_t = DEFAULT_MAX_LOG_N)]
        max_log_n: u8,
    },
}

/// The NIP-49 key-security byte.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Security {
    /// 0x00: the key has been handled insecurely.
    Insecure,
    /// 0x01: the key has not been known to be handled insecurely.
    Secure,
    /// 0x02: the client does not track this.
    Unknown,
}

impl From<Security> for KeySecurity {
    fn from(s: Security) -> Self {
        match s {
            Security::Insecure => Self::KnownInsecure,
            Security::Secure => Self::NotKnownInsecure,
            Security::Unknown => Self::Unknown,
        }
    }
}

/// Runs `nostr nip49`.
pub(crate) fn run(args: Nip49Args) -> CliResult<ExitCode> {
    match args.action {
        Nip49Action::Encrypt {
            key,
            log_n,
            key_security,
        } => {
            let keys = key.keys()?;
            let source = key.password_source();
            let password = secret::read_password(source, "password: ")?;
            if password.is_empty() {
                return Err(CliError::msg("refusing to encrypt under an empty password"));
            }
            if matches!(source, PasswordSource::Prompt) {
                let again = secret::read_password(source, "password (again): ")?;
                if *again != *password {
                    return Err(CliError::msg("the passwords do not match"));
                }
            }
            let spinner = progress::spinner(format!("encrypting (scrypt log_n {log_n})"));
            let encrypted = EncryptedSecretKey::encrypt(
                keys.secret_key(),
                &password,
                log_n,
                key_security.into(),
            );
            spinner.finish_and_clear();
            output::line(&encrypted.context("cannot encrypt")?.to_bech32())?;
        }
        Nip49Action::Decrypt {
            ncryptsec,
            password_stdin,
            max_log_n,
        } => {
            let source = PasswordSource::from_flag(password_stdin);
            let secret = decrypt(ncryptsec.trim(), source, max_log_n)?;
            output::line(&secret.to_secret_hex())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Parses an ncryptsec, asks for the password and decrypts it, with a spinner
/// while scrypt runs.
pub(crate) fn decrypt(
    ncryptsec: &str,
    source: PasswordSource,
    max_log_n: u8,
) -> CliResult<SecretKey> {
    // Parse first so malformed input fails before the password prompt.
    let encrypted = EncryptedSecretKey::from_bech32(ncryptsec).context("invalid ncryptsec")?;
    if encrypted.log_n() > max_log_n {
        return Err(CliError::msg(format!(
            "cannot decrypt ncryptsec: it asks for scrypt log_n {}, above the limit {max_log_n} (see --max-log-n)",
            encrypted.log_n()
        )));
    }
    let password = secret::read_password(source, "password: ")?;
    let spinner = progress::spinner(format!("decrypting (scrypt log_n {})", encrypted.log_n()));
    let result =
        encrypted.decrypt_with_options(&password, &DecryptOptions::new().with_max_log_n(max_log_n));
    spinner.finish_and_clear();
    result.context("cannot decrypt ncryptsec")
}
