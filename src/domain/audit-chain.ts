import { createHash } from 'node:crypto';

/** What a use case records; the repository adds seq, hashes and time. */
export interface NewAuditEntry {
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditEntry extends NewAuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The hash of the empty chain: the first entry's prevHash. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of an entry covers its position, its content and the previous hash, so changing,
 * deleting or reordering any entry breaks every hash after it. Keys are serialised in a fixed
 * order so MySQL and SQLite round-trips hash alike.
 */
export const hashAuditEntry = (e: Omit<AuditEntry, 'hash'>): string => {
  const canonical = JSON.stringify([e.seq, e.at.toISOString(), e.actorId, e.action, e.targetType, e.targetId, sortKeys(e.details), e.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
};

const sortKeys = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sortKeys(x)]));
  return v;
};

/** Checks a run of entries in seq order; returns the first broken seq or null. */
export const firstBrokenEntry = (entries: AuditEntry[], prevHash: string): number | null => {
  let prev = prevHash;
  for (const e of entries) {
    if (e.prevHash !== prev || hashAuditEntry(e) !== e.hash) return e.seq;
    prev = e.hash;
  }
  return null;
};
