//! Keys: [`SecretKey`], x-only [`PublicKey`] and [`Keys`] (a secret with its public key cached).

use core::fmt;
use core::str::FromStr;

use secp256k1::{Keypair, XOnlyPublicKey};
use zeroize::{Zeroize, Zeroizing};

use crate::error::Error;
use crate::hex::{self, HexError};
use crate::secp::context;
use crate::signature::Signature;

/// A secp256k1 secret key: 32 bytes, a valid non-zero scalar below the curve order.
///
/// The bytes are zeroized on drop and never printed by `Debug` or `Display`.
/// It is `Clone` (each copy zeroizes itself) but deliberately not `Copy`, and
/// equality is constant-time.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

/// Constant-time: comparing secrets must not leak where they differ.
impl PartialEq for SecretKey {
    fn eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for SecretKey {}

impl SecretKey {
    /// Checks that 32 bytes are a valid secret scalar.
    ///
    /// # Errors
    /// [`Error::InvalidSecretKey`] for zero or a value not below the curve order.
    pub fn from_bytes(bytes: [u8; 32]) -> Result<Self, Error> {
        Self::from_array_ref(&bytes)
    }

    /// Copies the secret straight into its zeroizing home and checks it there, so no
    /// other copy of it is left behind (the libsecp256k1 form made for the check is
    /// erased too).
    fn from_array_ref(bytes: &[u8; 32]) -> Result<Self, Error> {
        let key = Self(*bytes);
        let mut check =
            secp256k1::SecretKey::from_byte_array(&key.0).map_err(|_| Error::InvalidSecretKey)?;
        check.non_secure_erase();
        Ok(key)
    }

    /// Like [`SecretKey::from_bytes`] from a slice, which must be 32 bytes long.
    ///
    /// # Errors
    /// [`Error::InvalidSecretKey`] for a wrong length or an invalid scalar.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        let arr: &[u8; 32] = bytes.try_into().map_err(|_| Error::InvalidSecretKey)?;
        Self::from_array_ref(arr)
    }

    /// Parses 64 hex characters. Secret keys are not an NIP-01 wire field, so both
    /// cases are accepted here (users paste them from many tools).
    ///
    /// # Errors
    /// [`Error::InvalidHex`] for malformed hex, [`Error::InvalidSecretKey`] for an invalid scalar.
    pub fn from_hex(s: &str) -> Result<Self, Error> {
        let mut lower = Zeroizing::new([0u8; 64]);
        if s.len() != 64 {
            return Err(Error::InvalidHex {
                field: "secret key",
                source: HexError::WrongLength {
                    expected: 64,
                    got: s.len(),
                },
            });
        }
        for (dst, src) in lower.iter_mut().zip(s.bytes()) {
            *dst = src.to_ascii_lowercase();
        }
        let text = core::str::from_utf8(&lower[..]).map_err(|_| Error::InvalidHex {
            field: "secret key",
            source: HexError::InvalidChar { position: 0 },
        })?;
        let bytes =
            Zeroizing::new(
                hex::decode_array::<32>(text).map_err(|source| Error::InvalidHex {
                    field: "secret key",
                    source,
                })?,
            );
        Self::from_array_ref(&bytes)
    }

    /// Generates a key from the operating system's RNG.
    ///
    /// # Panics
    /// If the operating system cannot supply randomness at all (see [`OsRng`]); use
    /// [`SecretKey::try_generate`] to get that as an error instead.
    #[cfg(feature = "std")]
    pub fn generate() -> Self {
        Self::generate_with(&mut OsRng)
    }

    /// Generates a key from the operating system's RNG, reporting an RNG failure.
    ///
    /// # Errors
    /// [`Error::Rng`] when the operating system's RNG fails.
    #[cfg(feature = "std")]
    pub fn try_generate() -> Result<Self, Error> {
        use rand_core::RngCore as _;
        Self::draw(|bytes| OsRng.try_fill_bytes(bytes).map_err(|_| Error::Rng))
    }

    /// Generates a key from a caller-supplied cryptographic RNG (for `no_std`, tests,
    /// or deterministic derivation).
    pub fn generate_with<R: rand_core::RngCore + rand_core::CryptoRng>(rng: &mut R) -> Self {
        let drawn = Self::draw(|bytes| {
            rng.fill_bytes(bytes);
            Ok::<(), core::convert::Infallible>(())
        });
        match drawn {
            Ok(key) => key,
            Err(never) => match never {},
        }
    }

    /// Draws 32 bytes from `fill` until they are a valid scalar (all but ~2^-128 of
    /// draws are), in a buffer wiped after each try.
    fn draw<E>(mut fill: impl FnMut(&mut [u8]) -> Result<(), E>) -> Result<Self, E> {
        loop {
            let mut bytes = Zeroizing::new([0u8; 32]);
            fill(&mut bytes[..])?;
            if let Ok(key) = Self::from_array_ref(&bytes) {
                return Ok(key);
            }
        }
    }

    /// The libsecp256k1 form of the key.
    #[allow(
        clippy::expect_used,
        reason = "every constructor checks the scalar, so this conversion cannot fail"
    )]
    pub(crate) fn to_secp(&self) -> secp256k1::SecretKey {
        secp256k1::SecretKey::from_byte_array(&self.0).expect("validated on construction")
    }

    /// The raw secret bytes. Handle with care: copy them only into zeroizing storage.
    pub fn as_secret_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Lowercase hex of the secret, in a buffer that zeroizes itself.
    pub fn to_secret_hex(&self) -> Zeroizing<alloc::string::String> {
        Zeroizing::new(hex::encode(&self.0))
    }

    /// Derives the x-only public key (one scalar multiplication).
    pub fn public_key(&self) -> PublicKey {
        Keys::new(self.clone()).public_key()
    }

    /// Computes the x coordinate of the ECDH shared point `secret * pubkey` (unhashed),
    /// as NIP-44 (and NIP-04) use it. The peer key is lifted with even y, per BIP-340.
    ///
    /// # Errors
    /// [`Error::InvalidPublicKey`] when `peer` is not a point on the curve.
    pub fn ecdh_x_only(&self, peer: &PublicKey) -> Result<Zeroizing<[u8; 32]>, Error> {
        let xonly = peer.to_xonly()?;
        let full = secp256k1::PublicKey::from_x_only_public_key(xonly, secp256k1::Parity::Even);
        let mut secret = self.to_secp();
        let mut point = secp256k1::ecdh::shared_secret_point(&full, &secret);
        secret.non_secure_erase();
        let mut x = Zeroizing::new([0u8; 32]);
        if let Some(src) = point.get(..32) {
            x.copy_from_slice(src);
        }
        point.zeroize();
        Ok(x)
    }
}

impl Drop for SecretKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl FromStr for SecretKey {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_hex(s)
    }
}

/// An x-only (BIP-340) public key: the 32 bytes NIP-01 writes as `pubkey`.
///
/// Construction checks only the encoding (32 bytes, lowercase hex), which keeps
/// parsing events cheap; whether the bytes are a point on the curve is checked by the
/// operations that need a point ([`PublicKey::to_xonly`], verification, ECDH), which
/// return [`Error::InvalidPublicKey`] when it is not.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PublicKey([u8; 32]);

impl PublicKey {
    /// Wraps 32 bytes without a curve check (see the type docs).
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// Wraps a 32-byte slice.
    ///
    /// # Errors
    /// [`Error::InvalidPublicKey`] when the slice is not 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        bytes
            .try_into()
            .map(Self)
            .map_err(|_| Error::InvalidPublicKey)
    }

    /// Parses 64 lowercase hex characters (NIP-01: uppercase is rejected).
    ///
    /// # Errors
    /// [`Error::InvalidHex`] naming the field `pubkey`.
    pub fn from_hex(s: &str) -> Result<Self, Error> {
        hex::decode_array(s)
            .map(Self)
            .map_err(|source| Error::InvalidHex {
                field: "pubkey",
                source,
            })
    }

    /// Parses and also checks that the key is a valid curve point.
    ///
    /// # Errors
    /// As [`PublicKey::from_hex`], plus [`Error::InvalidPublicKey`] when off the curve.
    pub fn from_hex_checked(s: &str) -> Result<Self, Error> {
        let pk = Self::from_hex(s)?;
        pk.to_xonly()?;
        Ok(pk)
    }

    /// The 32 bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The 32 bytes, by value.
    pub const fn to_bytes(self) -> [u8; 32] {
        self.0
    }

    /// Lowercase hex.
    pub fn to_hex(&self) -> alloc::string::String {
        hex::encode(&self.0)
    }

    /// Lifts the bytes to a libsecp256k1 x-only key (a square root: the costly part
    /// of verification).
    ///
    /// # Errors
    /// [`Error::InvalidPublicKey`] when the bytes are not an x coordinate on the curve.
    pub fn to_xonly(&self) -> Result<XOnlyPublicKey, Error> {
        XOnlyPublicKey::from_slice(&self.0).map_err(|_| Error::InvalidPublicKey)
    }

    /// Verifies a BIP-340 signature over a 32-byte message (for an event, its id).
    ///
    /// # Errors
    /// [`Error::InvalidPublicKey`] for a key off the curve, [`Error::InvalidSignature`]
    /// when the signature does not verify.
    pub fn verify_hash(&self, msg: &[u8; 32], sig: &Signature) -> Result<(), Error> {
        let xonly = self.to_xonly()?;
        let sig = secp256k1::schnorr::Signature::from_slice(sig.as_bytes())
            .map_err(|_| Error::InvalidSignature)?;
        context()
            .verify_schnorr(&sig, msg, &xonly)
            .map_err(|_| Error::InvalidSignature)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PublicKey(")?;
        hex::fmt_hex(&self.0, f)?;
        f.write_str(")")
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        hex::fmt_hex(&self.0, f)
    }
}

impl FromStr for PublicKey {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_hex(s)
    }
}

impl From<XOnlyPublicKey> for PublicKey {
    fn from(pk: XOnlyPublicKey) -> Self {
        Self(pk.serialize())
    }
}

/// A secret key with its key pair and public key computed once, ready to sign.
///
/// # Example
/// ```
/// use nostr_core::Keys;
/// let keys = Keys::generate();
/// let again = Keys::from_hex(&keys.secret_key().to_secret_hex()).unwrap();
/// assert_eq!(keys.public_key(), again.public_key());
/// assert!(!format!("{keys:?}").contains(&*keys.secret_key().to_secret_hex()));
/// ```
#[derive(Clone)]
pub struct Keys {
    secret: SecretKey,
    keypair: Keypair,
    public: PublicKey,
}

impl Keys {
    /// Computes the key pair for a secret key.
    pub fn new(secret: SecretKey) -> Self {
        let mut scalar = secret.to_secp();
        let keypair = Keypair::from_secret_key(context(), &scalar);
        scalar.non_secure_erase();
        let public = PublicKey(keypair.x_only_public_key().0.serialize());
        Self {
            secret,
            keypair,
            public,
        }
    }

    /// Generates fresh keys from the OS RNG.
    ///
    /// # Panics
    /// If the operating system cannot supply randomness at all (see [`OsRng`]); use
    /// [`Keys::try_generate`] to get that as an error instead.
    #[cfg(feature = "std")]
    pub fn generate() -> Self {
        Self::new(SecretKey::generate())
    }

    /// Generates fresh keys from the OS RNG, reporting an RNG failure.
    ///
    /// # Errors
    /// [`Error::Rng`] when the operating system's RNG fails.
    #[cfg(feature = "std")]
    pub fn try_generate() -> Result<Self, Error> {
        SecretKey::try_generate().map(Self::new)
    }

    /// Generates fresh keys from a caller-supplied cryptographic RNG.
    pub fn generate_with<R: rand_core::RngCore + rand_core::CryptoRng>(rng: &mut R) -> Self {
        Self::new(SecretKey::generate_with(rng))
    }

    /// Parses a hex secret key (either case) and derives its public key.
    ///
    /// # Errors
    /// As [`SecretKey::from_hex`].
    pub fn from_hex(s: &str) -> Result<Self, Error> {
        SecretKey::from_hex(s).map(Self::new)
    }

    /// The secret key.
    pub fn secret_key(&self) -> &SecretKey {
        &self.secret
    }

    /// The cached x-only public key.
    pub fn public_key(&self) -> PublicKey {
        self.public
    }

    /// The cached libsecp256k1 key pair, for callers that use `secp256k1` directly.
    pub fn keypair(&self) -> &Keypair {
        &self.keypair
    }

    /// Signs a 32-byte message (an event id, or a NIP-53 proof hash) with BIP-340,
    /// using 32 bytes of fresh OS randomness as auxiliary data.
    #[cfg(feature = "std")]
    pub fn sign_hash(&self, msg: &[u8; 32]) -> Signature {
        let mut aux = [0u8; 32];
        // BIP-340 stays secure with constant aux data; randomness is extra hardening.
        let _ = getrandom::getrandom(&mut aux);
        self.sign_hash_with_aux(msg, &aux)
    }

    /// Signs a 32-byte message with caller-chosen auxiliary randomness (BIP-340 `a`).
    /// Deterministic for the same `aux`, which test vectors need.
    pub fn sign_hash_with_aux(&self, msg: &[u8; 32], aux: &[u8; 32]) -> Signature {
        let sig = context().sign_schnorr_with_aux_rand(msg, &self.keypair, aux);
        Signature::from_bytes(*sig.as_ref())
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        self.keypair.non_secure_erase();
    }
}

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keys")
            .field("public", &self.public)
            .field("secret", &"<redacted>")
            .finish()
    }
}

impl PartialEq for Keys {
    fn eq(&self, other: &Self) -> bool {
        self.secret == other.secret
    }
}

impl Eq for Keys {}

/// The operating system's RNG as a `rand_core` source.
///
/// [`rand_core::RngCore::fill_bytes`] retries a failed read a few times (the OS
/// reports transient failures) and then panics: key generation must never go on with
/// bytes that are not random, nor spin forever on a platform without an RNG.
/// [`rand_core::RngCore::try_fill_bytes`] reports the failure instead.
#[cfg(feature = "std")]
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRng;

#[cfg(feature = "std")]
impl rand_core::RngCore for OsRng {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0u8; 4];
        self.fill_bytes(&mut b);
        u32::from_le_bytes(b)
    }
    fn next_u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        self.fill_bytes(&mut b);
        u64::from_le_bytes(b)
    }
    #[allow(clippy::panic, reason = "documented: no randomness means no safe key")]
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for _ in 0..8 {
            if getrandom::getrandom(dest).is_ok() {
                return;
            }
        }
        panic!("the operating system's random number generator failed");
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        getrandom::getrandom(dest).map_err(|e| rand_core::Error::from(e.code()))
    }
}

#[cfg(feature = "std")]
impl rand_core::CryptoRng for OsRng {}
