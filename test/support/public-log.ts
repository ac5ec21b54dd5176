import { createHash, createPublicKey, verify } from 'node:crypto';
import { queueLogLeaf } from '../../src/app/public-log/queue-leaf.ts';
import type { TestApp } from './test-app.ts';

/**
 * A checkpoint note read and checked the way an outside verifier would, without the product's
 * note code: the key string's id recomputed (SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4]) and the
 * Ed25519 signature checked with Node's crypto.
 */
export const readSignedCheckpoint = (note: string, vkey: string): { origin: string; size: number; root: Buffer; lines: string[] } => {
  // The base64 part may itself hold '+': only the first two separate.
  const [name, hashHex, ...rest] = vkey.trim().split('+');
  const b64 = rest.join('+');
  const raw = Buffer.from(b64!, 'base64');
  if (raw[0] !== 1 || raw.length !== 33) throw new Error('not an Ed25519 verifier key');
  const pub = raw.subarray(1);
  const id = createHash('sha256')
    .update(Buffer.concat([Buffer.from(name!), Buffer.of(0x0a, 1), pub]))
    .digest()
    .subarray(0, 4);
  if (id.toString('hex') !== hashHex) throw new Error('the key id does not match the key');
  const at = note.indexOf('\n\n');
  const text = note.slice(0, at + 1);
  const sigs = note
    .slice(at + 2)
    .trim()
    .split('\n');
  const mine = sigs.map((l) => /^\u2014 (\S+) (\S+)$/.exec(l)).find((m) => m && m[1] === name && Buffer.from(m[2]!, 'base64').subarray(0, 4).equals(id));
  if (!mine) throw new Error('no signature line by this key');
  const sig = Buffer.from(mine[2]!, 'base64').subarray(4);
  const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]), format: 'der', type: 'spki' });
  if (!verify(null, Buffer.from(text), key, sig)) throw new Error('the checkpoint signature does not verify');
  const lines = text.split('\n').slice(0, -1);
  return { origin: lines[0]!, size: Number(lines[1]), root: Buffer.from(lines[2]!, 'base64'), lines };
};

/** Queues `n` leaves as signings would (each in its own transaction), numbered from `from`. */
export const queueLeaves = async (app: TestApp, n: number, from = 0): Promise<string[]> => {
  const keys: string[] = [];
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const sha256 = createHash('sha256')
        .update(`letter ${from + i}`)
        .digest('hex');
      keys.push(sha256);
      await app.naskah.deps.db.transaction((tx) =>
        queueLogLeaf(tx, {
          subjectType: 'outgoing',
          number: `800/${from + i + 1}/BKD/2026`,
          sha256,
          certificateSha256: 'c'.repeat(64),
          signedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, from + i)),
          now: new Date(),
        }),
      );
    }),
  );
  return keys;
};

/** Appends what is queued and waits until the checkpoint of it is published. */
export const settleLog = async (app: TestApp): Promise<void> => {
  app.naskah.logSequencer.nudge();
  await app.naskah.logSequencer.idle();
};

export const getText = async (url: string): Promise<{ status: number; type: string; text: string }> => {
  const r = await fetch(url);
  return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
};
