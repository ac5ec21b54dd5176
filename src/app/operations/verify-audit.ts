import { type AuditEntry, GENESIS_HASH, firstBrokenEntry } from '../../domain/audit-chain.ts';
import type { AuditRepository } from '../../ports/repositories.ts';

/** The chain is whole, or the first entry whose hash or link does not match. */
export type AuditVerification = { intact: true; entries: number } | { intact: false; entries: number; firstBrokenSeq: number };

const CHUNK = 1000;

/**
 * Recomputes the audit hash chain from the first entry, a chunk at a time so a long trail
 * never sits in memory. `entries` counts the entries checked (up to the break, when broken).
 * Changing, deleting or reordering an entry shows at that entry or the one after it.
 */
export const verifyAudit = async (audit: Pick<AuditRepository, 'scan'>, chunk = CHUNK): Promise<AuditVerification> => {
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  let entries = 0;
  for (;;) {
    const batch: AuditEntry[] = await audit.scan(afterSeq, chunk);
    if (batch.length === 0) return { intact: true, entries };
    const broken = firstBrokenEntry(batch, prevHash);
    if (broken !== null) return { intact: false, entries: entries + batch.findIndex((e) => e.seq === broken), firstBrokenSeq: broken };
    entries += batch.length;
    const last = batch[batch.length - 1]!;
    prevHash = last.hash;
    afterSeq = last.seq;
  }
};
