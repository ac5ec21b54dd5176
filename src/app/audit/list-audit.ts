import type { Actor } from '../../domain/access.ts';
import type { AuditFilter } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { documentVisibility } from '../documents/read-documents.ts';
import { requireAuditor } from './audit-access.ts';
import { presentAuditEntry } from './present-audit.ts';

/**
 * One page of the audit trail in seq order, filtered, for an auditor or admin. Entries about
 * documents the caller may not read are left out of both the page and the total.
 */
export const listAudit = async (deps: AppDeps, actor: Actor, filter: AuditFilter, page: number, limit: number) => {
  requireAuditor(actor);
  const { items, total } = await deps.db.audit.list(filter, await documentVisibility(deps, actor), page, limit);
  return { items: items.map(presentAuditEntry), total, page, limit };
};
