//! Runs one nostr-zap operation N times so `valgrind --tool=callgrind` can count its
//! instructions (load-independent ratios on a busy machine), and prints the on-CPU
//! time per call from `/proc/self/schedstat`.
//!
//! Usage: `zap_icount <op> <n>`; `scripts/zap_icount.sh` runs every op and prints
//! per-call instruction counts.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use core::hint::black_box;
use nostr::prelude as rn;
use nostr_core::Event;
use nostr_core::secp256k1::ecdsa::{RecoverableSignature, RecoveryId};
use nostr_core::secp256k1::{Message, XOnlyPublicKey, schnorr};
use nostr_zap::ValidatedZap;
use nostr_zap::bolt11::Invoice;
use sha2::{Digest, Sha256};

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);

    let nostr_benches::ZapFixture {
        server,
        receipt,
        receipt_json,
        invoice,
        request_json,
    } = nostr_benches::zap_fixture();
    let request = Event::from_json(&request_json).unwrap();
    let provider = server.public_key();
    let decoded = Invoice::decode(&invoice).unwrap();
    let ctx = nostr_core::secp256k1_context();
    let recoverable = RecoverableSignature::from_compact(
        &decoded.signature,
        RecoveryId::try_from(i32::from(decoded.recovery_id)).unwrap(),
    )
    .unwrap();
    let sep = invoice.rfind('1').unwrap();
    let signed = vec![0x5au8; sep + ((invoice.len() - sep - 1 - 110) * 5).div_ceil(8)];
    // Raw bytes: a BIP-340 verify starts from the 32-byte key (lift_x is part of it).
    let schnorr_inputs: Vec<([u8; 64], [u8; 32], [u8; 32])> = [&receipt, &request]
        .iter()
        .map(|e| (*e.sig.as_bytes(), *e.id.as_bytes(), *e.pubkey.as_bytes()))
        .collect();

    let start = nostr_benches::cpu_ns();
    for _ in 0..n {
        match op.as_str() {
            "none" => {}
            "bolt11/ours" => {
                black_box(Invoice::decode(black_box(&invoice)).unwrap());
            }
            "bolt11/bare" => {
                let hash: [u8; 32] = Sha256::digest(black_box(&signed)).into();
                black_box(
                    ctx.recover_ecdsa(&Message::from_digest(hash), &recoverable)
                        .unwrap(),
                );
            }
            "receipt/ours" => {
                black_box(
                    ValidatedZap::from_json(black_box(&receipt_json), &provider, None).unwrap(),
                );
            }
            "receipt/ours-parsed" => {
                black_box(ValidatedZap::validate(black_box(&receipt), &provider, None).unwrap());
            }
            "receipt/bare" => {
                for (sig, msg, pk) in &schnorr_inputs {
                    let sig = schnorr::Signature::from_slice(black_box(sig)).unwrap();
                    let pk = XOnlyPublicKey::from_slice(black_box(pk)).unwrap();
                    ctx.verify_schnorr(&sig, black_box(msg), &pk).unwrap();
                }
                let m = Message::from_digest(decoded.signed_hash);
                black_box(ctx.recover_ecdsa(&m, &recoverable).unwrap());
                black_box(Sha256::digest(black_box(request_json.as_bytes())));
            }
            "receipt/events-core" => {
                let r = Event::from_json(black_box(&receipt_json)).unwrap();
                r.verify().unwrap();
                let q = Event::from_json(r.tags.first_value("description").unwrap()).unwrap();
                q.verify().unwrap();
                black_box(q);
            }
            "receipt/events-rust-nostr" => {
                let r = rn::Event::from_json(black_box(&receipt_json)).unwrap();
                r.verify().unwrap();
                let d = r
                    .tags
                    .iter()
                    .find(|t| t.kind() == "description")
                    .and_then(|t| t.content())
                    .unwrap();
                let q = rn::Event::from_json(d).unwrap();
                q.verify().unwrap();
                black_box(q);
            }
            other => panic!("unknown op {other}"),
        }
    }
    let elapsed = nostr_benches::cpu_ns().saturating_sub(start);
    eprintln!("{op}: {} ns on-CPU per call", elapsed / n.max(1) as u64);
}
