import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { hasRole } from '../../domain/roles.ts';
import { monthOf, startOfDate } from '../../domain/office-time.ts';
import { monthsBetween, perMonth, turnaround } from '../../domain/stats.ts';
import type { AppDeps } from '../deps.ts';
import { documentVisibility } from '../documents/read-documents.ts';

const nextMonth = (month: string): string => monthsBetween(month, `${Number(month.slice(0, 4)) + 1}-12`)[1]!;

/**
 * Volumes per month (incoming received, outgoing drafted and signed), median hours from receipt
 * to first disposition and to completion, and open overdue dispositions per unit, over the
 * letters the caller may see. For officials (office heads), admins and auditors.
 */
export const officeStats = async (deps: AppDeps, actor: Actor, range: { from?: string | undefined; to?: string | undefined }) => {
  if (!hasRole(actor, 'official', 'admin', 'auditor')) throw new AppError('forbidden', 'the office figures are for officials, admins and auditors');
  const timeZone = deps.officeTimeZone;
  const now = deps.clock.now();
  const to = range.to ?? monthOf(now, timeZone);
  const from = range.from ?? monthsBetween(`${Number(to.slice(0, 4)) - 1}-${to.slice(5)}`, to)[1]!;
  const months = monthsBetween(from, to);
  if (months.length === 0)
    throw new AppError('invalid', 'from must not be after to', { errors: [{ field: 'to', message: 'before from', code: 'before_start' }] });
  if (months.length > 120)
    throw new AppError('invalid', 'at most ten years at once', { errors: [{ field: 'from', message: 'range too long', code: 'range_too_long', limit: 10 }] });
  const [start, end] = [startOfDate(`${from}-01`, timeZone), startOfDate(`${nextMonth(to)}-01`, timeZone)];
  const visibility = await documentVisibility(deps, actor);
  const [received, outgoing, times, overdue] = await Promise.all([
    deps.db.stats.incomingReceived(visibility, start, end),
    deps.db.stats.outgoing(visibility, start, end),
    deps.db.stats.letterTimes(visibility, start, end),
    deps.db.stats.overdueByUnit(visibility, now),
  ]);
  const incoming = perMonth(received, months, timeZone);
  const drafted = perMonth(
    outgoing.map((o) => o.createdAt),
    months,
    timeZone,
  );
  const signed = perMonth(
    outgoing.filter((o) => o.signedAt).map((o) => o.signedAt!),
    months,
    timeZone,
  );
  return {
    from,
    to,
    timeZone,
    months: months.map((month) => ({ month, incoming: incoming[month]!, outgoingDrafted: drafted[month]!, outgoingSigned: signed[month]! })),
    ...turnaround(times),
    overdueByUnit: overdue,
  };
};
