//! NIP-42 authentication of clients to relays: the relay's challenge, the client's
//! kind 22242 event, and the relay-side verification.
//!
//! # Example
//! ```
//! use nostr_core::{nip42, Keys, RelayMessage, RelayUrl, Timestamp};
//!
//! // Relay: send a challenge.
//! let relay = RelayUrl::parse("wss://relay.example.com")?;
//! let challenge = "b2d5c7a1e0f94c1e";
//! let to_client = nip42::challenge_message(challenge);
//! assert_eq!(to_client.to_json(), r#"["AUTH","b2d5c7a1e0f94c1e"]"#);
//!
//! // Client: answer it (the relay URL as the client knows it).
//! let now = Timestamp::from_secs(1_700_000_000);
//! let keys = Keys::generate();
//! let auth = nip42::auth_event("wss://Relay.example.com/", challenge).sign_at(&keys, now);
//!
//! // Relay: verify, then answer with OK.
//! let who = nip42::verify(&auth, challenge, &relay, now)?;
//! assert_eq!(who, keys.public_key());
//! # Ok::<(), nostr_core::Error>(())
//! ```

use alloc::string::String;

use crate::error::Error;
use crate::event::{Event, EventBuilder};
use crate::event_id::EventId;
use crate::keys::PublicKey;
use crate::kind::Kind;
use crate::message::{Prefix, Reason, RelayMessage};
use crate::relay_url::RelayUrl;
use crate::tag::Tag;
use crate::timestamp::Timestamp;

/// How far `created_at` may be from the relay's clock, in seconds (NIP-42: "close
/// (e.g. within ~10 minutes) of the current time").
pub const DEFAULT_MAX_SKEW: u64 = 600;

/// Why an `AUTH` event is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// Not kind 22242.
    #[error("kind {0} is not 22242")]
    WrongKind(Kind),
    /// `created_at` too far from the relay's clock.
    #[error("created_at {created_at} is more than {max_skew} seconds from now ({now})")]
    Stale {
        /// The event's time.
        created_at: Timestamp,
        /// The relay's time.
        now: Timestamp,
        /// The allowed distance.
        max_skew: u64,
    },
    /// No `challenge` tag.
    #[error("missing `challenge` tag")]
    MissingChallenge,
    /// The `challenge` tag is not the challenge this connection was sent.
    #[error("`challenge` tag does not match the challenge sent")]
    ChallengeMismatch,
    /// No `relay` tag.
    #[error("missing `relay` tag")]
    MissingRelay,
    /// The `relay` tag is not a ws/wss URL.
    #[error("`relay` tag is not a relay url")]
    InvalidRelayUrl,
    /// The `relay` tag names another relay.
    #[error("`relay` tag names another relay")]
    RelayMismatch,
    /// The id is not the hash of the event.
    #[error("event id does not match its content")]
    IdMismatch,
    /// The signature does not verify.
    #[error("signature does not verify")]
    BadSignature,
}

impl AuthError {
    /// The `OK` answer to the `AUTH` message: `["OK", <id>, false, "invalid: <why>"]`
    /// (NIP-42: "`AUTH` messages sent by clients MUST be answered with an `OK`").
    pub fn ok_message(&self, event_id: EventId) -> RelayMessage {
        let text = alloc::string::ToString::to_string(self);
        RelayMessage::Ok {
            event_id,
            accepted: false,
            reason: Reason::new(Prefix::Invalid, &text),
        }
    }
}

/// `["AUTH", <challenge>]`, the relay's challenge.
pub fn challenge_message(challenge: impl Into<String>) -> RelayMessage {
    RelayMessage::Auth {
        challenge: challenge.into(),
    }
}

/// A fresh challenge: 16 bytes from `rng`, as 32 hex characters.
pub fn challenge_with<R: rand_core::RngCore + rand_core::CryptoRng>(rng: &mut R) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    crate::hex::encode(&bytes)
}

/// A fresh challenge from the OS random number generator (32 hex characters).
#[cfg(feature = "std")]
pub fn random_challenge() -> String {
    challenge_with(&mut crate::keys::OsRng)
}

/// The client's kind 22242 event for `relay` and `challenge` (tags `relay` and
/// `challenge`, empty content), to sign with the current time.
pub fn auth_event(relay: &str, challenge: &str) -> EventBuilder {
    EventBuilder::new(Kind::AUTH, "")
        .tag(Tag::new("relay", [relay]))
        .tag(Tag::new("challenge", [challenge]))
}

/// What a relay checks an `AUTH` event against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthCheck<'a> {
    /// The challenge this connection was sent.
    pub challenge: &'a str,
    /// This relay's URL.
    pub relay: &'a RelayUrl,
    /// The relay's clock.
    pub now: Timestamp,
    /// How far `created_at` may be from `now`, either way, in seconds.
    pub max_skew: u64,
}

impl<'a> AuthCheck<'a> {
    /// The check with [`DEFAULT_MAX_SKEW`].
    pub fn new(challenge: &'a str, relay: &'a RelayUrl, now: Timestamp) -> Self {
        Self {
            challenge,
            relay,
            now,
            max_skew: DEFAULT_MAX_SKEW,
        }
    }

    /// Verifies an `AUTH` event: kind 22242, `created_at` within `max_skew` of
    /// `now`, the `challenge` tag equal to the challenge, the `relay` tag the same
    /// relay after [`RelayUrl`] normalisation, then id and signature. Returns the
    /// authenticated key.
    ///
    /// # Errors
    /// The first failed check as an [`AuthError`].
    pub fn verify(&self, event: &Event) -> Result<PublicKey, AuthError> {
        if event.kind != Kind::AUTH {
            return Err(AuthError::WrongKind(event.kind));
        }
        let distance = event.created_at.as_secs().abs_diff(self.now.as_secs());
        if distance > self.max_skew {
            return Err(AuthError::Stale {
                created_at: event.created_at,
                now: self.now,
                max_skew: self.max_skew,
            });
        }
        let challenge = event
            .tags
            .first_value("challenge")
            .ok_or(AuthError::MissingChallenge)?;
        if challenge != self.challenge {
            return Err(AuthError::ChallengeMismatch);
        }
        let relay = event
            .tags
            .first_value("relay")
            .ok_or(AuthError::MissingRelay)?;
        let relay = RelayUrl::parse(relay).map_err(|_| AuthError::InvalidRelayUrl)?;
        if &relay != self.relay {
            return Err(AuthError::RelayMismatch);
        }
        match event.verify() {
            Ok(()) => Ok(event.pubkey),
            Err(Error::IdMismatch { .. }) => Err(AuthError::IdMismatch),
            Err(_) => Err(AuthError::BadSignature),
        }
    }
}

/// [`AuthCheck::verify`] with the default ten-minute window.
///
/// # Errors
/// [`Error::Auth`] with the first failed check.
pub fn verify(
    event: &Event,
    challenge: &str,
    relay: &RelayUrl,
    now: Timestamp,
) -> Result<PublicKey, Error> {
    Ok(AuthCheck::new(challenge, relay, now).verify(event)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Keys;

    fn keys() -> Keys {
        Keys::from_hex("0000000000000000000000000000000000000000000000000000000000000007").unwrap()
    }

    const NOW: u64 = 1_700_000_000;

    fn signed(b: EventBuilder, at: u64) -> Event {
        b.sign_at_with_aux(&keys(), Timestamp::from_secs(at), &[0; 32])
    }

    #[test]
    fn accepts_and_refuses() {
        let relay = RelayUrl::parse("wss://relay.example.com").unwrap();
        let check = AuthCheck::new("abc", &relay, Timestamp::from_secs(NOW));
        let good = signed(auth_event("WSS://relay.example.com:443/", "abc"), NOW);
        assert_eq!(check.verify(&good), Ok(keys().public_key()));
        assert!(
            check
                .verify(&signed(
                    auth_event("wss://relay.example.com", "abc"),
                    NOW + 600
                ))
                .is_ok()
        );

        let cases: [(Event, AuthError); 8] = [
            (
                signed(EventBuilder::new(Kind::TEXT_NOTE, ""), NOW),
                AuthError::WrongKind(Kind::TEXT_NOTE),
            ),
            (
                signed(auth_event("wss://relay.example.com", "abc"), NOW - 601),
                AuthError::Stale {
                    created_at: Timestamp::from_secs(NOW - 601),
                    now: Timestamp::from_secs(NOW),
                    max_skew: 600,
                },
            ),
            (
                signed(
                    EventBuilder::new(Kind::AUTH, "")
                        .tag(Tag::new("relay", ["wss://relay.example.com"])),
                    NOW,
                ),
                AuthError::MissingChallenge,
            ),
            (
                signed(auth_event("wss://relay.example.com", "abd"), NOW),
                AuthError::ChallengeMismatch,
            ),
            (
                signed(
                    EventBuilder::new(Kind::AUTH, "").tag(Tag::new("challenge", ["abc"])),
                    NOW,
                ),
                AuthError::MissingRelay,
            ),
            (
                signed(auth_event("relay.example.com", "abc"), NOW),
                AuthError::InvalidRelayUrl,
            ),
            (
                signed(auth_event("wss://other.example.com", "abc"), NOW),
                AuthError::RelayMismatch,
            ),
            (
                {
                    let mut e = good.clone();
                    e.content.push('x');
                    e
                },
                AuthError::IdMismatch,
            ),
        ];
        for (event, want) in cases {
            assert_eq!(check.verify(&event), Err(want.clone()));
            let ok = want.ok_message(event.id);
            assert!(
                matches!(ok, RelayMessage::Ok { accepted: false, ref reason, .. } if reason.prefix() == Some(Prefix::Invalid))
            );
        }
        let mut forged = good.clone();
        forged.sig = crate::Signature::from_bytes([1; 64]);
        assert_eq!(check.verify(&forged), Err(AuthError::BadSignature));
        assert_eq!(
            verify(&forged, "abc", &relay, Timestamp::from_secs(NOW)),
            Err(Error::Auth(AuthError::BadSignature))
        );
    }

    #[test]
    fn challenge_helpers() {
        assert_eq!(challenge_message("x").to_json(), r#"["AUTH","x"]"#);
        let c = random_challenge();
        assert_eq!(c.len(), 32);
        assert_ne!(c, random_challenge());
    }
}
