/**
 * A checkpoint's text (C2SP tlog-checkpoint): the origin, the tree size in decimal, the root hash
 * in base64, then optional extension lines. Naskah adds one: `audit <seq> <hash>`, the head of
 * its hash-chained audit trail when the checkpoint was signed, so the trail is anchored in the
 * same public heads as the letters.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  extensions: string[];
}

export const checkpointText = (c: Checkpoint): string => `${c.origin}\n${c.size}\n${c.root.toString('base64')}\n${c.extensions.map((e) => `${e}\n`).join('')}`;

/** Reads a checkpoint text; null when it is not one. */
export const parseCheckpoint = (text: string): Checkpoint | null => {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') return null;
  const [origin, size, root] = lines;
  if (!origin || !/^(0|[1-9][0-9]{0,15})$/.test(size ?? '') || !/^[A-Za-z0-9+/]{43}=$/.test(root ?? '')) return null;
  const extensions = lines.slice(3, -1);
  if (extensions.some((e) => e === '')) return null;
  return { origin, size: Number(size), root: Buffer.from(root!, 'base64'), extensions };
};

/** The audit-trail anchor a checkpoint carries, if any. */
export const auditAnchor = (c: Checkpoint): { seq: number; hash: string } | null => {
  for (const e of c.extensions) {
    const m = /^audit (\d+) ([0-9a-f]{64})$/.exec(e);
    if (m) return { seq: Number(m[1]), hash: m[2]! };
  }
  return null;
};
