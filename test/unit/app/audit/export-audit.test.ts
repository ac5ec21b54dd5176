import { expect } from 'chai';
import { exportAudit, userActivity } from '../../../../src/app/audit/export-audit.ts';
import type { AppDeps } from '../../../../src/app/deps.ts';
import type { Actor } from '../../../../src/domain/access.ts';
import { type AuditEntry, GENESIS_HASH, type NewAuditEntry } from '../../../../src/domain/audit-chain.ts';
import { AppError } from '../../../../src/domain/errors.ts';
import type { AuditFilter } from '../../../../src/ports/repositories.ts';

const entry = (seq: number, actorId: string): AuditEntry => ({
  seq,
  at: new Date(seq * 1000),
  actorId,
  action: 'document.read',
  targetType: 'document',
  targetId: `d${seq}`,
  details: {},
  prevHash: GENESIS_HASH,
  hash: GENESIS_HASH,
});

/** Just enough of the app for the export: a trail in memory whose list pages like the repository's. */
const fakeDeps = (n: number) => {
  const trail = Array.from({ length: n }, (_, i) => entry(i + 1, i % 2 ? 'u2' : 'u1'));
  const calls: { filter: AuditFilter; page: number; limit: number }[] = [];
  const audit = {
    async append(e: NewAuditEntry) {
      const full = { ...e, seq: trail.length + 1, prevHash: GENESIS_HASH, hash: GENESIS_HASH };
      trail.push(full);
      return full;
    },
    async head() {
      return { seq: trail.length, hash: GENESIS_HASH };
    },
    async list(filter: AuditFilter, _v: unknown, page: number, limit: number) {
      calls.push({ filter, page, limit });
      const matching = trail.filter((e) => !filter.actorId || e.actorId === filter.actorId);
      return { items: matching.slice((page - 1) * limit, page * limit), total: matching.length };
    },
  };
  const deps = {
    db: { audit, units: { all: async () => [] }, users: { findById: async (id: string) => (id === 'u2' ? { id } : null) } },
    clock: { now: () => new Date(0) },
  } as unknown as AppDeps;
  return { deps, trail, calls };
};

const auditor: Actor = { id: 'a1', roles: ['auditor'], unitCode: 'ORG', clearance: 'biasa' };
const admin: Actor = { id: 'u9', roles: ['admin'], unitCode: 'ORG', clearance: 'biasa' };

const drain = async (it: AsyncIterable<AuditEntry>) => {
  const out: AuditEntry[] = [];
  for await (const e of it) out.push(e);
  return out;
};

describe('exportAudit and userActivity (unit)', () => {
  it('streams the trail a page at a time, its own entry last, and stops at the head it started from', async () => {
    const { deps, trail, calls } = fakeDeps(1203);
    const rows = await exportAudit(deps, auditor, {});
    const seen: number[] = [];
    for await (const e of rows) {
      seen.push(e.seq);
      if (e.seq === 600) await deps.db.audit.append({ ...trail[0]!, action: 'auth.login' }); // written while the client reads
    }
    expect(seen).to.deep.equal(Array.from({ length: 1204 }, (_, i) => i + 1));
    expect(trail[1203]).to.include({ action: 'audit.export', actorId: 'a1' });
    expect(calls.map((c) => c.page)).to.deep.equal([1, 2, 3]);
  });

  it('exports only what the user did, for an admin, and audits the request', async () => {
    const { deps, trail } = fakeDeps(10);
    const rows = await drain(await userActivity(deps, admin, 'u2', {}));
    expect(rows.map((e) => e.seq)).to.deep.equal([2, 4, 6, 8, 10]);
    expect(trail[10]).to.include({ action: 'audit.user_activity', actorId: 'u9', targetId: 'u2' });
  });

  it('refuses everyone else, and a user that does not exist', async () => {
    const { deps } = fakeDeps(3);
    const staff: Actor = { ...auditor, roles: ['staff'] };
    for (const attempt of [() => exportAudit(deps, staff, {}), () => userActivity(deps, auditor, 'u2', {}), () => userActivity(deps, admin, 'nobody', {})]) {
      const e = await attempt().then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).to.be.instanceOf(AppError);
    }
  });
});
