import { leafHash, nodeHash } from './merkle.ts';

/**
 * Proof checks of RFC 9162 sections 2.1.3.2 and 2.1.4.2, as a verifier outside the office runs
 * them (the verify page, witnesses, `log:audit`): only hashes in, true or false out.
 */
const eq = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** Whether `leafHashValue` is leaf `index` of the tree of `size` leaves whose root is `root`. */
export const verifyInclusion = (index: number, size: number, leafHashValue: Uint8Array, proof: Uint8Array[], root: Uint8Array): boolean => {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leafHashValue);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && eq(r, root);
};

/** Whether the tree of `size2` leaves with root `root2` extends the one of `size1` with `root1`. */
export const verifyConsistency = (size1: number, size2: number, proof: Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean => {
  if (size1 < 0 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && eq(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  let path = proof;
  // A first size that is a power of two is a node of the second tree: the proof leaves it out.
  if ((size1 & (size1 - 1)) === 0) path = [root1, ...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn >>= 1;
    sn >>= 1;
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && eq(fr, root1) && eq(sr, root2);
};

export { leafHash };
