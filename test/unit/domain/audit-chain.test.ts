import { expect } from 'chai';
import {
  type AuditEntry,
  AuditChainCheck,
  type ChainBreak,
  type ChainPoint,
  firstBrokenEntry,
  GENESIS_HASH,
  hashAuditEntry,
} from '../../../src/domain/audit-chain.ts';

const chain = (n: number): AuditEntry[] => {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const base = {
      seq: i,
      at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
      actorId: 'u1',
      action: 'document.upload',
      targetType: 'document',
      targetId: `d${i}`,
      details: { b: i, a: [1, { z: 1, y: 2 }] },
      prevHash: prev,
    };
    const e = { ...base, hash: hashAuditEntry(base) };
    out.push(e);
    prev = e.hash;
  }
  return out;
};

const headOf = (entries: AuditEntry[]): ChainPoint => {
  const last = entries[entries.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
};

/** Walks entries as the use case does; the head defaults to the untouched chain's. */
const walk = (entries: AuditEntry[], o: { head?: ChainPoint; headNow?: ChainPoint; anchors?: Map<number, string> } = {}): ChainBreak | null => {
  const check = new AuditChainCheck(o.head ?? headOf(entries), o.anchors);
  for (const e of entries) {
    const b = check.next(e);
    if (b) return b;
  }
  return check.end(o.headNow ?? o.head ?? headOf(entries));
};

/** Renumbers entries the way a SQL `UPDATE ... SET seq` would, leaving hashes alone. */
const swapSeq = (entries: AuditEntry[], a: number, b: number) =>
  entries.map((e) => (e.seq === a ? { ...e, seq: b } : e.seq === b ? { ...e, seq: a } : e)).sort((x, y) => x.seq - y.seq);

describe('domain/audit-chain', () => {
  it('hashes the same whatever order detail keys come in', () => {
    const e = chain(1)[0]!;
    expect(hashAuditEntry({ ...e, details: { a: [1, { y: 2, z: 1 }], b: 1 } })).to.equal(e.hash);
  });

  it('passes an untouched chain and an empty one, counting entries and ending at the head', () => {
    const c = chain(5);
    const check = new AuditChainCheck(headOf(c));
    for (const e of c) expect(check.next(e)).to.equal(null);
    expect(check.end(headOf(c))).to.equal(null);
    expect(check.entries).to.equal(5);
    expect(check.last).to.deep.equal(headOf(c));
    expect(walk([])).to.equal(null);
  });

  it('names a changed entry', () => {
    const c = chain(5);
    c[2] = { ...c[2]!, details: { b: 99 } };
    expect(walk(c, { head: headOf(chain(5)) }))
      .to.deep.include({ seq: 3 })
      .and.have.property('reason')
      .that.matches(/entry 3 was changed/);
  });

  it('names the missing seq when a middle entry is deleted, and every missing seq of a run', () => {
    expect(
      walk(
        chain(5).filter((e) => e.seq !== 2),
        { head: headOf(chain(5)) },
      ),
    ).to.deep.equal({ seq: 2, reason: 'entry 2 is missing: the trail jumps from 1 to 3' });
    expect(
      walk(
        chain(6).filter((e) => e.seq < 2 || e.seq > 4),
        { head: headOf(chain(6)) },
      )!.reason,
    ).to.equal('entries 2–4 are missing: the trail jumps from 1 to 5');
  });

  it('names the lower of two entries whose seqs were swapped', () => {
    const b = walk(swapSeq(chain(6), 2, 5), { head: headOf(chain(6)) });
    expect(b).to.have.property('seq', 2);
    expect(b!.reason).to.match(/changed or moved here/);
  });

  it('names an entry whose predecessor was rewritten with a recomputed hash, by its link', () => {
    const c = chain(5);
    const forged = { ...c[1]!, action: 'document.read' };
    c[1] = { ...forged, hash: hashAuditEntry(forged) };
    expect(walk(c))
      .to.deep.include({ seq: 3 })
      .and.have.property('reason')
      .that.matches(/does not link to entry 2/);
  });

  it('names the first missing seq when the tail was deleted, against the head read before the walk', () => {
    const full = chain(5);
    expect(walk(full.slice(0, 4), { head: headOf(full) })).to.deep.equal({
      seq: 5,
      reason: 'entry 5 is missing: the trail ends at 4 but the chain head records 5',
    });
    expect(walk(full.slice(0, 2), { head: headOf(full) })!.reason).to.match(/^entries 3–5 are missing/);
  });

  it('names a last entry rewritten with a recomputed hash, against the head', () => {
    const c = chain(4);
    const head = headOf(c);
    const forged = { ...c[3]!, actorId: 'someone-else' };
    c[3] = { ...forged, hash: hashAuditEntry(forged) };
    expect(walk(c, { head })).to.have.property('seq', 4);
  });

  it('names entries added beyond the head read after the walk', () => {
    const c = chain(5);
    expect(walk(c, { head: headOf(c.slice(0, 3)), headNow: headOf(c.slice(0, 3)) })).to.deep.equal({
      seq: 4,
      reason: "entries 4–5 are beyond the chain head (3): added behind the system's back",
    });
    // An append that committed during the walk moves the head too: not a break.
    expect(walk(c, { head: headOf(c.slice(0, 3)), headNow: headOf(c) })).to.equal(null);
  });

  it('names the seq of a checkpoint the chain no longer matches, even when every hash was recomputed', () => {
    const original = chain(5);
    const anchors = new Map([[3, original[2]!.hash]]);
    // A rewrite of entry 2 onwards, every hash and link recomputed, and the head row updated to match.
    const rewritten: AuditEntry[] = [original[0]!];
    for (const e of original.slice(1)) {
      const base = { ...e, actorId: e.seq === 2 ? 'forger' : e.actorId, prevHash: rewritten[rewritten.length - 1]!.hash };
      rewritten.push({ ...base, hash: hashAuditEntry(base) });
    }
    expect(walk(rewritten)).to.equal(null); // without a checkpoint the rewrite is invisible
    expect(walk(rewritten, { anchors }))
      .to.deep.include({ seq: 3 })
      .and.have.property('reason')
      .that.matches(/checkpoint/);
  });

  it('names the first missing seq when a checkpoint names an entry that is gone, even with the head rewritten too', () => {
    const c = chain(5);
    const anchors = new Map([[5, c[4]!.hash]]);
    const cut = c.slice(0, 3);
    expect(walk(cut, { head: headOf(cut), anchors })).to.deep.equal({
      seq: 4,
      reason: 'the checkpoint at seq 5 names an entry that is gone: the trail ends at 3',
    });
  });

  it('firstBrokenEntry checks a run that follows a known hash', () => {
    const c = chain(6);
    expect(firstBrokenEntry(c, GENESIS_HASH)).to.equal(null);
    expect(firstBrokenEntry(c.slice(3), c[2]!.hash)).to.equal(null);
    expect(firstBrokenEntry(c.slice(3), c[1]!.hash)).to.equal(4);
    expect(
      firstBrokenEntry(
        c.filter((e) => e.seq !== 5),
        GENESIS_HASH,
      ),
    ).to.equal(5);
  });
});
