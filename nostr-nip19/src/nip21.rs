//! NIP-21 `nostr:` URIs, and finding them in text (as NIP-27 mentions use them).

use core::fmt;
use core::ops::Range;
use core::str::FromStr;

use crate::any::Entity;
use crate::error::Error;
use crate::prefix::{NCRYPTSEC, NSEC};

/// The URI scheme, with its colon.
pub const SCHEME: &str = "nostr:";

/// A `nostr:` URI: any NIP-19 entity except secret key material.
///
/// NIP-21 allows every NIP-19 identifier "except `nsec`"; `ncryptsec` (NIP-49) is not
/// a NIP-19 identifier and is an encrypted secret key, so it is refused too
/// ([`Error::SecretInUri`]). The scheme is matched case-insensitively (RFC 3986
/// schemes are), and the entity may be all-uppercase (as in QR codes). `Display`
/// writes `nostr:` and the lowercase entity.
///
/// # Example
/// ```
/// use nostr_nip19::{Entity, Error, NostrUri};
///
/// let uri: NostrUri = "nostr:npub1sn0wdenkukak0d9dfczzeacvhkrgz92ak56egt7vdgzn8pv2wfqqhrjdv9".parse()?;
/// assert!(matches!(uri.entity(), Entity::Npub(_)));
/// assert_eq!(uri.to_string(), "nostr:npub1sn0wdenkukak0d9dfczzeacvhkrgz92ak56egt7vdgzn8pv2wfqqhrjdv9");
///
/// let secret = "nostr:nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5";
/// assert_eq!(NostrUri::parse(secret), Err(Error::SecretInUri { prefix: "nsec" }));
/// # Ok::<(), nostr_nip19::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NostrUri(Entity);

impl NostrUri {
    /// Parses `nostr:<entity>`.
    ///
    /// # Errors
    /// [`Error::NotNostrUri`] without the scheme, [`Error::SecretInUri`] for `nsec` or
    /// `ncryptsec` (refused before the payload is decoded), otherwise the errors of
    /// [`Entity::decode`].
    pub fn parse(s: &str) -> Result<Self, Error> {
        let rest = match (s.get(..SCHEME.len()), s.get(SCHEME.len()..)) {
            (Some(scheme), Some(rest)) if scheme.eq_ignore_ascii_case(SCHEME) => rest,
            _ => return Err(Error::NotNostrUri),
        };
        if let Some(sep) = rest.rfind('1') {
            let hrp = rest.get(..sep).unwrap_or_default();
            for secret in [NSEC, NCRYPTSEC] {
                if hrp.eq_ignore_ascii_case(secret) {
                    return Err(Error::SecretInUri { prefix: secret });
                }
            }
        }
        Entity::decode(rest).map(Self)
    }

    /// The entity.
    pub fn entity(&self) -> &Entity {
        &self.0
    }

    /// Unwraps the entity.
    pub fn into_entity(self) -> Entity {
        self.0
    }
}

impl TryFrom<Entity> for NostrUri {
    type Error = Error;
    /// Wraps an entity.
    ///
    /// # Errors
    /// [`Error::SecretInUri`] for `nsec` and `ncryptsec`.
    fn try_from(entity: Entity) -> Result<Self, Error> {
        match entity {
            Entity::Nsec(_) => Err(Error::SecretInUri { prefix: NSEC }),
            Entity::Ncryptsec(_) => Err(Error::SecretInUri { prefix: NCRYPTSEC }),
            other => Ok(Self(other)),
        }
    }
}

impl From<NostrUri> for Entity {
    fn from(uri: NostrUri) -> Self {
        uri.0
    }
}

impl fmt::Display for NostrUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(SCHEME)?;
        self.0.fmt(f)
    }
}

impl FromStr for NostrUri {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

/// A `nostr:` URI found in text by [`find_uris`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UriMatch {
    /// Byte range of the whole URI (scheme included) in the scanned text.
    pub range: Range<usize>,
    /// The decoded URI.
    pub uri: NostrUri,
}

/// Finds every valid `nostr:` URI in `content` (a note's text, NIP-27 style), in
/// order, with its byte range.
///
/// The rules, chosen to match what users see as a mention:
///
/// - the scheme is matched case-insensitively and must not directly follow an ASCII
///   letter or digit (`xnostr:` is not a URI);
/// - the entity is the longest run of ASCII letters and digits after the scheme, so
///   punctuation ends it (`nostr:npub1...,` and `(nostr:npub1...)` work);
/// - candidates that do not decode, or that carry an `nsec` / `ncryptsec`, are
///   skipped: they are plain text, not mentions. A candidate is never shortened to
///   make it decode.
///
/// The scan is linear in the length of `content` and never fails.
///
/// # Example
/// ```
/// use nostr_nip19::{find_uris, Entity};
///
/// let text = "gm nostr:npub1sn0wdenkukak0d9dfczzeacvhkrgz92ak56egt7vdgzn8pv2wfqqhrjdv9! and nostr:broken";
/// let found: Vec<_> = find_uris(text).collect();
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].range, 3..72);
/// assert!(matches!(found[0].uri.entity(), Entity::Npub(_)));
/// ```
pub fn find_uris(content: &str) -> FindUris<'_> {
    FindUris { content, pos: 0 }
}

/// Iterator over the `nostr:` URIs in a text; see [`find_uris`].
#[derive(Clone, Debug)]
pub struct FindUris<'a> {
    content: &'a str,
    pos: usize,
}

impl Iterator for FindUris<'_> {
    type Item = UriMatch;

    fn next(&mut self) -> Option<UriMatch> {
        let bytes = self.content.as_bytes();
        loop {
            let rest = bytes.get(self.pos..)?;
            let colon = self.pos + rest.iter().position(|&b| b == b':')?;
            self.pos = colon + 1;
            let Some(start) = colon.checked_sub(5) else {
                continue;
            };
            let scheme_ok = bytes
                .get(start..colon)
                .is_some_and(|s| s.eq_ignore_ascii_case(b"nostr"));
            let boundary_ok = start == 0
                || bytes
                    .get(start - 1)
                    .is_some_and(|b| !b.is_ascii_alphanumeric());
            if !scheme_ok || !boundary_ok {
                continue;
            }
            let run = bytes
                .get(colon + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let end = colon + 1 + run;
            self.pos = end;
            if run == 0 {
                continue;
            }
            if let Some(Ok(uri)) = self.content.get(start..end).map(NostrUri::parse) {
                return Some(UriMatch {
                    range: start..end,
                    uri,
                });
            }
        }
    }
}

impl core::iter::FusedIterator for FindUris<'_> {}
