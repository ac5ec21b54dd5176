import type { AppDeps } from '../deps.ts';

export type Backend = 'database' | 'storage' | 'search';

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/** Asks each backend whether it answers, in parallel, each within a short timeout. */
export const checkReadiness = async (deps: Pick<AppDeps, 'db' | 'blobs' | 'search'>, timeoutMs = 2000) => {
  const probes: Record<Backend, () => Promise<void>> = { database: () => deps.db.ping(), storage: () => deps.blobs.ping(), search: () => deps.search.ping() };
  const entries = await Promise.all(
    (Object.keys(probes) as Backend[]).map(async (b) => {
      try {
        await within(probes[b](), timeoutMs);
        return [b, 'ok'] as const;
      } catch (e) {
        return [b, `down: ${(e as Error).message}`] as const;
      }
    }),
  );
  const checks = Object.fromEntries(entries) as Record<Backend, string>;
  const down = (Object.keys(checks) as Backend[]).filter((b) => checks[b] !== 'ok');
  return { ready: down.length === 0, down, checks };
};
