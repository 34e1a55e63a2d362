//! nostr-zap benchmarks: BOLT-11 decoding and NIP-57 Appendix F receipt validation,
//! each beside its bare cryptographic work, and beside what the published `nostr`
//! crate can do of it (it has no BOLT-11 decoder and no receipt validation: only the
//! two event parse + verify steps are comparable).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use core::hint::black_box;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nostr_benches::zap_fixture;
use nostr_core::secp256k1::ecdsa::{RecoverableSignature, RecoveryId};
use nostr_core::secp256k1::{Message, XOnlyPublicKey, schnorr};
use nostr_core::{Event, Keys, Timestamp};
use nostr_zap::bolt11::Invoice;
use nostr_zap::{ValidatedZap, ZapReceiptBuilder, ZapRequestBuilder};
use sha2::{Digest, Sha256};

/// BOLT-11's example with a route hint, fallback and features (`lnbc20m`, P2PKH + `r`).
const SPEC_INVOICE: &str = "lnbc20m1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqsfpp3qjmp7lwpagxun9pygexvgpjdc4jdj85fr9yq20q82gphp2nflc7jtzrcazrra7wwgzxqc8u7754cdlpfrmccae92qgzqvzq2ps8pqqqqqqpqqqqq9qqqvpeuqafqxu92d8lr6fvg0r5gv0heeeqgcrqlnm6jhphu9y00rrhy4grqszsvpcgpy9qqqqqqgqqqqq7qqzq9qrsgqdfjcdk6w3ak5pca9hwfwfh63zrrz06wwfya0ydlzpgzxkn5xagsqz7x9j4jwe7yj7vaf2k9lqsdk45kts2fd0fkr28am0u4w95tt2nsq76cqw0";

/// The bare cost of checking an invoice signature: SHA-256 of the signed bytes and one
/// ECDSA public-key recovery.
fn bare_bolt11(signed: &[u8], sig: &RecoverableSignature) {
    let ctx = nostr_core::secp256k1_context();
    let hash: [u8; 32] = Sha256::digest(signed).into();
    black_box(ctx.recover_ecdsa(&Message::from_digest(hash), sig).unwrap());
}

fn bench_bolt11(c: &mut Criterion) {
    let f = zap_fixture();
    let mut group = c.benchmark_group("bolt11_decode");
    for (name, text) in [
        ("zap_invoice", f.invoice.as_str()),
        ("spec_route_hint", SPEC_INVOICE),
    ] {
        let inv = Invoice::decode(text).unwrap();
        // As many bytes as the invoice signs (hrp + data part without signature and
        // checksum, regrouped to bytes): what the bare path hashes.
        let sep = text.rfind('1').unwrap();
        let groups = text.len() - sep - 1 - 6 - 104;
        let signed_len = sep + (groups * 5).div_ceil(8);
        let sig = RecoverableSignature::from_compact(
            &inv.signature,
            RecoveryId::try_from(i32::from(inv.recovery_id)).unwrap(),
        )
        .unwrap();
        let signed = vec![0x5au8; signed_len];
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("nostr-zap", name), text, |b, t| {
            b.iter(|| Invoice::decode(black_box(t)).unwrap());
        });
        group.bench_with_input(
            BenchmarkId::new("bare_sha256+ecdsa_recover", name),
            &(),
            |b, ()| {
                b.iter(|| bare_bolt11(black_box(&signed), &sig));
            },
        );
    }
    group.finish();
}

fn bench_receipt(c: &mut Criterion) {
    let f = zap_fixture();
    let provider = f.server.public_key();
    let zap = ValidatedZap::validate(&f.receipt, &provider, None).unwrap();
    assert!(zap.is_clean());

    // Bare crypto: two Schnorr verifies (receipt, request), one ECDSA recovery
    // (invoice), one SHA-256 (description hash).
    let request = Event::from_json(&f.request_json).unwrap();
    let ctx = nostr_core::secp256k1_context();
    // Raw bytes: a BIP-340 verify starts from the 32-byte key (lift_x is part of it).
    let schnorr_inputs: Vec<([u8; 64], [u8; 32], [u8; 32])> = [&f.receipt, &request]
        .iter()
        .map(|e| (*e.sig.as_bytes(), *e.id.as_bytes(), *e.pubkey.as_bytes()))
        .collect();
    let inv = &zap.invoice;
    let recoverable = RecoverableSignature::from_compact(
        &inv.signature,
        RecoveryId::try_from(i32::from(inv.recovery_id)).unwrap(),
    )
    .unwrap();
    let bare = || {
        for (sig, msg, pk) in &schnorr_inputs {
            let sig = schnorr::Signature::from_slice(black_box(sig)).unwrap();
            let pk = XOnlyPublicKey::from_slice(black_box(pk)).unwrap();
            ctx.verify_schnorr(&sig, black_box(msg), &pk).unwrap();
        }
        let m = Message::from_digest(inv.signed_hash);
        black_box(ctx.recover_ecdsa(&m, &recoverable).unwrap());
        black_box(Sha256::digest(f.request_json.as_bytes()));
    };

    let mut group = c.benchmark_group("zap_receipt_validate");
    group.throughput(Throughput::Bytes(f.receipt_json.len() as u64));
    group.bench_function("nostr-zap/from_json", |b| {
        b.iter(|| ValidatedZap::from_json(black_box(&f.receipt_json), &provider, None).unwrap());
    });
    group.bench_function("nostr-zap/parsed_event", |b| {
        b.iter(|| ValidatedZap::validate(black_box(&f.receipt), &provider, None).unwrap());
    });
    group.bench_function("bare_2xschnorr_from_bytes+ecdsa_recover+sha256", |b| {
        b.iter(bare)
    });
    // rust-nostr has no bolt11 decoder or receipt validation: its comparable part is
    // parsing and verifying the two events (receipt and embedded request).
    group.bench_function("rust-nostr/events_only", |b| {
        use nostr::prelude as rn;
        b.iter(|| {
            let receipt = rn::Event::from_json(black_box(&f.receipt_json)).unwrap();
            receipt.verify().unwrap();
            let description = receipt
                .tags
                .iter()
                .find(|t| t.kind() == "description")
                .and_then(|t| t.content())
                .unwrap();
            let request = rn::Event::from_json(description).unwrap();
            request.verify().unwrap();
            black_box(request);
        });
    });
    group.bench_function("nostr-core/events_only", |b| {
        b.iter(|| {
            let receipt = Event::from_json(black_box(&f.receipt_json)).unwrap();
            receipt.verify().unwrap();
            let request =
                Event::from_json(receipt.tags.first_value("description").unwrap()).unwrap();
            request.verify().unwrap();
            black_box(request);
        });
    });
    group.finish();

    // Building requests and receipts, for scale.
    let mut group = c.benchmark_group("zap_build");
    let sender = Keys::new(nostr_core::SecretKey::from_bytes([1; 32]).unwrap());
    group.bench_function("nostr-zap/request_sign", |b| {
        b.iter(|| {
            ZapRequestBuilder::new(provider, ["wss://relay.damus.io"])
                .amount_msat(21_000)
                .sign_with_aux(&sender, Timestamp::from_secs(1), &[0; 32])
        });
    });
    group.bench_function("nostr-zap/receipt_build_sign", |b| {
        b.iter(|| {
            ZapReceiptBuilder::new(&f.invoice, &f.request_json)
                .sign_with_aux(&f.server, Timestamp::from_secs(2), &[0; 32])
                .unwrap()
        });
    });
    group.finish();
}

criterion_group!(benches, bench_bolt11, bench_receipt);
criterion_main!(benches);
