//! `nostr event`: build and sign an event.

use std::process::ExitCode;

use clap::Args;
use nostr_core::{EventBuilder, Keys, Kind, Tag, Timestamp, UnsignedEvent};
use zeroize::Zeroize;

use crate::cmd::nip19::{parse_event_id, parse_pubkey};

use crate::error::{CliError, CliResult};
use crate::output;
use crate::secret::{self, PasswordSource};

/// Where the secret key comes from.
#[derive(Debug, Args)]
pub(crate) struct KeyArgs {
    /// Secret key: 64 hex characters, nsec or ncryptsec (default: $NOSTR_SECRET_KEY).
    #[arg(long, value_name = "KEY")]
    sec: Option<String>,
    /// Read the ncryptsec password from the first line of standard input instead
    /// of prompting for it.
    #[arg(long)]
    password_stdin: bool,
}

impl Drop for KeyArgs {
    /// Wipes this copy of the key text (the process's argv is out of reach).
    fn drop(&mut self) {
        if let Some(sec) = &mut self.sec {
            sec.zeroize();
        }
    }
}

impl KeyArgs {
    /// The signing keys.
    pub(crate) fn keys(&self) -> CliResult<Keys> {
        secret::keys(self.sec.as_deref(), self.password_source())
    }

    /// Where a password comes from (`--password-stdin` or a prompt).
    pub(crate) fn password_source(&self) -> PasswordSource {
        PasswordSource::from_flag(self.password_stdin)
    }
}

/// The fields of an event to build.
#[derive(Debug, Args)]
pub(crate) struct EventArgs {
    /// Event kind (0..=65535).
    #[arg(short, long, default_value_t = 1)]
    kind: u16,
    /// Content.
    #[arg(short, long, default_value = "")]
    content: String,
    /// A tag, as name=value (more items separated by `;`: name=a;b;c) or as a JSON
    /// array of strings (["name","a","b"]). Repeat for more tags.
    #[arg(short = 't', long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Shortcut for an `e` tag with this event id (hex, note or nevent).
    #[arg(short = 'e', value_name = "ID")]
    e_tags: Vec<String>,
    /// Shortcut for a `p` tag with this public key (hex, npub or nprofile).
    #[arg(short = 'p', value_name = "PUBKEY")]
    p_tags: Vec<String>,
    /// Shortcut for a `d` tag with this identifier.
    #[arg(short = 'd', value_name = "IDENTIFIER")]
    d_tag: Option<String>,
    /// created_at as unix seconds (default: now).
    #[arg(long, value_name = "UNIX_SECONDS")]
    created_at: Option<u64>,
    #[command(flatten)]
    key: KeyArgs,
}

impl EventArgs {
    /// The signing keys.
    pub(crate) fn keys(&self) -> CliResult<Keys> {
        self.key.keys()
    }

    /// The unsigned event these arguments describe, authored by `keys`.
    pub(crate) fn build(&self, keys: &Keys) -> CliResult<UnsignedEvent> {
        let mut tags = Vec::with_capacity(self.tags.len() + self.e_tags.len() + self.p_tags.len());
        for text in &self.e_tags {
            let id = parse_event_id(text)
                .map_err(|e| CliError::msg(format!("invalid -e {text:?}: {e}")))?;
            tags.push(Tag::new("e", [id.to_hex()]));
        }
        for text in &self.p_tags {
            let pk = parse_pubkey(text)
                .map_err(|e| CliError::msg(format!("invalid -p {text:?}: {e}")))?;
            tags.push(Tag::public_key(pk, None));
        }
        if let Some(d) = &self.d_tag {
            tags.push(Tag::identifier(d.as_str()));
        }
        for text in &self.tags {
            tags.push(parse_tag(text)?);
        }
        let created_at = self
            .created_at
            .map_or_else(Timestamp::now, Timestamp::from_secs);
        Ok(
            EventBuilder::new(Kind::new(self.kind), self.content.as_str())
                .tags(tags)
                .build(keys.public_key(), created_at),
        )
    }
}

/// Parses `name=value;more` or a JSON array of strings into a tag.
pub(crate) fn parse_tag(text: &str) -> CliResult<Tag> {
    if text.trim_start().starts_with('[') {
        let items: Vec<String> = serde_json::from_str(text).map_err(|e| {
            CliError::msg(format!(
                "invalid tag {text:?}: expected a JSON array of strings ({e})"
            ))
        })?;
        if items.first().is_none_or(String::is_empty) {
            return Err(CliError::msg(format!(
                "invalid tag {text:?}: the tag name is empty"
            )));
        }
        return Tag::from_vec(items)
            .map_err(|e| CliError::msg(format!("invalid tag {text:?}: {e}")));
    }
    let (name, values) = match text.split_once('=') {
        Some((name, rest)) => (name, rest.split(';').collect::<Vec<_>>()),
        None => (text, Vec::new()),
    };
    if name.is_empty() {
        return Err(CliError::msg(format!(
            "invalid tag {text:?}: expected name=value"
        )));
    }
    Ok(Tag::new(name, values))
}

/// Runs `nostr event`.
pub(crate) fn run(args: EventArgs) -> CliResult<ExitCode> {
    let keys = args.keys()?;
    let unsigned = args.build(&keys)?;
    let event = unsigned
        .sign(&keys)
        .map_err(|e| CliError::msg(format!("cannot sign: {e}")))?;
    output::line(&event.to_json())?;
    Ok(ExitCode::SUCCESS)
}
