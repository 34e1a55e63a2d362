// Generates events.jsonl: events signed by nostr-tools (an independent
// implementation) with contents that exercise every escaping rule.
// Run: npm install nostr-tools@2.25.2 && node generate.mjs > events.jsonl
import { finalizeEvent, getEventHash } from 'nostr-tools/pure';

const sk = new Uint8Array(32).fill(7);
const contents = [
  '', 'hello', 'quote " backslash \\ slash /', 'line\nfeed\rreturn\ttab\bback\fform',
  Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(''),
  'del \u007f nbsp \u00a0 ls \u2028 ps \u2029 bom \ufeff', 'emoji 😀🎉 astral \u{10ffff} café',
  'mixed "\u0001\u001f" </script>', 'a'.repeat(5000),
];
let t = 1700000000;
for (const [i, content] of contents.entries()) {
  const tags = [['t', content.slice(0, 20)], ['e', '0'.repeat(64), '', 'root'], ['x', '\u0000', '"', '\\']];
  const ev = finalizeEvent({ kind: 1 + i, created_at: t + i, tags, content }, sk);
  if (getEventHash(ev) !== ev.id) throw new Error('self-check failed');
  console.log(JSON.stringify(ev));
}
