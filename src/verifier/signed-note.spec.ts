// Known answers from golang.org/x/mod/sumdb/note (note_test.go) and
// github.com/transparency-dev/formats (log/note_test.go): keys, signatures and a real checkpoint
// of the Go checksum database, so that what we sign Go tools can read and vice versa.
import { generateKeyPairSync, sign } from 'node:crypto';
import { formatCheckpoint, parseCheckpoint, verifyCheckpoint } from './checkpoint';
import { leafHash, rootHash } from './merkle';
import {
  decodeBase64Strict,
  ed25519KeyHash,
  formatSignatureLine,
  formatSignedNote,
  makeVerifierKey,
  parseSignedNote,
  parseVerifierKey,
  rawEd25519PublicKey,
  verifySignedNote,
  VerifierKeyError,
} from './signed-note';

const peterKey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const enochKey = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const peterSig = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const enochSig = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

// log/note_test.go: a checkpoint of sum.golang.org, and its key.
const sumdbKey = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
const sumdbCheckpoint =
  'go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n\n— sum.golang.org Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n';

// c2sp.org/tlog-checkpoint's example (its key is not published: parsed, not verified).
const c2spExample =
  'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';

/** A checkpoint of our own, signed with a fresh key the way the server signs. */
function ourCheckpoint(origin = 'ceasefire.example/log') {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const verifierKey = makeVerifierKey(origin, publicKey);
  const body = formatCheckpoint({ origin, treeSize: 1234, rootHash: leafHash(Buffer.from('root')) });
  const hash = ed25519KeyHash(origin, rawEd25519PublicKey(publicKey));
  const note = formatSignedNote(body, [formatSignatureLine(origin, hash, sign(null, Buffer.from(body), privateKey))]);
  return { note, body, verifierKey };
}

describe('verifier key strings', () => {
  it('parses the key of note_test.go and writes it back from the raw public key', () => {
    const key = parseVerifierKey(peterKey);
    expect(key.name).toBe('PeterNeumann');
    expect(key.keyHash).toBe(0xc74f20a3);
    expect(makeVerifierKey('PeterNeumann', key.publicKey)).toBe(peterKey);
    expect(parseVerifierKey(sumdbKey).keyHash).toBe(0x033de0ae);
  });

  it('refuses every substring and every one-byte change of it (TestNewVerifier)', () => {
    const accepted: string[] = [];
    for (let i = 0; i <= peterKey.length; i++) {
      for (let j = i + 1; j <= peterKey.length; j++) {
        if (i === 0 && j === peterKey.length) continue;
        const mangled = peterKey.slice(i, j);
        try {
          parseVerifierKey(mangled);
          accepted.push(mangled);
        } catch {
          // refused, as it should be
        }
      }
    }
    for (let i = 0; i < peterKey.length; i++) {
      const mangled = peterKey.slice(0, i) + String.fromCharCode(peterKey.charCodeAt(i) + 1) + peterKey.slice(i + 1);
      try {
        parseVerifierKey(mangled);
        accepted.push(mangled);
      } catch {
        // refused
      }
    }
    expect(accepted).toEqual([]);
    // Wrong key length and unknown algorithm, each with a key hash adjusted to match. (Go reads
    // the first base64 leniently and refuses the length; this reader refuses the spelling.)
    expect(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toThrow(VerifierKeyError);
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow('Unknown signature algorithm');
    expect(() => parseVerifierKey(peterKey.replace('c74f20a3', 'C74F20A3'))).toThrow('lowercase');
  });

  it('reads base64 only in its canonical spelling', () => {
    expect(decodeBase64Strict('AQ==')).toEqual(Buffer.from([1]));
    expect(decodeBase64Strict('AR==')).toBeUndefined(); // same byte, stray low bits
    expect(decodeBase64Strict('AQ')).toBeUndefined();
    expect(decodeBase64Strict('A Q==')).toBeUndefined();
    expect(decodeBase64Strict('AQ-_')).toBeUndefined();
  });
});

describe('signed notes', () => {
  it("verifies note_test.go's note with Peter's key, ignoring Enoch's signature, and with Enoch's key", () => {
    const note = `${text}\n${peterSig}${enochSig}`;
    const byPeter = verifySignedNote(note, peterKey);
    expect(byPeter).toMatchObject({ ok: true, note: { text } });
    expect(verifySignedNote(note, enochKey)).toMatchObject({ ok: true, note: { text } });
    expect(parseSignedNote(note).signatures.map((s) => [s.name, s.keyHash])).toEqual([
      ['PeterNeumann', 0xc74f20a3],
      ['EnochRoot', 0xaf0cfe78],
    ]);
  });

  it('rejects a corrupted signature by the trusted key even beside a valid one', () => {
    const corrupt = peterSig.slice(0, 60) + 'ABCD' + peterSig.slice(60);
    expect(verifySignedNote(`${text}\n${corrupt}`, peterKey)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifySignedNote(`${text}\n${peterSig}${corrupt}`, peterKey)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a note without a signature by the trusted key: other name, other key hash, other key', () => {
    expect(verifySignedNote(`${text}\n${enochSig}`, peterKey)).toMatchObject({ ok: false, reason: 'not-signed-by-key' });
    expect(verifySignedNote(`${text}\n${peterSig.replace('PeterNeumann', 'CarmenSandiego')}`, peterKey)).toMatchObject({
      ok: false,
      reason: 'not-signed-by-key',
    });
    expect(verifySignedNote(`${text}\n${peterSig.replace('x08g', 'xxxx')}`, peterKey)).toMatchObject({ ok: false, reason: 'not-signed-by-key' });
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(verifySignedNote(`${text}\n${peterSig}`, makeVerifierKey('PeterNeumann', publicKey))).toMatchObject({ ok: false, reason: 'not-signed-by-key' });
  });

  it('rejects the malformed notes of note_test.go', () => {
    const bad = [
      text,
      `${text}\n`,
      `${text}\n${peterSig.slice(0, -1)}`,
      `\x01${text}\n${peterSig}`,
      `${text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${text}\n${peterSig}Unexpected line.\n`,
      `${text}\n${peterSig.repeat(101)}`,
    ];
    for (const note of bad) expect(verifySignedNote(note, peterKey)).toMatchObject({ ok: false, reason: 'malformed' });
    const invalidUtf8 = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${text}\n${peterSig}`)]);
    expect(verifySignedNote(invalidUtf8, peterKey)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('checkpoints as signed notes', () => {
  it("verifies a real checkpoint of the Go checksum database with sum.golang.org's key", () => {
    const result = verifyCheckpoint(sumdbCheckpoint, sumdbKey);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.checkpoint.origin).toBe('go.sum database tree');
    expect(result.checkpoint.treeSize).toBe(6476701);
    expect(result.checkpoint.rootHash.toString('base64')).toBe('mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=');
    expect(verifyCheckpoint(sumdbCheckpoint.replace('6476701', '6476702'), sumdbKey)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('parses the example of the tlog-checkpoint spec', () => {
    const { text: body, signatures } = parseSignedNote(c2spExample);
    expect(signatures[0].name).toBe('example.com/behind-the-sofa');
    expect(parseCheckpoint(body)).toMatchObject({ origin: 'example.com/behind-the-sofa', treeSize: 20852163, extensions: [] });
  });

  it('verifies the example checkpoint of ADR 0004, the root of its three leaves included', () => {
    const example =
      'ceasefire.example/log\n3\nmS7irQJ3WXzZM9Ub9vBTGJBE9LbzQ9i2Nx9FsH0zrqw=\n\n— ceasefire.example/log 1nop+gxGv2vtqt8q9kmlzbznpTJUlk6rzbE+9gdDLkX9KDN3Kj3xSdjvOy09nb2+xvD4/DHeiobaxoitMLIeUG6boAQ=\n';
    const result = verifyCheckpoint(example, 'ceasefire.example/log+d67a29fa+AaaKEzfs33TbUYkpSj/XMFFfDfze9NqNVpWMe7x8NE61');
    expect(result).toMatchObject({ ok: true, checkpoint: { treeSize: 3, rootHash: rootHash(['a', 'b', 'c'].map((c) => Buffer.alloc(32, c))) } });
  });

  it('verifies our own signed checkpoint', () => {
    const { note, body, verifierKey } = ourCheckpoint();
    expect(verifyCheckpoint(note, verifierKey)).toMatchObject({ ok: true, checkpoint: { origin: 'ceasefire.example/log', treeSize: 1234 } });
    expect(note.startsWith(`${body}\n— ceasefire.example/log `)).toBe(true);
  });

  it('rejects a flipped bit anywhere in the note', () => {
    const { note, verifierKey } = ourCheckpoint();
    const bytes = Buffer.from(note, 'utf8');
    const accepted: string[] = [];
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = Buffer.from(bytes);
        flipped[i] ^= 1 << bit;
        if (verifyCheckpoint(flipped, verifierKey).ok) accepted.push(`byte ${i} bit ${bit}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('rejects a flipped bit anywhere in the verifier key', () => {
    const { note, verifierKey } = ourCheckpoint();
    const bytes = Buffer.from(verifierKey, 'utf8');
    const accepted: string[] = [];
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 7; bit++) {
        const flipped = Buffer.from(bytes);
        flipped[i] ^= 1 << bit;
        if (verifyCheckpoint(note, flipped.toString('latin1')).ok) accepted.push(`byte ${i} bit ${bit}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('rejects a wrong key name, a missing blank line and extra blank lines', () => {
    const { note, body, verifierKey } = ourCheckpoint();
    const signatureLine = note.slice(body.length + 1);
    const key = parseVerifierKey(verifierKey);
    // The same public key under another name is another key (and another key hash).
    expect(verifyCheckpoint(note, makeVerifierKey('ceasefire.example/other', key.publicKey))).toMatchObject({ ok: false, reason: 'not-signed-by-key' });
    expect(verifyCheckpoint(note.replace('— ceasefire.example/log ', '— ceasefire.example/other '), verifierKey)).toMatchObject({
      ok: false,
      reason: 'not-signed-by-key',
    });
    expect(verifyCheckpoint(`${body}${signatureLine}`, verifierKey)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyCheckpoint(`${body}\n\n${signatureLine}`, verifierKey).ok).toBe(false);
    expect(verifyCheckpoint(`${note}\n`, verifierKey)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyCheckpoint(`${body}\n${signatureLine}\n${signatureLine}`, verifierKey).ok).toBe(false);
    expect(verifyCheckpoint(`\n${note}`, verifierKey).ok).toBe(false);
  });
});
