// Generates nostr-tools-entities.json: NIP-19 entities encoded by nostr-tools, an
// independent implementation, for tests/cross_check.rs.
//
//   npm install nostr-tools@2.25.2
//   node gen_nostr_tools.mjs > nostr-tools-entities.json
//
// A fixed-seed PRNG makes the output reproducible.
import * as nip19 from 'nostr-tools/nip19'
const bytesToHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')

let state = 0x2545f491n
function rnd() {
  // xorshift64*
  state ^= state >> 12n; state ^= (state << 25n) & 0xffffffffffffffffn; state ^= state >> 27n
  return Number(((state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) >> 32n)
}
const int = (n) => rnd() % n
const bytes32 = () => Uint8Array.from({ length: 32 }, () => int(256))
const hex32 = () => bytesToHex(bytes32())
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
function str(maxLen, unicode) {
  const len = int(maxLen + 1)
  let s = ''
  while (new TextEncoder().encode(s).length < len) {
    if (unicode && int(5) === 0) s += ['é', '日', '🦀', '-', ':', ' '][int(6)]
    else s += ALNUM[int(ALNUM.length)]
  }
  // trim to at most len bytes on a char boundary
  while (new TextEncoder().encode(s).length > len) s = [...s].slice(0, -1).join('')
  return s
}
const relay = (long) => 'wss://' + str(long ? 200 : 30, false) + '.example.com'
const relays = () => Array.from({ length: int(6) }, () => relay(int(8) === 0))

const out = []
for (let i = 0; i < 40; i++) {
  const pk = hex32()
  out.push({ type: 'npub', bech32: nip19.npubEncode(pk), pubkey: pk })
}
for (let i = 0; i < 40; i++) {
  const sk = bytes32()
  out.push({ type: 'nsec', bech32: nip19.nsecEncode(sk), secret: bytesToHex(sk) })
}
for (let i = 0; i < 40; i++) {
  const id = hex32()
  out.push({ type: 'note', bech32: nip19.noteEncode(id), id })
}
for (let i = 0; i < 40; i++) {
  const p = { pubkey: hex32(), relays: relays() }
  out.push({ type: 'nprofile', bech32: nip19.nprofileEncode(p), ...p })
}
// Long strings (over the bech32 crate's 1023-character default): 20 long relays.
for (let i = 0; i < 3; i++) {
  const p = { pubkey: hex32(), relays: Array.from({ length: 20 }, () => 'wss://' + 'r'.repeat(80 + i) + '.example.com/' + i) }
  out.push({ type: 'nprofile', bech32: nip19.nprofileEncode(p), ...p })
}
for (let i = 0; i < 40; i++) {
  const e = { id: hex32(), relays: relays() }
  if (int(2)) e.author = hex32()
  if (int(2)) e.kind = int(65536)
  out.push({ type: 'nevent', bech32: nip19.neventEncode(e), ...e })
}
for (let i = 0; i < 40; i++) {
  const a = { identifier: str(int(4) === 0 ? 255 : 40, true), pubkey: hex32(), kind: int(65536), relays: relays() }
  out.push({ type: 'naddr', bech32: nip19.naddrEncode(a), ...a })
}
console.log(JSON.stringify(out, null, 1))
