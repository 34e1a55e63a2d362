// Generates relay_urls.json: relay URLs as nostr-tools' normalizeURL writes them,
// for the cross-check in tests/relay.rs. Run from a directory where nostr-tools is
// installed (npm i nostr-tools@2.25.2):
//   node relay_urls.mjs > relay_urls.json
import { normalizeURL } from 'nostr-tools/utils'

const inputs = [
  'wss://relay.example.com',
  'wss://relay.example.com/',
  'WSS://Relay.Example.COM',
  'wss://relay.example.com:443',
  'wss://relay.example.com:443/',
  'ws://relay.example.com:80',
  'ws://relay.example.com:443',
  'wss://relay.example.com:80',
  'wss://relay.example.com:7777',
  'wss://relay.example.com//',
  'wss://relay.example.com/nostr',
  'wss://relay.example.com/nostr/',
  'wss://relay.example.com//nostr//path//',
  'wss://relay.example.com/Path/Case',
  'wss://relay.example.com#fragment',
  'wss://relay.example.com/x#fragment',
  'wss://relay.example.com/?a=1',
  'wss://relay.example.com/x?a=1#f',
  'ws://127.0.0.1:7447',
  'ws://localhost:8080/',
  'wss://[::1]:7777',
  'wss://nos.lol',
  'wss://relay.damus.io/',
  'wss://relay.nostr.band',
  'wss://nostr.wine',
  'wss://relay.snort.social/',
  '  wss://relay.example.com  ',
]
console.log(JSON.stringify(inputs.map((input) => ({ input, nostr_tools: normalizeURL(input) })), null, 1))
