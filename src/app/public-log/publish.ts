import { AppError } from '../../domain/errors.ts';
import { validCosigners } from '../../domain/public-log/cosigners.ts';
import { splitNote, verifierKey } from '../../domain/public-log/signed-note.ts';
import type { StoredCheckpoint } from '../../ports/public-log-repository.ts';
import type { AppDeps } from '../deps.ts';

/** The largest range of leaves one request gets: a mirror pages through. */
export const MAX_LEAVES_PER_REQUEST = 1000;

/** A stored checkpoint with the cosignature lines received on its very text appended (C2SP: cosignatures are more signature lines on the note). */
const withCosignatures = async (deps: AppDeps, c: StoredCheckpoint): Promise<{ note: string; size: number; cosignedBy: string[] }> => {
  const text = splitNote(c.note)!.text;
  const lines: string[] = [];
  const cosignedBy: string[] = [];
  for (const cs of await deps.db.publicLog.cosignatures(c.size, c.root)) {
    const s = splitNote(cs.line);
    if (!s || s.text !== text) continue;
    cosignedBy.push(cs.witness);
    lines.push(cs.line.slice(s.text.length + 1));
  }
  return { note: c.note + lines.join(''), size: c.size, cosignedBy };
};

/** How many cosigned heads are looked at, newest first, for one that k witnesses cosigned. */
const COSIGNED_HEADS_LOOKED_AT = 20;

/**
 * The latest checkpoint as published: the log's signature, then each trusted witness's
 * cosignature line on that very text. With `cosignatures: k`, the newest checkpoint that k of
 * the witnesses this office trusts (LOG_WITNESSES) validly cosigned, checked again here against
 * their keys: what a verifier requiring k cosignatures asks for, since the newest head is
 * usually not cosigned yet (witnesses pull every few minutes). None such is a 404 saying so.
 */
export const publishedCheckpoint = async (deps: AppDeps, o: { cosignatures?: number } = {}): Promise<{ note: string; size: number; cosignedBy: string[] }> => {
  const k = o.cosignatures ?? 0;
  if (k === 0) {
    const c = await deps.db.publicLog.latestCheckpoint();
    if (!c) throw new AppError('not_found', 'the log has no checkpoint yet');
    return withCosignatures(deps, c);
  }
  const keys = deps.publicLog.witnesses.map((w) => w.key);
  for (const head of await deps.db.publicLog.cosignedHeads(k, COSIGNED_HEADS_LOOKED_AT)) {
    for (const c of await deps.db.publicLog.checkpointsAt(head.size, head.root)) {
      const p = await withCosignatures(deps, c);
      const valid = validCosigners(p.note, keys);
      if (valid.length >= k) return { ...p, cosignedBy: valid };
    }
  }
  throw new AppError('not_found', `no checkpoint of this log is cosigned by ${k} of the ${keys.length} witnesses it trusts yet`);
};

/** The verifier key (signed-note format) anyone checks our checkpoints with. */
export const logVerifierKey = (deps: AppDeps): string => verifierKey(deps.publicLog.signer);

/** Leaves [start, end) for mirrors, bounded per request. */
export const leafRange = async (deps: AppDeps, start: number, end: number) => {
  if (end <= start) throw new AppError('invalid', 'end must be after start', { errors: [{ field: 'end', message: 'greater than start' }] });
  const leaves = await deps.db.publicLog.leaves(start, Math.min(end, start + MAX_LEAVES_PER_REQUEST));
  return { start, leaves: leaves.map((l) => ({ index: l.index, hash: l.hash, text: l.text })) };
};
