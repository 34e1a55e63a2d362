//! [`ConversationKey`] and the per-message [`MessageKeys`].

use core::fmt;

use nostr_core::{PublicKey, SecretKey};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::Error;
use crate::sha256::HmacKey;

/// The HKDF salt of NIP-44 v2.
const SALT: &[u8] = b"nip44-v2";

/// The long-term key two users share (NIP-44 "Encryption", step 1): HKDF-extract
/// (SHA-256, salt `nip44-v2`) of the unhashed x coordinate of their ECDH point.
///
/// It is the same from either side (`conv(a, B) == conv(b, A)`), so derive it once
/// per peer and keep it: every [`encrypt`](ConversationKey::encrypt) and
/// [`decrypt`](ConversationKey::decrypt) then costs only symmetric crypto. The
/// HMAC midstates of the key are cached with it, which makes each message's key
/// derivation cheaper still.
///
/// The key is zeroized on drop, never printed by `Debug`, compared in constant
/// time, and deliberately not `Copy`:
///
/// ```compile_fail
/// fn copy<T: Copy>() {}
/// copy::<nostr_nip44::ConversationKey>();
/// ```
///
/// # Example
/// ```
/// use nostr_core::Keys;
/// use nostr_nip44::ConversationKey;
///
/// let alice = Keys::generate();
/// let bob = Keys::generate();
/// let ab = ConversationKey::derive(alice.secret_key(), &bob.public_key())?;
/// let ba = ConversationKey::derive(bob.secret_key(), &alice.public_key())?;
/// assert_eq!(ab, ba);
/// assert_eq!(format!("{ab:?}"), "ConversationKey(<redacted>)");
/// # Ok::<(), nostr_nip44::Error>(())
/// ```
#[derive(Clone)]
pub struct ConversationKey {
    bytes: [u8; 32],
    /// HMAC midstates of `bytes`, the PRK of every HKDF-expand.
    hmac: HmacKey,
}

impl ConversationKey {
    /// Derives the conversation key between `secret` and the peer's `public` key.
    ///
    /// # Errors
    /// [`Error::InvalidPublicKey`] when `public` is not a point on secp256k1.
    pub fn derive(secret: &SecretKey, public: &PublicKey) -> Result<Self, Error> {
        let shared_x = secret
            .ecdh_x_only(public)
            .map_err(|_| Error::InvalidPublicKey)?;
        let mut prk = HmacKey::new(SALT).mac32(&shared_x);
        let key = Self::from_bytes(prk);
        prk.zeroize();
        Ok(key)
    }

    /// Wraps 32 bytes known to be a conversation key (from storage, or a test
    /// vector).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self {
            hmac: HmacKey::new(&bytes),
            bytes,
        }
    }

    /// Like [`ConversationKey::from_bytes`] from a slice, which must be 32 bytes.
    ///
    /// # Errors
    /// [`Error::InvalidConversationKeyLength`] for any other length.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        let mut arr: [u8; 32] = bytes
            .try_into()
            .map_err(|_| Error::InvalidConversationKeyLength { len: bytes.len() })?;
        let key = Self::from_bytes(arr);
        arr.zeroize();
        Ok(key)
    }

    /// The raw key bytes. Handle with care: copy them only into zeroizing storage.
    pub fn as_secret_bytes(&self) -> &[u8; 32] {
        &self.bytes
    }

    /// The per-message keys for `nonce` (NIP-44 "Encryption", step 3): HKDF-expand
    /// with this key as PRK, the nonce as info and `L = 76`.
    ///
    /// # Example
    /// ```
    /// use nostr_nip44::ConversationKey;
    ///
    /// let key = ConversationKey::from_bytes([7; 32]);
    /// let keys = key.message_keys(&[1; 32]);
    /// assert_eq!(keys.chacha_nonce().len(), 12);
    /// ```
    pub fn message_keys(&self, nonce: &[u8; 32]) -> MessageKeys {
        let mut keys = MessageKeys { okm: [0; 96] };
        self.hmac.expand96(nonce, &mut keys.okm);
        keys
    }
}

impl Drop for ConversationKey {
    fn drop(&mut self) {
        // The cached midstates zeroize themselves.
        self.bytes.zeroize();
    }
}

impl ZeroizeOnDrop for ConversationKey {}

impl fmt::Debug for ConversationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ConversationKey(<redacted>)")
    }
}

impl PartialEq for ConversationKey {
    /// Constant-time comparison of the key bytes.
    fn eq(&self, other: &Self) -> bool {
        self.bytes.ct_eq(&other.bytes).into()
    }
}

impl Eq for ConversationKey {}

/// The three keys of one message (NIP-44 "Encryption", step 3): the ChaCha20 key
/// and nonce and the HMAC-SHA256 key. Zeroized on drop, never printed by `Debug`.
#[derive(Clone)]
pub struct MessageKeys {
    /// HKDF-expand output T(1) || T(2) || T(3); the keys are its first 76 bytes.
    okm: [u8; 96],
}

impl MessageKeys {
    /// The ChaCha20 key (bytes 0..32 of the HKDF output).
    pub fn chacha_key(&self) -> &[u8; 32] {
        self.okm.first_chunk::<32>().unwrap_or(&[0; 32])
    }

    /// The ChaCha20 nonce (bytes 32..44).
    pub fn chacha_nonce(&self) -> &[u8; 12] {
        self.okm
            .get(32..)
            .and_then(<[u8]>::first_chunk::<12>)
            .unwrap_or(&[0; 12])
    }

    /// The HMAC-SHA256 key (bytes 44..76).
    pub fn hmac_key(&self) -> &[u8; 32] {
        self.okm
            .get(44..)
            .and_then(<[u8]>::first_chunk::<32>)
            .unwrap_or(&[0; 32])
    }
}

impl Drop for MessageKeys {
    fn drop(&mut self) {
        self.okm.zeroize();
    }
}

impl ZeroizeOnDrop for MessageKeys {}

impl fmt::Debug for MessageKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MessageKeys(<redacted>)")
    }
}
