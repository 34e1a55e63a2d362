//! NIP-49 at log_n 16: our encrypt/decrypt beside the published `nostr` crate on the same
//! inputs and beside bare `scrypt` with the same parameters (the KDF is the whole cost;
//! everything else should be noise).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use core::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group};
use nostr::nips::nip19::{FromBech32, ToBech32};
use nostr_nip49::{EncryptedSecretKey, KeySecurity};

/// log_n 16, NIP-49's first table row. Unoptimized builds (CI's `cargo test --benches`
/// runs every bench once in the test profile) use 8 so that smoke run stays quick.
const LOG_N: u8 = if cfg!(debug_assertions) { 8 } else { 16 };
const PASSWORD: &str = "correct horse battery staple";
const SECRET_HEX: &str = "3501454135014541350145413501453fefb02227e449e57cf4d3a3ce05378683";

fn bare_scrypt(password: &str, salt: &[u8; 16]) -> [u8; 32] {
    let params = scrypt::Params::new(LOG_N, 8, 1).unwrap();
    let mut key = [0u8; 32];
    scrypt::scrypt(password.as_bytes(), salt, &params, &mut key).unwrap();
    key
}

fn bench_encrypt(c: &mut Criterion) {
    let ours_key = nostr_core::SecretKey::from_hex(SECRET_HEX).unwrap();
    let their_key = nostr::key::SecretKey::from_hex(SECRET_HEX).unwrap();
    let salt = [7u8; 16];

    let mut group = c.benchmark_group("nip49_encrypt");
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("ours", LOG_N), |b| {
        b.iter(|| {
            nostr_nip49::encrypt(
                black_box(&ours_key),
                black_box(PASSWORD),
                LOG_N,
                KeySecurity::Unknown,
            )
            .unwrap()
        });
    });
    group.bench_function(BenchmarkId::new("rust-nostr", LOG_N), |b| {
        b.iter(|| {
            nostr::nips::nip49::EncryptedSecretKey::new(
                black_box(&their_key),
                black_box(PASSWORD),
                LOG_N,
                nostr::nips::nip49::KeySecurity::Unknown,
            )
            .unwrap()
            .to_bech32()
            .unwrap()
        });
    });
    group.bench_function(BenchmarkId::new("bare-scrypt", LOG_N), |b| {
        b.iter(|| bare_scrypt(black_box(PASSWORD), black_box(&salt)));
    });
    group.finish();
}

fn bench_decrypt(c: &mut Criterion) {
    let secret = nostr_core::SecretKey::from_hex(SECRET_HEX).unwrap();
    // One input string for both libraries.
    let ncryptsec = nostr_nip49::encrypt(&secret, PASSWORD, LOG_N, KeySecurity::Unknown).unwrap();
    let parsed: EncryptedSecretKey = ncryptsec.parse().unwrap();
    let salt = *parsed.salt();

    let mut group = c.benchmark_group("nip49_decrypt");
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("ours", LOG_N), |b| {
        b.iter(|| nostr_nip49::decrypt(black_box(&ncryptsec), black_box(PASSWORD)).unwrap());
    });
    group.bench_function(BenchmarkId::new("rust-nostr", LOG_N), |b| {
        b.iter(|| {
            nostr::nips::nip49::EncryptedSecretKey::from_bech32(black_box(&ncryptsec))
                .unwrap()
                .decrypt(black_box(PASSWORD))
                .unwrap()
        });
    });
    group.bench_function(BenchmarkId::new("bare-scrypt", LOG_N), |b| {
        b.iter(|| bare_scrypt(black_box(PASSWORD), black_box(&salt)));
    });
    group.finish();
}

/// The non-KDF work on its own: parsing and encoding the bech32 string.
fn bench_codec(c: &mut Criterion) {
    let secret = nostr_core::SecretKey::from_hex(SECRET_HEX).unwrap();
    let ncryptsec = nostr_nip49::encrypt(&secret, PASSWORD, 1, KeySecurity::Unknown).unwrap();
    let parsed: EncryptedSecretKey = ncryptsec.parse().unwrap();

    let mut group = c.benchmark_group("nip49_codec");
    group.bench_function("ours/parse", |b| {
        b.iter(|| black_box(&ncryptsec).parse::<EncryptedSecretKey>().unwrap());
    });
    group.bench_function("rust-nostr/parse", |b| {
        b.iter(|| {
            nostr::nips::nip49::EncryptedSecretKey::from_bech32(black_box(&ncryptsec)).unwrap()
        });
    });
    group.bench_function("ours/encode", |b| b.iter(|| black_box(&parsed).to_bech32()));
    group.finish();
}

/// `NIP49_INTERLEAVED=<rounds> cargo bench -p nostr-benches --bench nip49` skips criterion
/// and runs the five log_n-16 operations round-robin, printing min and median per
/// operation and the ratios. On a shared, loaded machine this is steadier than
/// criterion's one-function-after-another sampling: every round sees the same load.
fn interleaved(rounds: usize) {
    use core::time::Duration;
    use std::time::Instant;

    let ours_key = nostr_core::SecretKey::from_hex(SECRET_HEX).unwrap();
    let their_key = nostr::key::SecretKey::from_hex(SECRET_HEX).unwrap();
    let ncryptsec = nostr_nip49::encrypt(&ours_key, PASSWORD, LOG_N, KeySecurity::Unknown).unwrap();
    let salt = *ncryptsec.parse::<EncryptedSecretKey>().unwrap().salt();

    type Op<'a> = (&'static str, Box<dyn Fn() + 'a>);
    let ops: [Op<'_>; 5] = [
        (
            "bare-scrypt",
            Box::new(|| {
                black_box(bare_scrypt(black_box(PASSWORD), black_box(&salt)));
            }),
        ),
        (
            "ours/encrypt",
            Box::new(|| {
                black_box(
                    nostr_nip49::encrypt(
                        &ours_key,
                        black_box(PASSWORD),
                        LOG_N,
                        KeySecurity::Unknown,
                    )
                    .unwrap(),
                );
            }),
        ),
        (
            "rust-nostr/encrypt",
            Box::new(|| {
                black_box(
                    nostr::nips::nip49::EncryptedSecretKey::new(
                        &their_key,
                        black_box(PASSWORD),
                        LOG_N,
                        nostr::nips::nip49::KeySecurity::Unknown,
                    )
                    .unwrap()
                    .to_bech32()
                    .unwrap(),
                );
            }),
        ),
        (
            "ours/decrypt",
            Box::new(|| {
                black_box(nostr_nip49::decrypt(black_box(&ncryptsec), PASSWORD).unwrap());
            }),
        ),
        (
            "rust-nostr/decrypt",
            Box::new(|| {
                black_box(
                    nostr::nips::nip49::EncryptedSecretKey::from_bech32(black_box(&ncryptsec))
                        .unwrap()
                        .decrypt(PASSWORD)
                        .unwrap(),
                );
            }),
        ),
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); ops.len()];
    let mut cpu_ticks = vec![0u64; ops.len()];
    for _ in 0..rounds {
        for ((op, samples), ticks) in ops.iter().zip(&mut times).zip(&mut cpu_ticks) {
            let cpu_start = thread_cpu_ticks();
            let start = Instant::now();
            (op.1)();
            samples.push(start.elapsed());
            if let (Some(a), Some(b)) = (cpu_start, thread_cpu_ticks()) {
                *ticks += b - a;
            }
        }
    }
    let stats: Vec<(Duration, Duration)> = times
        .iter_mut()
        .map(|t| {
            t.sort();
            (t[0], t[t.len() / 2])
        })
        .collect();
    for ((name, _), (min, median)) in ops.iter().zip(&stats) {
        println!("{name:20} min {min:>10.2?}  median {median:>10.2?}");
    }
    let ratio = |a: usize, b: usize| {
        (
            stats[a].0.as_secs_f64() / stats[b].0.as_secs_f64(),
            stats[a].1.as_secs_f64() / stats[b].1.as_secs_f64(),
        )
    };
    let cpu_ratio = |a: usize, b: usize| cpu_ticks[a] as f64 / cpu_ticks[b].max(1) as f64;
    for (label, a, b) in [
        ("ours/encrypt / bare-scrypt", 1, 0),
        ("ours/decrypt / bare-scrypt", 3, 0),
        ("ours/encrypt / rust-nostr/encrypt", 1, 2),
        ("ours/decrypt / rust-nostr/decrypt", 3, 4),
    ] {
        let (min, median) = ratio(a, b);
        println!(
            "{label:36} wall min {min:.3}  wall median {median:.3}  cpu total {:.3}",
            cpu_ratio(a, b)
        );
    }
    println!("cpu ticks per op over {rounds} rounds: {cpu_ticks:?}");
}

/// This thread's user + system CPU time in clock ticks, from `/proc/thread-self/stat`
/// (Linux only; `None` elsewhere). Ticks are coarse (usually 10 ms), so only totals
/// over many rounds are meaningful; the ratios do not depend on the tick length.
fn thread_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let (_, after_comm) = stat.rsplit_once(") ")?;
    let mut fields = after_comm.split_whitespace().skip(11); // field 14 is utime
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

criterion_group!(benches, bench_encrypt, bench_decrypt, bench_codec);

fn main() {
    if let Some(rounds) = std::env::var("NIP49_INTERLEAVED")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        interleaved(rounds);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
