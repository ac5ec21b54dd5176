import type { DisposalRecord, TransferRecord } from '../../domain/records.ts';
import type { AppDeps } from '../deps.ts';
import { officeToday } from './retention-scheme.ts';

const PREFIX = { disposal: 'BA-PMS', transfer: 'BA-PSR' } as const;

/**
 * The act's minutes number (BA-PMS/3/ARSIP/2026 for the third disposal minutes of unit ARSIP
 * in 2026; BA-PSR for transfers), taken once from a gap-free counter in the transaction that
 * records it on the act, so a resumed run prints the same number and none is lost.
 */
export const minutesNumberFor = async <A extends DisposalRecord | TransferRecord>(deps: AppDeps, kind: keyof typeof PREFIX, act: A): Promise<A> => {
  if (act.minutesNumber) return act;
  const year = Number(officeToday(deps).slice(0, 4));
  const scope = `minutes:${kind}:${act.unitCode}:${year}`;
  await deps.db.counters.ensure(scope); // before the transaction: see CounterRepository.ensure
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const fresh = kind === 'disposal' ? await tx.disposals.findById(act.id) : await tx.transfers.findById(act.id);
    if (fresh?.minutesNumber) return { ...act, minutesNumber: fresh.minutesNumber };
    const minutesNumber = `${PREFIX[kind]}/${await tx.counters.next(scope)}/${act.unitCode}/${year}`;
    if (kind === 'disposal') await tx.disposals.setStatus(act.id, 'executing', 'executing', { minutesNumber }, now);
    else await tx.transfers.setStatus(act.id, 'prepared', 'prepared', { minutesNumber }, now);
    return { ...act, minutesNumber };
  });
};
