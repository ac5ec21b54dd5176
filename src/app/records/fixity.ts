import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { FixityRun } from '../../domain/records.ts';
import { hasRole } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';
import { raiseIntegrityAlarm } from './integrity-alarm.ts';
import { FIXITY_JOB } from '../../domain/job-types.ts';

/** Job type: checks the next part of a fixity run and books the part after it. */
/** Documents per part: small enough that uploads never wait long behind a part. */
const PART = 200;
const LANES = 4;
const HOUR = 3600_000;

export const presentFixity = (r: FixityRun | null) =>
  r
    ? {
        id: r.id,
        at: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
        status: r.status,
        trigger: r.trigger,
        total: r.total,
        checked: r.checked,
        ok: r.ok,
        checkedBytes: r.checkedBytes,
        mismatched: r.mismatched,
        missing: r.missing,
      }
    : null;

const requireFixityReader = (actor: Actor): void => {
  if (!hasRole(actor, 'admin', 'auditor', 'archivist')) throw new AppError('forbidden', 'fixity is for admins, auditors and archivists');
};

/** The last fixity run (running or finished), or null before the first. */
export const lastFixity = async (deps: AppDeps, actor: Actor) => {
  requireFixityReader(actor);
  return presentFixity(await deps.db.fixity.latest());
};

/**
 * Starts a fixity run (on demand, or when the schedule says so): every stored original and
 * signed letter re-hashed, part by part, by the job table (so any worker carries it on, after a
 * restart too). A run already under way is returned instead of a second one.
 */
export const startFixity = async (deps: AppDeps, trigger: FixityRun['trigger'], actor: Actor | null) => {
  if (actor) requireFixityReader(actor);
  const running = await deps.db.fixity.latest();
  if (running?.status === 'running') return presentFixity(running);
  const counts = await deps.db.documents.countByStatus();
  const run: FixityRun = {
    id: randomUUID(),
    trigger,
    status: 'running',
    startedAt: deps.clock.now(),
    finishedAt: null,
    cursor: null,
    total: counts.processing + counts.ready + counts.failed,
    checked: 0,
    ok: 0,
    checkedBytes: 0,
    mismatched: [],
    missing: [],
  };
  await deps.db.transaction(async (tx) => {
    await tx.fixity.create(run);
    await tx.audit.append({
      at: run.startedAt,
      actorId: actor?.id ?? null,
      action: 'fixity.start',
      targetType: 'fixity',
      targetId: run.id,
      details: { trigger, total: run.total },
    });
    await tx.jobs.enqueue({ type: FIXITY_JOB, payload: { runId: run.id }, runAt: run.startedAt, maxAttempts: deps.jobs.maxAttempts });
  });
  deps.jobsEnqueued?.();
  return presentFixity(run);
};

/** SHA-256 of a stored object, or null when it is missing. */
const storedHash = async (deps: AppDeps, key: string): Promise<{ sha256: string; bytes: number } | null> => {
  let stream;
  try {
    stream = await deps.blobs.get(key);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return null;
    throw e;
  }
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
};

/**
 * Job: checks the next part of a run (after its cursor) and books the next part, paced so the
 * whole run takes about FIXITY_WINDOW_HOURS (on-demand runs go as fast as the job runner lets
 * them). Records with no bytes kept (destroyed, handed over) are skipped.
 */
export const continueFixity = async (deps: AppDeps, payload: { runId: string }, signal?: AbortSignal): Promise<void> => {
  const run = await deps.db.fixity.findById(payload.runId);
  if (run?.status !== 'running') return;
  const started = Date.now();
  const ids = await deps.db.documents.listIds(run.cursor, PART);
  const docs = (await deps.db.documents.findManyByIds(ids)).filter((d) => d.storageKey !== '');
  // A few reads at once keep the disk (or the object store) busy while another file is hashed.
  let next = 0;
  const lane = async () => {
    while (next < docs.length) {
      const doc = docs[next++]!;
      signal?.throwIfAborted();
      const found = await storedHash(deps, doc.storageKey);
      run.checked++;
      if (!found) {
        run.missing.push(doc.id);
        await raiseIntegrityAlarm(deps, doc.id, 'missing', { kind: 'fixity', id: run.id });
      } else if (found.sha256 !== doc.sha256) {
        run.checkedBytes += found.bytes;
        run.mismatched.push(doc.id);
        await raiseIntegrityAlarm(deps, doc.id, 'mismatch', { kind: 'fixity', id: run.id });
      } else {
        run.checkedBytes += found.bytes;
        run.ok++;
      }
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  const done = ids.length < PART;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.fixity.update(run.id, {
      cursor: ids.at(-1) ?? run.cursor,
      checked: run.checked,
      ok: run.ok,
      checkedBytes: run.checkedBytes,
      mismatched: run.mismatched,
      missing: run.missing,
      ...(done ? { status: 'done', finishedAt: now } : {}),
    });
    if (done) {
      await tx.audit.append({
        at: now,
        actorId: null,
        action: 'fixity.done',
        targetType: 'fixity',
        targetId: run.id,
        details: { checked: run.checked, ok: run.ok, mismatched: run.mismatched.length, missing: run.missing.length },
      });
      return;
    }
    // Spread the parts over the window: each part gets its share of it, less the time it took.
    const parts = Math.max(1, Math.ceil(run.total / PART));
    const share = run.trigger === 'schedule' ? (deps.records.fixityWindowHours * HOUR) / parts : 0;
    const wait = Math.max(0, share - (Date.now() - started));
    await tx.jobs.enqueue({ type: FIXITY_JOB, payload: { runId: run.id }, runAt: new Date(now.getTime() + wait), maxAttempts: deps.jobs.maxAttempts });
  });
  if (!done) deps.jobsEnqueued?.();
};
