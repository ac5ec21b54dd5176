import type { BackupManifest } from '../../domain/backup-manifest.ts';
import { AppError } from '../../domain/errors.ts';
import type { SecretSealer } from '../../ports/secret-sealer.ts';
import type { AppDeps } from '../deps.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { reindex, type ReindexProgress } from '../operations/reindex.ts';
import { settleTotpSecrets, type TotpOutcome } from './settle-totp.ts';
import { PREVIEW_JOB } from '../../domain/job-types.ts';

/** What became of the office CA's key: it opens as it is, was locked again under this server's secret, cannot be opened, or there is no CA. */
export type CaOutcome = 'opens' | 'relocked' | 'locked-elsewhere' | 'none';

export interface SettleReport {
  ca: CaOutcome;
  totp: TotpOutcome;
  reindexed: ReindexProgress;
  /** Documents whose thumbnail and page images are queued to be drawn again. */
  previewsQueued: number;
  audit: { intact: boolean; head: { seq: number; hash: string } | null; matchesBackup: boolean };
}

const opens = async (deps: AppDeps, locked: string, secret: string): Promise<boolean> =>
  deps.signing.ca.unlockKey(locked, secret).then(
    () => true,
    (e: unknown) => {
      if (e instanceof AppError && e.code === 'forbidden') return false;
      throw e;
    },
  );

/**
 * The office CA's root key must open with this server's CA secret. Moving between profiles can
 * change that secret (a generated file on one PC, CA_KEY_PASSPHRASE on the full stack): the key is
 * then locked again under the new one, with the secret the backup carried.
 */
const settleCa = async (deps: AppDeps, previousSecret: string | null): Promise<CaOutcome> => {
  const ca = await deps.db.certificates.officeCa();
  if (!ca) return 'none';
  if (await opens(deps, ca.lockedKey, deps.caKeySecret)) return 'opens';
  if (!previousSecret || !(await opens(deps, ca.lockedKey, previousSecret))) return 'locked-elsewhere';
  const key = await deps.signing.ca.unlockKey(ca.lockedKey, previousSecret);
  await deps.db.certificates.relockOfficeCa(await deps.signing.ca.lockKey(key, deps.caKeySecret));
  return 'relocked';
};

/**
 * Thumbnails and page images are not in a backup (they are drawn from the originals again): each
 * ready document with pages gets its render job, a chunk per transaction; the workers draw them
 * in the background while the office works.
 */
const queuePreviews = async (deps: AppDeps): Promise<number> => {
  let queued = 0;
  for (let after: string | null = null; ; ) {
    const ids = await deps.db.documents.listIds(after, 500);
    if (ids.length === 0) return queued;
    after = ids[ids.length - 1]!;
    const docs = (await deps.db.documents.findManyByIds(ids)).filter((d) => d.status === 'ready' && d.storageKey !== '' && d.pages);
    if (docs.length === 0) continue;
    const runAt = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      for (const d of docs) await tx.jobs.enqueue({ type: PREVIEW_JOB, payload: { documentId: d.id }, runAt, maxAttempts: deps.jobs.maxAttempts });
    });
    queued += docs.length;
  }
};

/**
 * Finishes a restore with the office open on its restored database: the run that made the
 * backup is recorded as succeeded (the snapshot saw it running), the CA key and the second-factor
 * secrets are made to open, the search index is rebuilt from the database and stored text, the
 * previews are queued to be drawn again, and the audit chain is verified against the head the
 * manifest recorded.
 */
export const settleRestore = async (
  deps: AppDeps,
  manifest: BackupManifest,
  o: { previousCaSecret: string | null; previousTotpSealer: SecretSealer | null; onProgress?: (line: string) => void },
): Promise<SettleReport> => {
  await deps.db.backupRuns.finish(manifest.runId, {
    state: 'succeeded',
    finishedAt: new Date(manifest.finishedAt),
    name: manifest.name,
    bytes: manifest.counts.bytes,
    objects: manifest.database.tables.length + manifest.objects.length + manifest.secrets.length,
    warnings: manifest.missing.map((m) => `${m.key}: ${m.reason}`),
  });
  const ca = await settleCa(deps, o.previousCaSecret);
  const totp = await settleTotpSecrets(deps, o.previousTotpSealer);
  const reindexed = await reindex(deps, { onProgress: (p) => o.onProgress?.(`indexed ${p.indexed} documents`) });
  const previewsQueued = await queuePreviews(deps);
  const verified = await verifyAudit(deps.db.audit);
  const head = verified.intact ? (verified.head ?? null) : null;
  return {
    ca,
    totp,
    reindexed,
    previewsQueued,
    audit: { intact: verified.intact, head, matchesBackup: head !== null && head.seq === manifest.audit.seq && head.hash === manifest.audit.hash },
  };
};
