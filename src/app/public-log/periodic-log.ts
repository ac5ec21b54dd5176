import type { AppDeps } from '../deps.ts';
import { signCheckpoint } from './sign-checkpoint.ts';
import { witnessLog, type WitnessOutcome } from './witness-log.ts';

const MINUTE = 60_000;

/**
 * The log's periodic work, for a worker's timer: a checkpoint signed every
 * `checkpointMinutes` even when nothing was appended (so a stale head shows), and a witness pass
 * over every configured log every `witnessMinutes`. Each is claimed per period in the database,
 * so of several workers exactly one does it.
 */
export const publicLogTick = async (
  deps: AppDeps,
  every: { checkpointMinutes: number; witnessMinutes: number },
): Promise<{ checkpoint: boolean; witnessed: Record<string, WitnessOutcome | { error: string }> }> => {
  const now = deps.clock.now();
  const out: { checkpoint: boolean; witnessed: Record<string, WitnessOutcome | { error: string }> } = { checkpoint: false, witnessed: {} };
  if (await deps.db.schedules.claim('log-checkpoint', now, new Date(now.getTime() + every.checkpointMinutes * MINUTE))) {
    await signCheckpoint(deps);
    out.checkpoint = true;
  }
  if (deps.publicLog.witnesses.length && (await deps.db.schedules.claim('log-witness', now, new Date(now.getTime() + every.witnessMinutes * MINUTE)))) {
    for (const w of deps.publicLog.witnesses) out.witnessed[w.key.name] = await witnessLog(deps, w).catch((e: unknown) => ({ error: (e as Error).message }));
  }
  return out;
};
