import type pino from 'pino';
import type { AppDeps } from './app/deps.ts';
import { publicLogTick } from './app/public-log/periodic-log.ts';
import { signFirstCheckpoint } from './app/public-log/sign-checkpoint.ts';
import type { PublicLogSettings } from './app/public-log/settings.ts';
import type { Config } from './config/config.ts';
import { parseVerifierKey, type NoteSigner } from './domain/public-log/signed-note.ts';
import { LogSequencer } from './pipeline/log-sequencer.ts';

/** How often a process looks for leaves queued by another process (or left by one that died). */
const SEQUENCE_POLL_MS = 1000;

/** The log's settings from the configuration and the key the adapters derived. */
export const publicLogSettingsOf = (config: Config, signer: NoteSigner): PublicLogSettings => ({
  origin: config.publicLog.origin,
  signer,
  witnesses: config.publicLog.witnesses.map((w) => {
    const key = parseVerifierKey(w.key);
    if (!key) throw new Error(`LOG_WITNESSES: ${w.key} is not a verifier key (name+hash+base64, as GET /log/key prints it)`);
    return { url: w.url, key };
  }),
});

/**
 * Starts the log in this process: the sequencer (every process that signs nudges its own; the
 * worker also polls) and, in the worker, the periodic checkpoint and witness passes.
 */
export const startPublicLog = async (
  deps: AppDeps,
  config: Config,
  log: pino.Logger,
  o: { worker: boolean },
): Promise<{ sequencer: LogSequencer; stop(): Promise<void> }> => {
  // Before the server listens: a fresh office serves its (empty) checkpoint from the start.
  await signFirstCheckpoint(deps).catch((e: unknown) =>
    log.warn({ err: (e as Error).message }, 'first public log checkpoint failed; the periodic pass signs one'),
  );
  const sequencer = new LogSequencer(deps, log);
  deps.logQueued = () => sequencer.nudge();
  if (o.worker) sequencer.start(SEQUENCE_POLL_MS);
  let tick: Promise<unknown> | undefined;
  const timer = o.worker
    ? setInterval(() => {
        if (tick) return;
        tick = publicLogTick(deps, config.publicLog)
          .then((r) => Object.keys(r.witnessed).length && log.info({ witnessed: r.witnessed }, "witnessed other offices' logs"))
          .catch((e: unknown) => log.warn({ err: (e as Error).message }, 'public log periodic work failed; trying again'))
          .finally(() => (tick = undefined));
      }, 30_000).unref()
    : undefined;
  return {
    sequencer,
    async stop() {
      clearInterval(timer);
      await tick;
      await sequencer.stop();
    },
  };
};
