import type { AuditEntry } from '../../domain/audit-chain.ts';
import type { AuditCheckpoint } from '../../ports/repositories.ts';

/** The public shape of an audit entry: every hashed field, so a reader can recompute the chain. */
export const presentAuditEntry = (e: AuditEntry) => ({
  seq: e.seq,
  at: e.at.toISOString(),
  actorId: e.actorId,
  action: e.action,
  targetType: e.targetType,
  targetId: e.targetId,
  details: e.details,
  hash: e.hash,
  prevHash: e.prevHash,
});

export type AuditEntryView = ReturnType<typeof presentAuditEntry>;

export const presentCheckpoint = (c: AuditCheckpoint) => ({ seq: c.seq, hash: c.hash, at: c.at.toISOString() });

export type CheckpointView = ReturnType<typeof presentCheckpoint>;
