import { addressKey } from '../accounts/login-throttle.ts';
import type { AppDeps } from '../deps.ts';

const WINDOW_MS = 60 * 60_000;
const MAX_KEYS = 20_000;

/**
 * Which public verifications were audited lately, so the public cannot flood the audit trail:
 * one `letter.verify` entry per letter, client address (/64 for IPv6) and way of asking per
 * hour, per process. Bounded: past MAX_KEYS the oldest half is forgotten (that costs at most
 * a few repeated entries, never a missing first one).
 */
export class VerificationAuditMemo {
  private readonly until = new Map<string, number>();
  constructor(private readonly windowMs = WINDOW_MS, private readonly maxKeys = MAX_KEYS) {}

  /** True when `key` was not audited within the window; marks it audited now. */
  claim(key: string, now: number): boolean {
    const t = this.until.get(key);
    if (t !== undefined && t > now) return false;
    if (this.until.size >= this.maxKeys) {
      for (const [k, v] of this.until) if (v <= now) this.until.delete(k);
      if (this.until.size >= this.maxKeys) [...this.until.keys()].slice(0, Math.ceil(this.maxKeys / 2)).forEach((k) => this.until.delete(k));
    }
    this.until.delete(key);
    this.until.set(key, now + this.windowMs);
    return true;
  }
}

export interface VerificationContext {
  ip?: string | undefined;
  memo: VerificationAuditMemo;
}

/**
 * Audits a public check of a letter the office issued (`letter.verify`, no actor). Only
 * register hits are audited (a random code or a stranger's file names no letter of ours) and
 * each at most once an hour per letter, address and way (see VerificationAuditMemo).
 */
export const auditVerification = async (deps: AppDeps, ctx: VerificationContext, letterId: string, via: 'code' | 'file', valid: boolean): Promise<void> => {
  const at = deps.clock.now();
  const address = ctx.ip ? addressKey(ctx.ip) : 'unknown';
  if (!ctx.memo.claim(`${letterId}|${address}|${via}`, at.getTime())) return;
  await deps.db.audit.append({ at, actorId: null, action: 'letter.verify', targetType: 'outgoing_letter', targetId: letterId, details: { via, valid, ip: ctx.ip ?? null } });
};
