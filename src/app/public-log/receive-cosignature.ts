import { AppError } from '../../domain/errors.ts';
import { parseCheckpoint } from '../../domain/public-log/checkpoint.ts';
import { cosignedAt, splitNote } from '../../domain/public-log/signed-note.ts';
import type { AppDeps } from '../deps.ts';
import { rootAt } from './log-proofs.ts';

const MAX_NOTE = 16 * 1024;

/**
 * A witness's cosignature of one of our checkpoints (`POST /log/cosignature`, public): kept when
 * a configured witness key signed it and the head it cosigns is this log's own at that size;
 * refused otherwise. Published with the checkpoint whose text it signed.
 */
export const receiveCosignature = async (deps: AppDeps, note: string): Promise<{ witness: string; size: number }> => {
  if (note.length > MAX_NOTE) throw new AppError('invalid', 'a cosigned checkpoint is a few hundred bytes');
  const split = splitNote(note);
  const cp = split && parseCheckpoint(split.text);
  if (!split || !cp)
    throw new AppError('invalid', 'send a checkpoint with a cosignature line (tlog-cosignature/v1)', {
      errors: [{ field: 'body', message: 'not a signed checkpoint' }],
    });
  if (cp.origin !== deps.publicLog.origin)
    throw new AppError('invalid', `this log is ${deps.publicLog.origin}`, { errors: [{ field: 'origin', message: 'another log' }] });
  const head = await deps.db.publicLog.head();
  if (cp.size > head.size || (await rootAt(deps, cp.size)) !== cp.root.toString('hex')) {
    throw new AppError('conflict', `this log never had root ${cp.root.toString('base64')} at size ${cp.size}`);
  }
  for (const w of deps.publicLog.witnesses) {
    const at = cosignedAt(split.text, split.signatures, w.key);
    if (at === null) continue;
    await deps.db.publicLog.addCosignature({ witness: w.key.name, size: cp.size, root: cp.root.toString('hex'), line: note, at: new Date(at * 1000) });
    return { witness: w.key.name, size: cp.size };
  }
  throw new AppError('forbidden', 'no cosignature by a witness this office trusts');
};
