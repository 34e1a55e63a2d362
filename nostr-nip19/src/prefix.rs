//! The bech32 prefixes (human-readable parts) this crate knows.

/// Public keys.
pub const NPUB: &str = "npub";
/// Secret keys.
pub const NSEC: &str = "nsec";
/// Event ids.
pub const NOTE: &str = "note";
/// Profiles with relays.
pub const NPROFILE: &str = "nprofile";
/// Events with relays, author and kind.
pub const NEVENT: &str = "nevent";
/// Addressable event coordinates with relays.
pub const NADDR: &str = "naddr";
/// NIP-49 encrypted secret keys (payload handled by `nostr-nip49`).
pub const NCRYPTSEC: &str = "ncryptsec";
