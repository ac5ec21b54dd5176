import type { Actor } from '../../domain/access.ts';
import type { AuditEntry } from '../../domain/audit-chain.ts';
import { AppError } from '../../domain/errors.ts';
import type { AuditFilter, AuditVisibility } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { documentVisibility } from '../documents/read-documents.ts';
import { requireAdminForActivity, requireAuditor } from './audit-access.ts';

const PAGE = 500;

export interface TimeRange {
  from?: Date | undefined;
  to?: Date | undefined;
}

/**
 * Visible entries a page at a time, never the whole trail in memory. Paging by offset is safe
 * here because the trail only grows at its end; stopping at the head read first gives one
 * consistent snapshot however long the client takes to read.
 */
async function* pagesOf(deps: AppDeps, filter: AuditFilter, visibility: AuditVisibility): AsyncGenerator<AuditEntry> {
  const until = (await deps.db.audit.head()).seq;
  for (let page = 1; ; page++) {
    const { items } = await deps.db.audit.list(filter, visibility, page, PAGE);
    for (const e of items) {
      if (e.seq > until) return;
      yield e;
    }
    if (items.length < PAGE) return;
  }
}

const rangeOf = (r: TimeRange): AuditFilter => ({ ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) });
const rangeDetails = (r: TimeRange) => ({ from: r.from?.toISOString() ?? null, to: r.to?.toISOString() ?? null });

/**
 * The visible trail in seq order (optionally within a time range), for an auditor or admin to
 * stream out. The export itself is audited before the first entry is read, so it appears in it.
 */
export const exportAudit = async (deps: AppDeps, actor: Actor, range: TimeRange): Promise<AsyncIterable<AuditEntry>> => {
  requireAuditor(actor);
  const visibility = await documentVisibility(deps, actor);
  await deps.db.audit.append({
    at: deps.clock.now(),
    actorId: actor.id,
    action: 'audit.export',
    targetType: 'audit',
    targetId: null,
    details: rangeDetails(range),
  });
  return pagesOf(deps, rangeOf(range), visibility);
};

/**
 * Everything one user did (entries they are the actor of), for an admin: to answer a data
 * subject's request or to review an account. Entries about documents the admin may not read
 * stay hidden, as everywhere else.
 */
export const userActivity = async (deps: AppDeps, actor: Actor, userId: string, range: TimeRange): Promise<AsyncIterable<AuditEntry>> => {
  requireAdminForActivity(actor);
  if (!(await deps.db.users.findById(userId))) throw new AppError('not_found', 'no such user');
  const visibility = await documentVisibility(deps, actor);
  await deps.db.audit.append({
    at: deps.clock.now(),
    actorId: actor.id,
    action: 'audit.user_activity',
    targetType: 'user',
    targetId: userId,
    details: rangeDetails(range),
  });
  return pagesOf(deps, { ...rangeOf(range), actorId: userId }, visibility);
};
