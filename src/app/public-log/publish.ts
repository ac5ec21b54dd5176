import { AppError } from '../../domain/errors.ts';
import { splitNote, verifierKey } from '../../domain/public-log/signed-note.ts';
import type { AppDeps } from '../deps.ts';

/** The largest range of leaves one request gets: a mirror pages through. */
export const MAX_LEAVES_PER_REQUEST = 1000;

/**
 * The latest checkpoint as published: the log's signature, then each trusted witness's
 * cosignature line on that very text (C2SP: cosignatures are more signature lines on the note).
 */
export const publishedCheckpoint = async (deps: AppDeps): Promise<{ note: string; size: number; cosignedBy: string[] }> => {
  const c = await deps.db.publicLog.latestCheckpoint();
  if (!c) throw new AppError('not_found', 'the log has no checkpoint yet');
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

/** The verifier key (signed-note format) anyone checks our checkpoints with. */
export const logVerifierKey = (deps: AppDeps): string => verifierKey(deps.publicLog.signer);

/** Leaves [start, end) for mirrors, bounded per request. */
export const leafRange = async (deps: AppDeps, start: number, end: number) => {
  if (end <= start) throw new AppError('invalid', 'end must be after start', { errors: [{ field: 'end', message: 'greater than start' }] });
  const leaves = await deps.db.publicLog.leaves(start, Math.min(end, start + MAX_LEAVES_PER_REQUEST));
  return { start, leaves: leaves.map((l) => ({ index: l.index, hash: l.hash, text: l.text })) };
};
