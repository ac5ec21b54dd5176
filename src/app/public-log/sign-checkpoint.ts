import { checkpointText } from '../../domain/public-log/checkpoint.ts';
import { signNote } from '../../domain/public-log/signed-note.ts';
import type { StoredCheckpoint } from '../../ports/public-log-repository.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Signs the current tree head as a checkpoint and publishes it (the newest is what
 * `GET /log/checkpoint` serves). It carries the audit trail's head of the moment as an extension
 * line, so a later rewrite of the trail contradicts a head others have kept. Made while holding
 * the head row, so checkpoints are published in the order of their sizes, whichever process
 * signs them.
 */
export const signCheckpoint = async (deps: AppDeps): Promise<Omit<StoredCheckpoint, 'id'>> => (await sign(deps, false))!;

/**
 * Signs the first checkpoint of a log that has none (a fresh office: the empty tree), so that
 * `GET /log/checkpoint` answers from the first start and not only after the first periodic pass.
 * Decided while holding the head row: of processes starting together, one signs. Null when the
 * log had a checkpoint already.
 */
export const signFirstCheckpoint = (deps: AppDeps): Promise<Omit<StoredCheckpoint, 'id'> | null> => sign(deps, true);

const sign = (deps: AppDeps, onlyFirst: boolean): Promise<Omit<StoredCheckpoint, 'id'> | null> =>
  deps.db.transaction(async (tx) => {
    const head = await tx.publicLog.lockHead();
    if (onlyFirst && (await tx.publicLog.latestCheckpoint())) return null;
    const audit = await tx.audit.head();
    const { origin, signer } = deps.publicLog;
    const text = checkpointText({ origin, size: head.size, root: Buffer.from(head.root, 'hex'), extensions: [`audit ${audit.seq} ${audit.hash}`] });
    const c = { size: head.size, root: head.root, note: signNote(text, signer), at: deps.clock.now() };
    await tx.publicLog.addCheckpoint(c);
    return c;
  });
