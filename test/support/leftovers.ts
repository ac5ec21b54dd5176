import type { TestApp } from './test-app.ts';

export interface Footprint {
  documents: number;
  jobs: number;
  originals: number;
  inbox: number;
  temp: number;
  indexed: number;
}

/** Everything a request could leave behind: rows, jobs, stored objects, temp files, index entries. */
export const footprint = async (app: TestApp): Promise<Footprint> => {
  const { db, search } = app.naskah.adapters;
  const docs = await db.documents.countByStatus();
  const jobs = await db.jobs.countByState();
  const objects = await app.filesIn('objects');
  let indexed = 0;
  for await (const _ of search.ids()) indexed++;
  return {
    documents: docs.processing + docs.ready + docs.failed,
    jobs: jobs.queued + jobs.running + jobs.done + jobs.failed,
    originals: objects.filter((f) => f.startsWith('objects/originals/')).length,
    inbox: objects.filter((f) => f.startsWith('objects/inbox/')).length,
    temp: (await app.filesIn('tmp')).length,
    indexed,
  };
};

/** Waits until no job is queued or running, so background work does not blur a footprint. */
export const idle = async (app: TestApp, timeoutMs = 60_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const j = await app.naskah.adapters.db.jobs.countByState();
    if (j.queued + j.running === 0) return;
    if (Date.now() > until) throw new Error(`jobs still pending after ${timeoutMs} ms: ${JSON.stringify(j)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
