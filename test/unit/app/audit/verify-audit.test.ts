import { expect } from 'chai';
import { verifyAudit } from '../../../../src/app/audit/verify-audit.ts';
import { type AuditEntry, GENESIS_HASH, hashAuditEntry } from '../../../../src/domain/audit-chain.ts';
import type { AuditCheckpoint } from '../../../../src/ports/repositories.ts';

/** A correctly chained trail of `n` entries, as the repository writes it. */
const chain = (n: number): AuditEntry[] => {
  const out: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const base = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actorId: 'u1',
      action: 'document.upload',
      targetType: 'document',
      targetId: `d${seq}`,
      details: { size: seq * 10, b: 1, a: 2 },
      prevHash,
    };
    const e = { ...base, hash: hashAuditEntry(base) };
    out.push(e);
    prevHash = e.hash;
  }
  return out;
};

/** The repository over lists: entries after a seq a chunk at a time, the head row, checkpoints newest first. */
const repoOf = (entries: AuditEntry[], o: { head?: AuditEntry; checkpoints?: AuditCheckpoint[] } = {}) => ({
  scans: 0,
  async scan(afterSeq: number, limit: number) {
    this.scans++;
    return entries.filter((e) => e.seq > afterSeq).slice(0, limit);
  },
  async head() {
    const h = o.head ?? entries[entries.length - 1];
    return h ? { seq: h.seq, hash: h.hash } : { seq: 0, hash: GENESIS_HASH };
  },
  async checkpoints(page: number, limit: number) {
    const all = [...(o.checkpoints ?? [])].sort((a, b) => b.seq - a.seq);
    return { items: all.slice((page - 1) * limit, page * limit), total: all.length };
  },
});

const at = new Date(Date.UTC(2026, 1, 1));

describe('verifyAudit (unit)', () => {
  it('counts every entry of an intact chain across chunk boundaries and names its head', async () => {
    const entries = chain(7);
    const audit = repoOf(entries);
    expect(await verifyAudit(audit, { chunk: 3 })).to.deep.equal({ intact: true, entries: 7, head: { seq: 7, hash: entries[6]!.hash } });
    expect(audit.scans).to.equal(4); // 3 + 3 + 1, then an empty chunk ends it
  });

  it('calls an empty trail intact at the genesis hash', async () => {
    expect(await verifyAudit(repoOf([]))).to.deep.equal({ intact: true, entries: 0, head: { seq: 0, hash: GENESIS_HASH } });
  });

  it('names a changed entry, even in a later chunk', async () => {
    const entries = chain(7);
    const head = entries[6]!;
    entries[4] = { ...entries[4]!, details: { ...entries[4]!.details, size: 1 } };
    expect(await verifyAudit(repoOf(entries, { head }), { chunk: 3 })).to.deep.include({ intact: false, entries: 4, firstBrokenSeq: 5 });
  });

  it('names a deleted entry across a chunk boundary', async () => {
    const full = chain(7);
    expect(
      await verifyAudit(
        repoOf(
          full.filter((e) => e.seq !== 3),
          { head: full[6]! },
        ),
        { chunk: 2 },
      ),
    ).to.deep.include({ intact: false, entries: 2, firstBrokenSeq: 3 });
  });

  it('names a deleted tail from the head row', async () => {
    const full = chain(7);
    const r = await verifyAudit(repoOf(full.slice(0, 6), { head: full[6]! }), { chunk: 3 });
    expect(r).to.deep.include({ intact: false, entries: 6, firstBrokenSeq: 7 });
  });

  it('names the seq of a stored checkpoint the chain no longer has', async () => {
    const entries = chain(5);
    const r = await verifyAudit(
      repoOf(entries, {
        checkpoints: [
          { seq: 2, hash: entries[1]!.hash, at },
          { seq: 4, hash: 'f'.repeat(64), at },
        ],
      }),
    );
    expect(r).to.deep.include({ intact: false, entries: 3, firstBrokenSeq: 4 });
  });

  it('answers whether an outside checkpoint still matches', async () => {
    const entries = chain(5);
    const audit = repoOf(entries);
    expect((await verifyAudit(audit, { claim: { seq: 3, hash: entries[2]!.hash } })).checkpoint).to.deep.equal({
      seq: 3,
      hash: entries[2]!.hash,
      matches: true,
    });
    expect((await verifyAudit(audit, { claim: { seq: 3, hash: entries[1]!.hash } })).checkpoint).to.include({ matches: false });
    expect((await verifyAudit(audit, { claim: { seq: 9, hash: entries[1]!.hash } })).checkpoint).to.include({ matches: false });
  });

  it('matches an outside checkpoint before a break and not one after it', async () => {
    const entries = chain(6);
    const head = entries[5]!;
    const claims = [entries[1]!, entries[4]!].map((e) => ({ seq: e.seq, hash: e.hash }));
    entries[3] = { ...entries[3]!, action: 'document.read' };
    const before = await verifyAudit(repoOf(entries, { head }), { claim: claims[0]! });
    expect(before).to.deep.include({ intact: false, firstBrokenSeq: 4 });
    expect(before.checkpoint).to.include({ matches: true });
    expect((await verifyAudit(repoOf(entries, { head }), { claim: claims[1]! })).checkpoint).to.include({ matches: false });
  });
});
