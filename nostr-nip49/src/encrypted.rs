//! [`EncryptedSecretKey`]: the parsed 91-byte NIP-49 payload, its bech32 form, and the
//! encryption and decryption operations.

use core::fmt;
use core::str::FromStr;

use bech32::primitives::decode::CheckedHrpstring;
use bech32::{Bech32, Bech32m, Hrp};
use chacha20poly1305::aead::AeadInPlace;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305};
use nostr_core::SecretKey;
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::kdf::derive_key;
use crate::key_security::KeySecurity;

/// The bech32 human-readable part of an encrypted secret key.
pub const HRP: &str = "ncryptsec";

/// The only version byte NIP-49 defines (`VERSION_NUMBER`).
pub const VERSION: u8 = 0x02;

/// The `log_n` used by [`encrypt_default`](crate::encrypt_default): 2^16 scrypt rounds,
/// 64 MiB of memory, about 0.1 s on a fast computer (NIP-49's table).
pub const DEFAULT_LOG_N: u8 = 16;

/// The largest `log_n` decryption accepts unless told otherwise: 2^22 rounds and 4 GiB
/// of memory, the top of NIP-49's table. See [`DecryptOptions`].
pub const DEFAULT_MAX_LOG_N: u8 = 22;

const BECH32_HRP: Hrp = Hrp::parse_unchecked(HRP);
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const CIPHERTEXT_LEN: usize = 32;
const TAG_LEN: usize = 16;

/// An encrypted secret key: the five fields of NIP-49's 91-byte
/// `CIPHERTEXT_CONCATENATION` (the version byte is implied, always [`VERSION`]).
///
/// Parsing ([`EncryptedSecretKey::from_bech32`], [`FromStr`],
/// [`EncryptedSecretKey::from_bytes`]) checks the structure only: bech32 (not bech32m)
/// with the `ncryptsec` prefix and zero padding, exactly 91 bytes, version 0x02, a
/// key-security byte in `0..=2` and `log_n >= 1`. No scrypt work happens until
/// [`EncryptedSecretKey::decrypt`], which also enforces a maximum `log_n`.
///
/// `Display` writes the lowercase `ncryptsec1...` string (no allocation).
///
/// ```
/// use nostr_nip49::{EncryptedSecretKey, KeySecurity};
///
/// let ncryptsec = "ncryptsec1qgg9947rlpvqu76pj5ecreduf9jxhselq2nae2kghhvd5g7dgjtcxfqtd67p9m0w57lspw8gsq6yphnm8623nsl8xn9j4jdzz84zm3frztj3z7s35vpzmqf6ksu8r89qk5z2zxfmu5gv8th8wclt0h4p";
/// let encrypted: EncryptedSecretKey = ncryptsec.parse()?;
/// assert_eq!(encrypted.log_n(), 16);
/// assert_eq!(encrypted.key_security(), KeySecurity::KnownInsecure);
/// assert_eq!(encrypted.to_string(), ncryptsec);
/// // `encrypted.decrypt("nostr")` yields the key (see `nostr_nip49::decrypt`).
/// # Ok::<(), nostr_nip49::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EncryptedSecretKey {
    log_n: u8,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    key_security: KeySecurity,
    ciphertext: [u8; CIPHERTEXT_LEN],
    tag: [u8; TAG_LEN],
}

impl EncryptedSecretKey {
    /// The payload length before bech32 encoding: 91 bytes.
    pub const LEN: usize = 1 + 1 + SALT_LEN + NONCE_LEN + 1 + CIPHERTEXT_LEN + TAG_LEN;

    /// Encrypts `secret` under `password` with a fresh random salt and nonce from the
    /// operating system's RNG.
    ///
    /// The password is NFKC-normalized first (NIP-49). Encryption costs 2^`log_n` scrypt
    /// rounds and 2^`log_n` KiB of memory ([`DEFAULT_LOG_N`] is a good choice); this
    /// function does not cap `log_n`, so bound it yourself if it comes from a user.
    ///
    /// # Errors
    /// [`Error::InvalidLogN`] when `log_n` is 0 or its memory would not fit in the
    /// address space; [`Error::Rng`] when the OS RNG fails.
    ///
    /// # Example
    /// ```
    /// use nostr_core::SecretKey;
    /// use nostr_nip49::{EncryptedSecretKey, KeySecurity};
    ///
    /// let secret = SecretKey::generate();
    /// // A low log_n keeps the example fast; use 16 or more for real keys.
    /// let encrypted = EncryptedSecretKey::encrypt(&secret, "hunter2", 4, KeySecurity::NotKnownInsecure)?;
    /// assert!(encrypted.to_string().starts_with("ncryptsec1"));
    /// assert_eq!(encrypted.decrypt("hunter2")?, secret);
    /// # Ok::<(), nostr_nip49::Error>(())
    /// ```
    #[cfg(feature = "std")]
    pub fn encrypt(
        secret: &SecretKey,
        password: &str,
        log_n: u8,
        key_security: KeySecurity,
    ) -> Result<Self, Error> {
        Self::encrypt_with_rng(
            secret,
            password,
            log_n,
            key_security,
            &mut nostr_core::OsRng,
        )
    }

    /// Like [`EncryptedSecretKey::encrypt`] with a caller-supplied cryptographic RNG for
    /// the salt and nonce (for `no_std` targets or deterministic tests).
    ///
    /// # Errors
    /// [`Error::InvalidLogN`] when `log_n` is 0 or its memory would not fit in the
    /// address space; [`Error::Rng`] when `rng` fails (its `try_fill_bytes`).
    pub fn encrypt_with_rng<R: RngCore + CryptoRng + ?Sized>(
        secret: &SecretKey,
        password: &str,
        log_n: u8,
        key_security: KeySecurity,
        rng: &mut R,
    ) -> Result<Self, Error> {
        let mut salt = [0u8; SALT_LEN];
        rng.try_fill_bytes(&mut salt).map_err(|_| Error::Rng)?;
        let mut nonce = [0u8; NONCE_LEN];
        rng.try_fill_bytes(&mut nonce).map_err(|_| Error::Rng)?;

        let key = derive_key(password, &salt, log_n)?;
        let cipher = XChaCha20Poly1305::new((&*key).into());
        let mut ciphertext = Zeroizing::new(*secret.as_secret_bytes());
        let tag = cipher
            .encrypt_in_place_detached(
                (&nonce).into(),
                &[key_security.to_u8()],
                &mut ciphertext[..],
            )
            // Only fails for plaintexts longer than 256 GiB; ours is 32 bytes.
            .map_err(|_| Error::Decryption)?;

        Ok(Self {
            log_n,
            salt,
            nonce,
            key_security,
            ciphertext: *ciphertext,
            tag: tag.into(),
        })
    }

    /// Decrypts with the default limit of `log_n <=` [`DEFAULT_MAX_LOG_N`] (22). Use
    /// [`EncryptedSecretKey::decrypt_with_options`] to change the limit.
    ///
    /// The key-security byte is available as [`EncryptedSecretKey::key_security`]; it is
    /// authenticated by this call.
    ///
    /// # Errors
    /// - [`Error::LogNTooLarge`] when the `ncryptsec` asks for more scrypt work than allowed
    ///   (checked before any work is done);
    /// - [`Error::InvalidLogN`] when its memory would not fit in the address space;
    /// - [`Error::Decryption`] for a wrong password *or* tampered data (one opaque error:
    ///   the AEAD cannot tell them apart);
    /// - [`Error::InvalidSecretKey`] when the authentic plaintext is not a valid key.
    pub fn decrypt(&self, password: &str) -> Result<SecretKey, Error> {
        self.decrypt_with_options(password, &DecryptOptions::new())
    }

    /// Decrypts, refusing an `ncryptsec` whose `log_n` is above `options`' limit.
    ///
    /// # Errors
    /// As [`EncryptedSecretKey::decrypt`].
    ///
    /// # Example
    /// ```
    /// use nostr_nip49::{DecryptOptions, EncryptedSecretKey, Error};
    ///
    /// let encrypted: EncryptedSecretKey = "ncryptsec1qgg9947rlpvqu76pj5ecreduf9jxhselq2nae2kghhvd5g7dgjtcxfqtd67p9m0w57lspw8gsq6yphnm8623nsl8xn9j4jdzz84zm3frztj3z7s35vpzmqf6ksu8r89qk5z2zxfmu5gv8th8wclt0h4p".parse()?;
    /// // A service that only accepts cheap ncryptsecs refuses this one up front.
    /// let strict = DecryptOptions::new().with_max_log_n(14);
    /// assert_eq!(
    ///     encrypted.decrypt_with_options("nostr", &strict),
    ///     Err(Error::LogNTooLarge { log_n: 16, max: 14 })
    /// );
    /// # Ok::<(), nostr_nip49::Error>(())
    /// ```
    pub fn decrypt_with_options(
        &self,
        password: &str,
        options: &DecryptOptions,
    ) -> Result<SecretKey, Error> {
        if self.log_n > options.max_log_n {
            return Err(Error::LogNTooLarge {
                log_n: self.log_n,
                max: options.max_log_n,
            });
        }
        let key = derive_key(password, &self.salt, self.log_n)?;
        let cipher = XChaCha20Poly1305::new((&*key).into());
        let mut plaintext = Zeroizing::new(self.ciphertext);
        cipher
            .decrypt_in_place_detached(
                (&self.nonce).into(),
                &[self.key_security.to_u8()],
                &mut plaintext[..],
                (&self.tag).into(),
            )
            .map_err(|_| Error::Decryption)?;
        SecretKey::from_slice(&plaintext[..]).map_err(|_| Error::InvalidSecretKey)
    }

    /// Parses an `ncryptsec1...` string (lowercase or all-uppercase, as bech32 allows).
    ///
    /// # Errors
    /// [`Error::Bech32`], [`Error::Bech32m`], [`Error::WrongPrefix`],
    /// [`Error::InvalidPadding`], then the checks of [`EncryptedSecretKey::from_bytes`].
    pub fn from_bech32(s: &str) -> Result<Self, Error> {
        let checked = match CheckedHrpstring::new::<Bech32>(s) {
            Ok(checked) => checked,
            Err(err) => {
                // Only on the error path: say so when the checksum is the wrong variant.
                return Err(if CheckedHrpstring::new::<Bech32m>(s).is_ok() {
                    Error::Bech32m
                } else {
                    Error::Bech32(err)
                });
            }
        };
        if checked.hrp() != BECH32_HRP {
            return Err(Error::WrongPrefix);
        }
        checked
            .validate_segwit_padding()
            .map_err(|_| Error::InvalidPadding)?;
        let bytes = checked.byte_iter();
        if bytes.len() != Self::LEN {
            return Err(Error::InvalidLength {
                expected: Self::LEN,
                got: bytes.len(),
            });
        }
        let mut payload = [0u8; Self::LEN];
        for (dst, src) in payload.iter_mut().zip(bytes) {
            *dst = src;
        }
        Self::from_array(&payload)
    }

    /// Parses the 91-byte payload (`CIPHERTEXT_CONCATENATION`).
    ///
    /// # Errors
    /// [`Error::InvalidLength`], [`Error::UnsupportedVersion`], [`Error::InvalidLogN`]
    /// (for 0), [`Error::InvalidKeySecurity`], in that order.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let payload: &[u8; Self::LEN] = bytes.try_into().map_err(|_| Error::InvalidLength {
            expected: Self::LEN,
            got: bytes.len(),
        })?;
        Self::from_array(payload)
    }

    fn from_array(payload: &[u8; Self::LEN]) -> Result<Self, Error> {
        let mut reader = Reader(payload);
        let [version] = reader.take()?;
        if version != VERSION {
            return Err(Error::UnsupportedVersion(version));
        }
        let [log_n] = reader.take()?;
        if log_n == 0 {
            return Err(Error::InvalidLogN(log_n));
        }
        let salt = reader.take()?;
        let nonce = reader.take()?;
        let [key_security] = reader.take()?;
        let key_security = KeySecurity::from_u8(key_security)?;
        let ciphertext = reader.take()?;
        let tag = reader.take()?;
        Ok(Self {
            log_n,
            salt,
            nonce,
            key_security,
            ciphertext,
            tag,
        })
    }

    /// The 91-byte payload (`CIPHERTEXT_CONCATENATION`).
    #[must_use]
    pub fn to_bytes(&self) -> [u8; Self::LEN] {
        let mut out = [0u8; Self::LEN];
        let header = [VERSION, self.log_n];
        let key_security = [self.key_security.to_u8()];
        let fields = header
            .iter()
            .chain(&self.salt)
            .chain(&self.nonce)
            .chain(&key_security)
            .chain(&self.ciphertext)
            .chain(&self.tag);
        for (dst, src) in out.iter_mut().zip(fields) {
            *dst = *src;
        }
        out
    }

    /// The lowercase `ncryptsec1...` string (the same as `to_string()`).
    #[cfg(feature = "alloc")]
    #[must_use]
    pub fn to_bech32(&self) -> alloc::string::String {
        alloc::string::ToString::to_string(self)
    }

    /// The scrypt cost: 2^`log_n` rounds and 2^`log_n` KiB of memory.
    #[must_use]
    pub const fn log_n(&self) -> u8 {
        self.log_n
    }

    /// The key-security byte (authenticated on decryption).
    #[must_use]
    pub const fn key_security(&self) -> KeySecurity {
        self.key_security
    }

    /// The 16-byte scrypt salt.
    #[must_use]
    pub const fn salt(&self) -> &[u8; 16] {
        &self.salt
    }

    /// The 24-byte XChaCha20 nonce.
    #[must_use]
    pub const fn nonce(&self) -> &[u8; 24] {
        &self.nonce
    }

    /// The 32-byte encrypted key (without the tag).
    #[must_use]
    pub const fn ciphertext(&self) -> &[u8; 32] {
        &self.ciphertext
    }

    /// The 16-byte Poly1305 tag.
    #[must_use]
    pub const fn tag(&self) -> &[u8; 16] {
        &self.tag
    }
}

impl fmt::Display for EncryptedSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bech32::encode_lower_to_fmt::<Bech32, _>(f, BECH32_HRP, &self.to_bytes())
            .map_err(|_| fmt::Error)
    }
}

impl FromStr for EncryptedSecretKey {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_bech32(s)
    }
}

/// Limits for decrypting `ncryptsec`s that may come from strangers.
///
/// An `ncryptsec` names its own scrypt cost, so an untrusted one could demand 2^255
/// rounds; decryption refuses any `log_n` above the limit with
/// [`Error::LogNTooLarge`] before doing any work. The default limit is
/// [`DEFAULT_MAX_LOG_N`] (22: 4 GiB, a few seconds).
///
/// ```
/// use nostr_nip49::DecryptOptions;
///
/// let options = DecryptOptions::new().with_max_log_n(18); // at most 256 MiB
/// assert_eq!(options.max_log_n(), 18);
/// assert_eq!(DecryptOptions::default().max_log_n(), 22);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DecryptOptions {
    max_log_n: u8,
}

impl DecryptOptions {
    /// The defaults: `max_log_n` = [`DEFAULT_MAX_LOG_N`].
    #[must_use]
    pub const fn new() -> Self {
        Self {
            max_log_n: DEFAULT_MAX_LOG_N,
        }
    }

    /// Sets the largest `log_n` to accept.
    #[must_use]
    pub const fn with_max_log_n(mut self, max_log_n: u8) -> Self {
        self.max_log_n = max_log_n;
        self
    }

    /// The largest `log_n` accepted.
    #[must_use]
    pub const fn max_log_n(&self) -> u8 {
        self.max_log_n
    }

    /// Parses and decrypts an `ncryptsec1...` string under these limits, returning the
    /// key and its (authenticated) key-security value.
    ///
    /// # Errors
    /// As [`EncryptedSecretKey::from_bech32`] and
    /// [`EncryptedSecretKey::decrypt_with_options`].
    pub fn decrypt(
        &self,
        ncryptsec: &str,
        password: &str,
    ) -> Result<(SecretKey, KeySecurity), Error> {
        let encrypted = EncryptedSecretKey::from_bech32(ncryptsec)?;
        let secret = encrypted.decrypt_with_options(password, self)?;
        Ok((secret, encrypted.key_security))
    }
}

impl Default for DecryptOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// A cursor over the fixed-size payload.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let (head, rest) = self
            .0
            .split_first_chunk::<N>()
            // Unreachable: callers pass exactly `LEN` bytes and read exactly `LEN`.
            .ok_or(Error::InvalidLength {
                expected: EncryptedSecretKey::LEN,
                got: 0,
            })?;
        self.0 = rest;
        Ok(*head)
    }
}
