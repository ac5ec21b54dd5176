import { expect } from 'chai';
import { type AuditEntry, firstBrokenEntry, GENESIS_HASH, hashAuditEntry } from '../../../src/domain/audit-chain.ts';

const chain = (n: number): AuditEntry[] => {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const base = { seq: i, at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)), actorId: 'u1', action: 'document.upload', targetType: 'document', targetId: `d${i}`, details: { b: i, a: [1, { z: 1, y: 2 }] }, prevHash: prev };
    const e = { ...base, hash: hashAuditEntry(base) };
    out.push(e);
    prev = e.hash;
  }
  return out;
};

describe('domain/audit-chain', () => {
  it('an untouched chain verifies', () => {
    expect(firstBrokenEntry(chain(5), GENESIS_HASH)).to.equal(null);
  });

  it('hashes the same whatever order detail keys come in', () => {
    const e = chain(1)[0]!;
    expect(hashAuditEntry({ ...e, details: { a: [1, { y: 2, z: 1 }], b: 1 } })).to.equal(e.hash);
  });

  it('names the first entry that was changed, deleted or reordered', () => {
    const changed = chain(5);
    changed[2] = { ...changed[2]!, actorId: 'someone-else' };
    expect(firstBrokenEntry(changed, GENESIS_HASH)).to.equal(3);
    const deleted = chain(5).filter((e) => e.seq !== 2);
    expect(firstBrokenEntry(deleted, GENESIS_HASH)).to.equal(3);
    const c = chain(5);
    const reordered = [c[0]!, c[2]!, c[1]!, c[3]!, c[4]!];
    expect(firstBrokenEntry(reordered, GENESIS_HASH)).to.equal(3);
  });
});
