//! Key derivation: NFKC password normalization and scrypt (NIP-49 "Symmetric
//! Encryption Key derivation").

use alloc::string::String;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use zeroize::Zeroizing;

use crate::error::Error;

/// scrypt's block size parameter `r` (NIP-49: 8).
const SCRYPT_R: u32 = 8;
/// scrypt's parallelism parameter `p` (NIP-49: 1).
const SCRYPT_P: u32 = 1;

/// Derives the 32-byte symmetric key: scrypt(NFKC(password), salt, 2^log_n, r = 8, p = 1).
///
/// The normalized copy of the password (made only when the password is not already
/// NFKC) and the derived key are zeroized when dropped.
pub(crate) fn derive_key(
    password: &str,
    salt: &[u8; 16],
    log_n: u8,
) -> Result<Zeroizing<[u8; 32]>, Error> {
    // scrypt needs N = 2^log_n > 1. Its working memory is 128 * r * N = 2^(log_n + 10)
    // bytes, which must stay below `isize::MAX` or allocating it panics (a capacity
    // overflow, not an allocation failure); `Params::new` only checks for `usize`
    // overflow, so check first: log_n <= 52 on 64-bit targets, <= 20 on 32-bit ones.
    if log_n == 0 || u32::from(log_n) + 10 >= usize::BITS - 1 {
        return Err(Error::InvalidLogN(log_n));
    }
    let params =
        scrypt::Params::new(log_n, SCRYPT_R, SCRYPT_P).map_err(|_| Error::InvalidLogN(log_n))?;
    let normalized = normalize(password);
    let password_bytes = match &normalized {
        Some(owned) => owned.as_bytes(),
        None => password.as_bytes(),
    };
    let mut key = Zeroizing::new([0u8; 32]);
    scrypt::scrypt(password_bytes, salt, &params, &mut key[..])
        // Only fails for an output length of 0 or above 128 GiB; ours is 32 bytes.
        .map_err(|_| Error::InvalidLogN(log_n))?;
    Ok(key)
}

/// The NFKC form of `password`, or `None` when it is already NFKC (the common ASCII
/// case: no copy is made).
///
/// The copy is allocated at its final size up front, so growing the string never
/// leaves a stale, unzeroized partial copy behind in freed memory.
pub(crate) fn normalize(password: &str) -> Option<Zeroizing<String>> {
    if is_nfkc_quick(password.chars()) == IsNormalized::Yes {
        return None;
    }
    let len = password.nfkc().map(char::len_utf8).sum();
    let mut out = Zeroizing::new(String::with_capacity(len));
    for c in password.nfkc() {
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfkc_input_is_not_copied() {
        assert!(normalize("").is_none());
        assert!(normalize("correct horse battery staple").is_none());
        assert!(normalize("\u{c5}\u{3a9}\u{1e69}").is_none());
    }

    #[test]
    fn copy_is_allocated_once_at_its_final_size() {
        for (input, expected) in [
            ("\u{212b}\u{2126}\u{1e9b}\u{323}", "\u{c5}\u{3a9}\u{1e69}"),
            (
                "\u{fdfa}",
                "\u{635}\u{644}\u{649} \u{627}\u{644}\u{644}\u{647} \u{639}\u{644}\u{64a}\u{647} \u{648}\u{633}\u{644}\u{645}",
            ),
            ("\u{ff50}\u{ff57}", "pw"),
        ] {
            let out = normalize(input).unwrap();
            assert_eq!(out.as_str(), expected);
            assert_eq!(
                out.capacity(),
                out.len(),
                "no spare capacity, so no regrowth"
            );
        }
    }

    #[test]
    fn log_n_bounds() {
        assert_eq!(derive_key("", &[0; 16], 0), Err(Error::InvalidLogN(0)));
        let too_big = u8::try_from(usize::BITS - 11).unwrap();
        assert_eq!(
            derive_key("", &[0; 16], too_big),
            Err(Error::InvalidLogN(too_big))
        );
        assert!(derive_key("", &[0; 16], 1).is_ok());
    }
}
