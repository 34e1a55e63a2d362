//! Quick start: keys, a signed note and what a receiver checks, shareable `npub` /
//! `nevent` strings, a NIP-44 encrypted message to a peer and back, and an
//! `ncryptsec` backup of the secret key.
//!
//! Run: `cargo run -p nostr-examples --example quickstart`

use std::io::Write;

use nostr_core::{Event, EventBuilder, Filter, Keys, Kind, PublicKey, Tag, Timestamp};
use nostr_nip19::{Entity, Nevent, Npub};
use nostr_nip44::ConversationKey;
use nostr_nip49::KeySecurity;

use crate::{Error, ensure};

/// Plays the quick-start flow, writing the narrative to `out`.
///
/// # Errors
/// When a step fails or a checked fact does not hold.
pub fn run(out: &mut dyn Write) -> Result<(), Error> {
    // 1. Keys: a fresh secret from the OS RNG, with its x-only public key.
    let keys = Keys::generate();
    let npub = Npub::from(keys.public_key());
    writeln!(out, "1. keys")?;
    writeln!(out, "   public key (hex): {}", keys.public_key())?;
    writeln!(out, "   public key (npub): {npub}")?;
    // The npub decodes back to the same key.
    let Entity::Npub(decoded) = Entity::decode(&npub.to_string())? else {
        return Err("an npub did not decode as an npub".into());
    };
    ensure(
        PublicKey::from(decoded) == keys.public_key(),
        "npub round trip",
    )?;

    // 2. A signed kind-1 note.
    let note = EventBuilder::new(Kind::TEXT_NOTE, "hello nostr \u{1f44b}")
        .tag(Tag::hashtag("introductions"))
        .sign_at(&keys, Timestamp::now());
    let json = note.to_json();
    writeln!(out, "\n2. a signed note\n   {json}")?;

    // 3. What a receiver does: strict parse, then verify id and signature.
    let received = Event::from_json(&json)?;
    received.verify()?;
    ensure(received == note, "the parsed note equals the signed one")?;
    writeln!(out, "\n3. received and verified: id {}", received.id)?;
    // A tampered copy does not verify.
    let mut forged = received.clone();
    forged.content.push('!');
    ensure(forged.verify().is_err(), "a tampered note fails to verify")?;
    writeln!(
        out,
        "   a copy with one more character in the content: rejected"
    )?;

    // Would a subscription want it?
    let filter = Filter::new()
        .kind(Kind::TEXT_NOTE)
        .tag('t', "introductions");
    ensure(
        filter.matches(&received),
        "the note matches its hashtag filter",
    )?;
    writeln!(out, "   matches {}: yes", filter.to_json())?;

    // 4. Share it: an nevent carries the id, a relay hint, the author and the kind.
    let nevent = Nevent::new(
        received.id,
        ["wss://relay.example.com"],
        Some(received.pubkey),
        Some(received.kind),
    )?;
    writeln!(out, "\n4. share it\n   nostr:{nevent}")?;
    let back: Nevent = nevent.to_string().parse()?;
    ensure(back.id() == received.id, "nevent carries the id")?;
    ensure(
        back.author() == Some(keys.public_key()),
        "nevent carries the author",
    )?;
    ensure(
        back.kind() == Some(Kind::TEXT_NOTE),
        "nevent carries the kind",
    )?;
    writeln!(
        out,
        "   decodes to id {}, kind {}",
        back.id(),
        Kind::TEXT_NOTE
    )?;

    // 5. A private message to a peer (NIP-44 v2): both sides derive the same
    //    conversation key from their secret and the other's public key.
    let peer = Keys::generate();
    let to_peer = ConversationKey::derive(keys.secret_key(), &peer.public_key())?;
    let payload = to_peer.encrypt("meet at the usual place, 8pm")?;
    writeln!(
        out,
        "\n5. NIP-44 message to {}",
        Npub::from(peer.public_key())
    )?;
    writeln!(out, "   payload: {payload}")?;
    let at_peer = ConversationKey::derive(peer.secret_key(), &keys.public_key())?;
    let opened = at_peer.decrypt(&payload)?;
    ensure(
        opened == "meet at the usual place, 8pm",
        "the peer reads the message",
    )?;
    writeln!(out, "   the peer decrypts: {opened:?}")?;
    let reply = at_peer.encrypt("see you there")?;
    let reply_opened = to_peer.decrypt(&reply)?;
    ensure(reply_opened == "see you there", "we read the reply")?;
    writeln!(out, "   and we decrypt the reply: {reply_opened:?}")?;
    // A third key cannot read it.
    let stranger = Keys::generate();
    let wrong = ConversationKey::derive(stranger.secret_key(), &keys.public_key())?;
    ensure(
        wrong.decrypt(&payload).is_err(),
        "a stranger cannot decrypt",
    )?;
    writeln!(out, "   a stranger's key: refused (MAC mismatch)")?;

    // 6. Back up the secret key under a password (NIP-49 ncryptsec).
    //    log_n is the scrypt cost: 2^log_n iterations and 2^log_n KiB of memory.
    //    Real backups use 16 or more (`nostr_nip49::encrypt_default`, ~64 MiB);
    //    12 (4 MiB, a few ms) keeps this example instant. Never go this low for a
    //    key you care about.
    let password = "correct horse battery staple";
    let backup = nostr_nip49::encrypt(
        keys.secret_key(),
        password,
        12,
        KeySecurity::NotKnownInsecure,
    )?;
    writeln!(out, "\n6. password backup\n   {backup}")?;
    let (restored, security) = nostr_nip49::decrypt(&backup, password)?;
    ensure(
        &restored == keys.secret_key(),
        "the backup restores the key",
    )?;
    ensure(
        security == KeySecurity::NotKnownInsecure,
        "key security round trip",
    )?;
    ensure(
        Keys::new(restored).public_key() == keys.public_key(),
        "restored key has the same public key",
    )?;
    writeln!(out, "   restored with the password: same key ({npub})")?;
    ensure(
        nostr_nip49::decrypt(&backup, "wrong password").is_err(),
        "a wrong password fails",
    )?;
    writeln!(out, "   a wrong password: refused")?;

    writeln!(out, "\nquickstart: all checks passed")?;
    Ok(())
}
