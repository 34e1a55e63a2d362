#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
//! Relay hot paths: the acceptance check per incoming event beside bare parse +
//! verify (target: within 1.05x), and matching one event against 1,000
//! subscriptions' filters, each with the published `nostr` crate on the same input.

use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use nostr::prelude as rn;
use nostr_benches::sample_note;
use nostr_core::policy::AcceptancePolicy;
use nostr_core::req::Subscriptions;
use nostr_core::{EventId, Filter, Keys, Kind, RawEvent, SubscriptionId, Timestamp};
use sha2::{Digest, Sha256};

fn acceptance(c: &mut Criterion) {
    let (_, event) = sample_note();
    let json = event.to_json();
    let now = Timestamp::from_secs(1_700_000_000);
    let default = AcceptancePolicy::default();
    let strict = AcceptancePolicy {
        max_content_chars: Some(8196),
        max_age: Some(31_536_000),
        max_future: Some(300),
        blocked_kinds: [Kind::new(4)].into(),
        ..AcceptancePolicy::default()
    };
    assert!(strict.check_json(&json, now).is_ok());
    let canonical = event.clone().into_unsigned().canonical_json();

    let mut g = c.benchmark_group("acceptance");
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.bench_function("ours/check_json(default policy)", |b| {
        b.iter(|| default.check_json(black_box(&json), now).unwrap())
    });
    g.bench_function("ours/check_json(all limits)", |b| {
        b.iter(|| strict.check_json(black_box(&json), now).unwrap())
    });
    g.bench_function("ours/RawEvent::from_json+verify", |b| {
        b.iter(|| {
            let raw = RawEvent::from_json(black_box(&json)).unwrap();
            raw.verify().unwrap();
            raw
        })
    });
    // The non-cryptographic part alone: every check up to the id hash, stopped by an
    // impossible proof-of-work requirement (the last check before hashing), beside
    // the bare parse it builds on.
    let no_crypto = AcceptancePolicy {
        min_pow: 255,
        ..strict.clone()
    };
    assert!(no_crypto.check_json(&json, now).is_err());
    g.bench_function("ours/check_json(all limits) without crypto", |b| {
        b.iter(|| no_crypto.check_json(black_box(&json), now).unwrap_err())
    });
    g.bench_function("ours/RawEvent::from_json", |b| {
        b.iter(|| RawEvent::from_json(black_box(&json)).unwrap())
    });
    g.bench_function("ours/check_event(all limits)", |b| {
        b.iter(|| strict.check_event(black_box(&event), now).unwrap())
    });
    g.bench_function("ours/Event::verify", |b| {
        b.iter(|| black_box(&event).verify().unwrap())
    });
    g.bench_function("rust-nostr/Event::from_json+verify", |b| {
        b.iter(|| {
            let e = rn::Event::from_json(black_box(&json)).unwrap();
            e.verify().unwrap();
            e
        })
    });
    g.bench_function("bare/sha256+xonly+schnorr", |b| {
        let ctx = nostr_core::secp256k1_context();
        b.iter(|| {
            let hash: [u8; 32] = Sha256::digest(black_box(canonical.as_bytes())).into();
            let pk = secp256k1::XOnlyPublicKey::from_slice(event.pubkey.as_bytes()).unwrap();
            let sig = secp256k1::schnorr::Signature::from_slice(event.sig.as_bytes()).unwrap();
            ctx.verify_schnorr(&sig, &hash, &pk).unwrap();
        })
    });
    g.finish();
}

/// 1,000 subscriptions with the filters clients commonly send: a follow feed
/// (kinds + 20 authors), mentions (`#p`), replies and reactions (`#e`), profiles
/// (kinds 0/3 + author) and hashtag feeds (`#t` + since). A handful match the sample.
fn subscriptions() -> Vec<Filter> {
    let (keys, event) = sample_note();
    let authors: Vec<_> = (1..=64u8)
        .map(|i| {
            let mut hex =
                String::from("00000000000000000000000000000000000000000000000000000000000001");
            hex.push_str(&format!("{i:02x}"));
            Keys::from_hex(&hex).unwrap().public_key()
        })
        .collect();
    let some_id = |i: usize| EventId::from_bytes(Sha256::digest(i.to_le_bytes()).into());
    (0..1000usize)
        .map(|i| {
            let matching = i % 97 == 0;
            match i % 5 {
                0 => {
                    let mut f = Filter::new()
                        .kinds([Kind::TEXT_NOTE, Kind::REPOST])
                        .authors((0..20).map(|j| authors[(i + j * 7) % authors.len()]));
                    if matching {
                        f = f.author(keys.public_key());
                    }
                    f.limit(100)
                }
                1 => {
                    let p = if matching {
                        "f7234bd4c1394dda46d09f35bd384dd30cc552ad5541990f98844fb06676e9ca"
                            .to_string()
                    } else {
                        authors[i % authors.len()].to_hex()
                    };
                    Filter::new()
                        .kinds([Kind::TEXT_NOTE, Kind::REACTION])
                        .tag('p', p)
                }
                2 => {
                    let e = if matching {
                        "5c83da77af1dec6d7289834998ad7aafbd9e2191396d75ec3cc27f5a77226f36"
                            .to_string()
                    } else {
                        some_id(i).to_hex()
                    };
                    Filter::new().tag('e', e)
                }
                3 => Filter::new()
                    .kinds([Kind::METADATA, Kind::CONTACT_LIST])
                    .author(authors[i % authors.len()]),
                _ => Filter::new()
                    .tag(
                        't',
                        if matching {
                            "nostr".to_string()
                        } else {
                            format!("topic{i}")
                        },
                    )
                    .since(Timestamp::from_secs(event.created_at.as_secs() - 3600)),
            }
        })
        .collect()
}

fn filter_match(c: &mut Criterion) {
    let (_, event) = sample_note();
    let filters = subscriptions();
    let mut subs = Subscriptions::new();
    for (i, f) in filters.iter().enumerate() {
        subs.insert(
            SubscriptionId::new(format!("sub{i}")).unwrap(),
            vec![f.clone()],
        );
    }
    let theirs_event = rn::Event::from_json(event.to_json()).unwrap();
    let theirs: Vec<rn::Filter> = filters
        .iter()
        .map(|f| rn::Filter::from_json(f.to_json()).unwrap())
        .collect();
    let ours_count = subs.matching(&event).len();
    let theirs_count = theirs
        .iter()
        .filter(|f| f.match_event(&theirs_event, rn::MatchEventOptions::default()))
        .count();
    assert_eq!(ours_count, theirs_count, "same filters, same matches");
    assert!(ours_count >= 5, "{ours_count}");

    let mut g = c.benchmark_group("match_1000_subscriptions");
    g.throughput(Throughput::Elements(1000));
    g.bench_function("ours/Subscriptions::matching", |b| {
        b.iter(|| subs.matching(black_box(&event)).len())
    });
    g.bench_function("ours/Filter::matches x1000", |b| {
        b.iter(|| {
            filters
                .iter()
                .filter(|f| f.matches(black_box(&event)))
                .count()
        })
    });
    g.bench_function("rust-nostr/Filter::match_event x1000", |b| {
        b.iter(|| {
            theirs
                .iter()
                .filter(|f| {
                    f.match_event(black_box(&theirs_event), rn::MatchEventOptions::default())
                })
                .count()
        })
    });
    g.bench_function("bare/Event::verify (one)", |b| {
        b.iter(|| black_box(&event).verify().unwrap())
    });
    g.finish();
}

criterion_group!(benches, acceptance, filter_match);
criterion_main!(benches);
