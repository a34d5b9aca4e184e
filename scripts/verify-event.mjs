#!/usr/bin/env node
// Verifies one event of a ceasefire-monitor log by hand, the way an outsider would: with Node
// alone (node:crypto, global fetch), nothing of the project's code. See README, "Verifying the log".
//
//   node scripts/verify-event.mjs <log URL> <position> [--key <verifier key>]
//
// 1. fetches the event and recomputes its hash from the fields served (API.md, "Proofs"):
//      hash = SHA-256(prevHash ‖ "\n" ‖ JCS({streamId, streamVersion, type, schemaVersion, data, metadata, recordedAt}))
//    with prevHash the hex hash of the stream's previous event ("" for its first);
// 2. checks the signed checkpoint (C2SP signed note, Ed25519) against the verifier key;
// 3. fetches the inclusion proof of the event's logIndex in that checkpoint's tree and walks it
//    (RFC 9162 §2.1.3.2) from leafHash = SHA-256(0x00 ‖ the 32 bytes of the hash) to the signed root.
// Exit status 0 only if every step holds.
import { createHash, createPublicKey, verify } from 'node:crypto';

const [url, positionArg, ...rest] = process.argv.slice(2);
const keyAt = rest.indexOf('--key');
const givenKey = keyAt >= 0 ? rest[keyAt + 1] : undefined;
if (!url || !/^\d+$/.test(positionArg ?? '')) {
  console.error('Usage: node scripts/verify-event.mjs <log URL> <position> [--key <verifier key>]');
  process.exit(2);
}
const base = url.replace(/\/+$/, '');
const position = Number(positionArg);

const sha256 = (...parts) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const fail = (message) => {
  console.error(`FAILED: ${message}`);
  process.exit(1);
};
async function get(path, as = 'json') {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) fail(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return as === 'json' ? response.json() : response.text();
}

// RFC 8785 (JCS) for what JSON carries: keys sorted by UTF-16 code units, no whitespace, strings
// and numbers as JSON.stringify writes them.
const jcs = (v) =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(jcs).join(',')}]`
      : `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`)
          .join(',')}}`;

// 1. The event, and its hash recomputed from what is served.
const [event] = (await get(`/events?after=${position - 1}&limit=1`)).items;
if (!event || event.position !== position) fail(`no event at position ${position}`);
const { streamId, streamVersion, type, schemaVersion, data, metadata, recordedAt, prevHash, hash, logIndex } = event;
const recomputed = sha256(prevHash ?? '', '\n', jcs({ streamId, streamVersion, type, schemaVersion, data, metadata, recordedAt })).toString('hex');
console.log(`event ${position}: ${type}, ${streamId} v${streamVersion}, logIndex ${logIndex}`);
console.log(`  hash       ${hash}`);
console.log(`  recomputed ${recomputed}`);
if (recomputed !== hash) fail('the event does not hash to its hash');
if (streamVersion > 1) {
  const previous = (await get(`/streams/${encodeURIComponent(streamId)}/events`)).items.find((e) => e.streamVersion === streamVersion - 1);
  if (previous?.hash !== prevHash) fail(`prevHash is not the hash of ${streamId} v${streamVersion - 1}`);
  console.log(`  prevHash is the hash of ${streamId} v${streamVersion - 1}`);
}
const leafHash = sha256(Buffer.from([0]), Buffer.from(hash, 'hex'));
console.log(`  leafHash   ${leafHash.toString('hex')}`);

// 2. The checkpoint and its signature. Verifier key: <name>+<8 hex key hash>+<base64(0x01 ‖ 32-byte Ed25519 key)>.
const verifierKey = givenKey ?? (await get('/checkpoint/key', 'text')).trim();
if (!givenKey) console.log(`key (fetched, not pinned: compare it with the key the log publishes elsewhere): ${verifierKey}`);
const [keyName, keyHashHex, keyBase64] = verifierKey.split('+');
const keyBytes = Buffer.from(keyBase64 ?? '', 'base64');
if (keyBytes.length !== 33 || keyBytes[0] !== 1) fail('not an Ed25519 verifier key');
const publicKey = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), keyBytes.subarray(1)]), format: 'der', type: 'spki' });

const note = await get('/checkpoint', 'text');
const split = note.indexOf('\n\n');
const text = note.slice(0, split + 1);
const signatures = note
  .slice(split + 2)
  .split('\n')
  .filter(Boolean);
const [origin, sizeLine, rootBase64] = text.slice(0, -1).split('\n');
const signed = signatures.some((line) => {
  const [dash, name, sig] = line.split(' ');
  const bytes = Buffer.from(sig ?? '', 'base64');
  return (
    dash === '\u2014' &&
    name === keyName &&
    bytes.length === 68 &&
    bytes.subarray(0, 4).toString('hex') === keyHashHex &&
    verify(null, Buffer.from(text), publicKey, bytes.subarray(4))
  );
});
if (origin !== keyName || !signed) fail('the checkpoint is not signed by that key');
const treeSize = Number(sizeLine);
const root = Buffer.from(rootBase64, 'base64');
console.log(`checkpoint of ${origin}: ${treeSize} entries, root ${root.toString('hex')}, signature valid`);
if (logIndex >= treeSize) fail(`the checkpoint (size ${treeSize}) does not cover logIndex ${logIndex} yet: try again`);

// 3. The inclusion proof, walked up to the root (RFC 9162 §2.1.3.2).
const proof = await get(`/proofs/inclusion?logIndex=${logIndex}&treeSize=${treeSize}`);
if (proof.leafHash !== leafHash.toString('hex')) fail('the tree holds another leaf at that logIndex');
const node = (left, right) => sha256(Buffer.from([1]), left, right);
let fn = logIndex;
let sn = treeSize - 1;
let r = leafHash;
for (const step of proof.path.map((h) => Buffer.from(h, 'hex'))) {
  if (sn === 0) fail('the path is too long');
  if (fn % 2 === 1 || fn === sn) {
    r = node(step, r);
    while (fn % 2 === 0 && fn !== 0) {
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
  } else {
    r = node(r, step);
  }
  fn = Math.floor(fn / 2);
  sn = Math.floor(sn / 2);
}
console.log(`inclusion path of ${proof.path.length} hashes leads to ${r.toString('hex')}`);
if (sn !== 0 || !r.equals(root)) fail('the inclusion proof does not reach the signed root');
console.log(`OK: event ${position} is entry ${logIndex} of the log ${origin} as signed at size ${treeSize}`);
