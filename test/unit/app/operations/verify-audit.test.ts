import { expect } from 'chai';
import { type AuditEntry, GENESIS_HASH, hashAuditEntry } from '../../../../src/domain/audit-chain.ts';
import { verifyAudit } from '../../../../src/app/operations/verify-audit.ts';

/** A correctly chained trail of `n` entries, as the repository writes it. */
const chain = (n: number): AuditEntry[] => {
  const out: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const base = { seq, at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)), actorId: 'u1', action: 'document.upload', targetType: 'document', targetId: `d${seq}`, details: { size: seq * 10, b: 1, a: 2 }, prevHash };
    const e = { ...base, hash: hashAuditEntry(base) };
    out.push(e);
    prevHash = e.hash;
  }
  return out;
};

/** The repository's scan over a list: entries after a seq, in order, a chunk at a time. */
const scanOf = (entries: AuditEntry[]) => ({
  calls: 0,
  async scan(afterSeq: number, limit: number) {
    this.calls++;
    return entries.filter((e) => e.seq > afterSeq).slice(0, limit);
  },
});

describe('verifyAudit (unit)', () => {
  it('counts every entry of an intact chain across chunk boundaries', async () => {
    const audit = scanOf(chain(7));
    expect(await verifyAudit(audit, 3)).to.deep.equal({ intact: true, entries: 7 });
    expect(audit.calls).to.equal(4); // 3 + 3 + 1, then an empty chunk ends it
  });

  it('calls an empty trail intact', async () => {
    expect(await verifyAudit(scanOf([]))).to.deep.equal({ intact: true, entries: 0 });
  });

  it('names a changed entry, even in a later chunk', async () => {
    const entries = chain(7);
    entries[4] = { ...entries[4]!, details: { ...entries[4]!.details, size: 1 } };
    expect(await verifyAudit(scanOf(entries), 3)).to.deep.equal({ intact: false, entries: 4, firstBrokenSeq: 5 });
  });

  it('names the entry after a deleted one, across a chunk boundary', async () => {
    const entries = chain(7).filter((e) => e.seq !== 3);
    expect(await verifyAudit(scanOf(entries), 2)).to.deep.equal({ intact: false, entries: 2, firstBrokenSeq: 4 });
  });

  it('names a rewritten entry whose hash was recomputed, by the link from the next one', async () => {
    const entries = chain(5);
    const forged = { ...entries[1]!, action: 'document.read' };
    entries[1] = { ...forged, hash: hashAuditEntry(forged) };
    expect(await verifyAudit(scanOf(entries))).to.deep.equal({ intact: false, entries: 2, firstBrokenSeq: 3 });
  });
});
