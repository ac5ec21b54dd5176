import { expect } from 'chai';
import { appendLeaves, frontierRoot } from '../../../../src/domain/public-log/frontier.ts';
import { consistencyRanges, foldRange, inclusionRanges, leafHash, rangeNodes } from '../../../../src/domain/public-log/merkle.ts';
import { verifyConsistency, verifyInclusion } from '../../../../src/domain/public-log/verify-proofs.ts';
import { mth, path, proof, rfcLeaf, rfcVerifyConsistency, rfcVerifyInclusion } from '../../../support/rfc9162.ts';

/** The eight inputs of the Certificate Transparency reference tests (RFC 6962's era), as bytes. */
const CT_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
/**
 * Roots of the first n of those inputs, as published with those tests; the test derives each with
 * its own RFC implementation before comparing, so a wrong value here fails loudly, never silently.
 */
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** The product's tree over `data`: nodes as the sequencer stores them, proofs from them. */
const productTree = (data: Uint8Array[]) => {
  const stored = new Map<string, Buffer>();
  const leaves = data.map((d) => leafHash(d));
  leaves.forEach((h, i) => stored.set(`0:${i}`, h));
  // Appended in uneven batches, as signings arrive.
  let state = { size: 0, frontier: [] as Buffer[] };
  for (let i = 0; i < leaves.length; ) {
    const batch = leaves.slice(i, i + 1 + (i % 3));
    const r = appendLeaves(state.size, state.frontier, batch);
    for (const n of r.nodes) stored.set(`${n.level}:${n.index}`, n.hash);
    state = { size: r.size, frontier: r.frontier };
    i += batch.length;
  }
  const range = ([a, b]: [number, number]) => foldRange(rangeNodes(a, b).map((id) => stored.get(`${id.level}:${id.index}`)!));
  return {
    root: frontierRoot(state.frontier),
    rootAt: (n: number) => range([0, n]),
    inclusion: (m: number, n: number) => inclusionRanges(m, n).map(range),
    consistency: (m: number, n: number) => consistencyRanges(m, n).map(range),
  };
};

const data = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i} ${'x'.repeat(i % 7)}`));

describe('public log: the Merkle tree against an independent RFC 9162 implementation', () => {
  it('gives the Certificate Transparency reference roots, which the independent implementation derives too', () => {
    expect(mth([]).toString('hex')).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(frontierRoot([]).toString('hex')).to.equal(mth([]).toString('hex'));
    for (let n = 1; n <= 8; n++) {
      expect(mth(CT_INPUTS.slice(0, n)).toString('hex'), `independent root of ${n}`).to.equal(CT_ROOTS[n - 1]);
      expect(productTree(CT_INPUTS.slice(0, n)).root.toString('hex'), `product root of ${n}`).to.equal(CT_ROOTS[n - 1]);
    }
  });

  it('builds the same root, inclusion proofs and consistency proofs as the RFC for every size up to 70', () => {
    const all = data(70);
    const tree = productTree(all);
    for (let n = 1; n <= 70; n++) {
      const d = all.slice(0, n);
      const root = mth(d);
      expect(tree.rootAt(n).equals(root), `root ${n}`).to.equal(true);
      for (let m = 0; m < n; m++) {
        const p = tree.inclusion(m, n);
        expect(
          p.map((h) => h.toString('hex')),
          `PATH(${m}, ${n})`,
        ).to.deep.equal(path(m, d).map((h) => h.toString('hex')));
        expect(rfcVerifyInclusion(m, n, rfcLeaf(d[m]!), p, root), `independent check of inclusion ${m} in ${n}`).to.equal(true);
        expect(verifyInclusion(m, n, rfcLeaf(d[m]!), p, root)).to.equal(true);
      }
      for (let m = 1; m <= n; m++) {
        const p = tree.consistency(m, n);
        expect(
          p.map((h) => h.toString('hex')),
          `PROOF(${m}, ${n})`,
        ).to.deep.equal(proof(m, d).map((h) => h.toString('hex')));
        expect(rfcVerifyConsistency(m, n, mth(all.slice(0, m)), root, p), `independent check of consistency ${m} → ${n}`).to.equal(true);
        expect(verifyConsistency(m, n, p, mth(all.slice(0, m)), root)).to.equal(true);
      }
    }
  });

  it('refuses a proof with one hash changed, a wrong index, a wrong size or a wrong root', () => {
    const d = data(13);
    const root = mth(d);
    const p = productTree(d).inclusion(5, 13);
    const bad = p.map((h, i) => (i === 2 ? Buffer.from(h.map((b, j) => (j === 0 ? b ^ 1 : b))) : h));
    expect(verifyInclusion(5, 13, rfcLeaf(d[5]!), bad, root)).to.equal(false);
    expect(verifyInclusion(6, 13, rfcLeaf(d[5]!), p, root)).to.equal(false);
    expect(verifyInclusion(5, 7, rfcLeaf(d[5]!), p, root)).to.equal(false);
    expect(verifyInclusion(5, 13, rfcLeaf(d[5]!), p, mth(d.slice(0, 12)))).to.equal(false);
    expect(verifyInclusion(5, 13, rfcLeaf(d[5]!), p.slice(1), root)).to.equal(false);
    const c = productTree(d).consistency(6, 13);
    expect(verifyConsistency(6, 13, c, mth(d.slice(0, 6)), root)).to.equal(true);
    expect(verifyConsistency(6, 13, c, mth([...d.slice(0, 5), Buffer.from('other')]), root)).to.equal(false);
    expect(verifyConsistency(6, 13, c.slice(0, -1), mth(d.slice(0, 6)), root)).to.equal(false);
  });

  it('stores every complete subtree exactly once, at its level and index', () => {
    const leaves = data(37).map((d) => leafHash(d));
    const r = appendLeaves(0, [], leaves);
    // Inner complete subtrees of n leaves: n − popcount(n) (37 = 100101b has three bits set).
    expect(r.nodes.length).to.equal(37 - 3);
    expect(new Set(r.nodes.map((n) => `${n.level}:${n.index}`)).size).to.equal(r.nodes.length);
    for (const n of r.nodes) expect(n.hash.equals(mth(data(37).slice(n.index * 2 ** n.level, (n.index + 1) * 2 ** n.level)))).to.equal(true);
    expect(() => appendLeaves(5, [], leaves)).to.throw(/frontier/);
  });
});
