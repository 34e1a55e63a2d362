//! NIP-53 "Proof of Agreement to Participate": a participant's BIP-340 signature
//! over SHA-256 of the activity's address `kind:pubkey:d`.

use alloc::vec::Vec;

use nostr_core::{Coordinate, Keys, PublicKey, Signature};
use sha2::{Digest, Sha256};

use crate::common::Participant;
use crate::error::Error;

/// The 32-byte message a participant signs: SHA-256 of the UTF-8 string
/// `"<kind>:<author pubkey hex>:<d>"` (NIP-53, "Proof of Agreement to Participate").
///
/// Hashed in pieces, without building the string.
pub fn proof_message(coordinate: &Coordinate) -> [u8; 32] {
    let mut kind_buf = [0u8; 5];
    let kind = decimal(coordinate.kind.as_u16(), &mut kind_buf);
    let mut pk_buf = [0u8; 64];
    let pk = nostr_core::hex::encode_to_slice(coordinate.pubkey.as_bytes(), &mut pk_buf);
    let mut h = Sha256::new();
    h.update(kind);
    h.update(b":");
    h.update(pk.as_bytes());
    h.update(b":");
    h.update(coordinate.identifier.as_bytes());
    h.finalize().into()
}

fn decimal(mut n: u16, buf: &mut [u8; 5]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            // n % 10 < 10, so the cast cannot truncate.
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    buf.get(i..).unwrap_or_default()
}

/// Signs the proof of agreement for `coordinate` with the participant's keys,
/// using fresh auxiliary randomness.
///
/// # Example
/// ```
/// use nostr_core::{Coordinate, Keys, Kind};
/// use nostr_live::{create_proof, verify_proof};
/// let host = Keys::generate();
/// let guest = Keys::generate();
/// let address = Coordinate::new(Kind::LIVE_EVENT, host.public_key(), "show");
/// let proof = create_proof(&guest, &address);
/// assert!(verify_proof(&guest.public_key(), &address, &proof.to_hex()).is_ok());
/// ```
#[cfg(feature = "std")]
pub fn create_proof(keys: &Keys, coordinate: &Coordinate) -> Signature {
    keys.sign_hash(&proof_message(coordinate))
}

/// Signs the proof of agreement with caller-chosen BIP-340 auxiliary data
/// (deterministic; for `no_std` and tests).
pub fn create_proof_with_aux(keys: &Keys, coordinate: &Coordinate, aux: &[u8; 32]) -> Signature {
    keys.sign_hash_with_aux(&proof_message(coordinate), aux)
}

/// Checks one proof (128 lowercase hex characters) for `participant`.
///
/// # Errors
/// [`Error::InvalidProofHex`] when the proof is not 128 lowercase hex characters,
/// [`Error::Core`] with `InvalidPublicKey` or `InvalidSignature` otherwise.
pub fn verify_proof(
    participant: &PublicKey,
    coordinate: &Coordinate,
    proof_hex: &str,
) -> Result<(), Error> {
    let sig = Signature::from_hex(proof_hex).map_err(|_| Error::InvalidProofHex)?;
    participant.verify_hash(&proof_message(coordinate), &sig)?;
    Ok(())
}

/// The outcome of checking one participant's proof of agreement.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProofStatus {
    /// The proof is a valid signature by the participant.
    Verified,
    /// The proof is present but malformed or does not verify (the participant is
    /// at best "invited").
    Invalid(ProofFailure),
    /// No proof (clients MAY show the participant as "invited").
    Missing,
}

/// Why a present proof was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProofFailure {
    /// Not 128 lowercase hex characters.
    BadHex,
    /// The participant's key is not a point on the curve.
    BadPubkey,
    /// The signature does not verify.
    BadSignature,
}

/// One participant and the state of their proof.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProofCheck {
    /// The participant.
    pub pubkey: PublicKey,
    /// The result.
    pub status: ProofStatus,
}

impl Participant {
    /// Checks this participant's proof against the activity address.
    pub fn proof_status(&self, coordinate: &Coordinate) -> ProofStatus {
        proof_status_with(
            &self.pubkey,
            self.proof.as_deref(),
            &proof_message(coordinate),
        )
    }
}

fn proof_status_with(pubkey: &PublicKey, proof: Option<&str>, msg: &[u8; 32]) -> ProofStatus {
    let Some(proof) = proof else {
        return ProofStatus::Missing;
    };
    let Ok(sig) = Signature::from_hex(proof) else {
        return ProofStatus::Invalid(ProofFailure::BadHex);
    };
    match pubkey.verify_hash(msg, &sig) {
        Ok(()) => ProofStatus::Verified,
        Err(nostr_core::Error::InvalidPublicKey) => ProofStatus::Invalid(ProofFailure::BadPubkey),
        Err(_) => ProofStatus::Invalid(ProofFailure::BadSignature),
    }
}

/// Checks every participant's proof against `coordinate` (the message is hashed
/// once), in order.
pub fn verify_proofs(coordinate: &Coordinate, participants: &[Participant]) -> Vec<ProofCheck> {
    let msg = proof_message(coordinate);
    participants
        .iter()
        .map(|p| ProofCheck {
            pubkey: p.pubkey,
            status: proof_status_with(&p.pubkey, p.proof.as_deref(), &msg),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use nostr_core::Kind;

    #[test]
    fn message_matches_string_hash() {
        let keys = Keys::generate();
        for kind in [0u16, 7, 30311, 65535] {
            let c = Coordinate::new(Kind::new(kind), keys.public_key(), "a:b");
            let s = alloc::format!("{kind}:{}:a:b", keys.public_key());
            let want: [u8; 32] = Sha256::digest(s.as_bytes()).into();
            assert_eq!(proof_message(&c), want);
        }
    }

    #[test]
    fn statuses() {
        let host = Keys::generate();
        let guest = Keys::generate();
        let c = Coordinate::new(Kind::LIVE_EVENT, host.public_key(), "x");
        let good = Participant::new(guest.public_key()).with_proof(&create_proof(&guest, &c));
        let wrong_signer =
            Participant::new(guest.public_key()).with_proof(&create_proof(&host, &c));
        let mut bad_hex = Participant::new(guest.public_key());
        bad_hex.proof = Some("zz".into());
        let missing = Participant::new(guest.public_key());
        let got: Vec<_> = verify_proofs(&c, &[good, wrong_signer, bad_hex, missing])
            .into_iter()
            .map(|c| c.status)
            .collect();
        assert_eq!(
            got,
            [
                ProofStatus::Verified,
                ProofStatus::Invalid(ProofFailure::BadSignature),
                ProofStatus::Invalid(ProofFailure::BadHex),
                ProofStatus::Missing
            ]
        );
    }
}
