import type { Backend } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';

export type { Backend };

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/**
 * Asks each backend whether it answers, in parallel, each within a short timeout. The malware
 * scanner counts only when one is configured: uploads wait on it then.
 */
export const checkReadiness = async (deps: Pick<AppDeps, 'db' | 'blobs' | 'search' | 'malware'>, timeoutMs = 2000) => {
  const probes: Partial<Record<Backend, () => Promise<void>>> = {
    database: () => deps.db.ping(),
    storage: () => deps.blobs.ping(),
    search: () => deps.search.ping(),
  };
  if (deps.malware.configured) probes['malware-scanner'] = () => deps.malware.ping();
  const entries = await Promise.all(
    (Object.keys(probes) as Backend[]).map(async (b) => {
      try {
        await within(probes[b]!(), timeoutMs);
        return [b, 'ok'] as const;
      } catch (e) {
        return [b, `down: ${(e as Error).message}`] as const;
      }
    }),
  );
  const checks = Object.fromEntries(entries) as Partial<Record<Backend, string>>;
  const down = (Object.keys(checks) as Backend[]).filter((b) => checks[b] !== 'ok');
  return { ready: down.length === 0, down, checks };
};
