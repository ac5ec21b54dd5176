import { addressKey } from '../accounts/login-throttle.ts';
import type { AppDeps } from '../deps.ts';
import { firstInHour } from '../operations/request-budget.ts';

export interface VerificationContext {
  ip?: string | undefined;
}

/**
 * Audits a public check of a letter the office issued (`letter.verify`, no actor). Only
 * register hits are audited (a random code or a stranger's file names no letter of ours) and
 * each at most once an hour per letter, address and way, whichever web process is asked (the
 * claim is counted in the database), so the public cannot flood the audit trail.
 */
export const auditVerification = async (deps: AppDeps, ctx: VerificationContext, letterId: string, via: 'code' | 'file', valid: boolean): Promise<void> => {
  const at = deps.clock.now();
  const address = ctx.ip ? addressKey(ctx.ip) : 'unknown';
  if (!(await firstInHour(deps, `verify-audit|${letterId}|${address}|${via}`))) return;
  await deps.db.audit.append({
    at,
    actorId: null,
    action: 'letter.verify',
    targetType: 'outgoing_letter',
    targetId: letterId,
    details: { via, valid, ip: ctx.ip ?? null },
  });
};
