import type { AuditEntry } from '../../domain/audit-chain.ts';

/** One correction as the history shows it: version, who, when, why, each changed field before and after. */
export const presentCorrection = (e: AuditEntry) => {
  // The details an edit's audit entry was written with (edit-document.ts and the letter corrections).
  const d = e.details as { version?: number; reason?: string | null; changed: string[]; before: Record<string, unknown>; after: Record<string, unknown> };
  return {
    version: d.version ?? null,
    at: e.at.toISOString(),
    actorId: e.actorId,
    reason: d.reason ?? null,
    changed: d.changed,
    before: d.before,
    after: d.after,
  };
};

/**
 * A record's description as first registered: the current value of each of `fields`, with every
 * corrected one taken back to the first `before` the corrections (`edits`, oldest first) recorded.
 */
export const originalValues = <T extends object>(current: T, fields: readonly (keyof T & string)[], edits: AuditEntry[]): Record<string, unknown> => {
  const original: Record<string, unknown> = {};
  for (const f of fields) original[f] = current[f] instanceof Date ? (current[f] as Date).toISOString() : current[f];
  for (const e of [...edits].reverse()) Object.assign(original, (e.details.before ?? {}) as Record<string, unknown>);
  return original;
};
