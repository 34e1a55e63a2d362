// Generates nostr-tools-edge.json: edge-case inputs and what nostr-tools 2.25.2 makes
// of them, for tests/cross_check.rs (which records where this crate differs).
//
//   npm install nostr-tools@2.25.2
//   node gen_nostr_tools_edge.mjs > nostr-tools-edge.json
import * as nip19 from 'nostr-tools/nip19'
import { bech32, bech32m } from '@scure/base'

const enc = (hrp, bytes) => bech32.encode(hrp, bech32.toWords(Uint8Array.from(bytes)), 5000)
const pk = Array(32).fill(0x11)
const tlv = (recs) => recs.flatMap(([t, v]) => [t, v.length, ...v])
const cases = {
  kind_over_65535: enc('nevent', tlv([[0, pk], [3, [0, 1, 0, 1]]])),
  non_utf8_relay: enc('nprofile', tlv([[0, pk], [1, [0x77, 0xff, 0xfe]]])),
  naddr_without_identifier: enc('naddr', tlv([[2, pk], [3, [0, 0, 0x75, 0x27]]])),
  short_pubkey_tlv: enc('nprofile', tlv([[0, pk.slice(1)]])),
  truncated_tlv: enc('nprofile', [...tlv([[0, pk]]), 1, 10, 0x77]),
  bech32m_checksum: bech32m.encode('npub', bech32m.toWords(Uint8Array.from(pk)), 5000),
  unknown_tlv_type: enc('nprofile', tlv([[9, [1]], [0, pk]])),
  npub_31_bytes: enc('npub', pk.slice(1)),
}
const out = Object.entries(cases).map(([name, input]) => {
  try {
    return { name, input, nostr_tools: nip19.decode(input) }
  } catch (e) {
    return { name, input, nostr_tools_error: e.message }
  }
})
console.log(JSON.stringify(out, null, 1))
