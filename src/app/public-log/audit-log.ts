import { validCosigners } from '../../domain/public-log/cosigners.ts';
import { parseLeaf } from '../../domain/public-log/leaf.ts';
import { appendLeaves, frontierRoot } from '../../domain/public-log/frontier.ts';
import { leafHash } from '../../domain/public-log/merkle.ts';
import type { NoteKey } from '../../domain/public-log/signed-note.ts';
import { verifyConsistency, verifyInclusion } from '../../domain/public-log/verify-proofs.ts';
import type { RemoteLogs } from '../../ports/remote-logs.ts';
import { readCheckpoint } from './read-checkpoint.ts';

export type LogAuditResult =
  | { ok: true; size: number; root: string; leaves: number; proofsChecked: number; witnessesAgreeing: number; cosignedBy?: string[] }
  | { ok: false; problem: 'bad-checkpoint' | 'too-few-cosignatures' | 'rewritten' | 'bad-proof' | 'split-view'; position: number | null; detail: string };

export interface LogAuditOptions {
  /** Addresses of witnessing offices whose views of this log are compared with it. */
  witnesses?: string[];
  /** Witness keys this verifier trusts, and how many of them must have cosigned the checkpoint audited. */
  witnessKeys?: NoteKey[];
  requireCosignatures?: number;
  pageSize?: number;
}

/** Inclusion proofs checked for every leaf up to this size, and for a spread of leaves beyond. */
const EVERY_PROOF_UP_TO = 2048;

/**
 * `log:audit`: fetches a log's checkpoint (checked against its verifier key), replays every leaf
 * (each must read as a leaf, at its position), recomputes the root, and checks the log's own
 * inclusion proofs (every leaf of a small log, a spread of a large one) and consistency proofs
 * from a spread of earlier sizes. A rewritten log (a leaf changed, removed or moved) is named by
 * the first position whose proof fails. With witnesses, what each saw of this log must agree
 * with the log (same size: same root; smaller size: proven prefix), else a split view.
 */
export const auditLog = async (remote: RemoteLogs, url: string, key: NoteKey, o: LogAuditOptions = {}): Promise<LogAuditResult> => {
  const k = o.requireCosignatures ?? 0;
  // Requiring k, the log is asked for its newest head that many witnesses cosigned; counted here again, against our own keys.
  const note = await remote.checkpoint(url, { cosignatures: k }).catch((e: unknown) => {
    if (k === 0) throw e;
    return (e as Error).message;
  });
  const cp = readCheckpoint(note, key);
  const cosignedBy = o.witnessKeys ? validCosigners(note, o.witnessKeys) : undefined;
  if (k > 0 && (!cp || cosignedBy!.length < k)) {
    const got = cp
      ? `the newest it offers, of size ${cp.size}, carries ${cosignedBy!.length} (${cosignedBy!.join(', ') || 'none'})`
      : `it offers none: ${note.split('\n')[0]}`;
    return {
      ok: false,
      problem: 'too-few-cosignatures',
      position: null,
      detail: `${k} valid cosignatures by the ${o.witnessKeys!.length} witness keys given are required on a checkpoint of ${key.name}; ${got}`,
    };
  }
  if (!cp) return { ok: false, problem: 'bad-checkpoint', position: null, detail: `the checkpoint is not signed by ${key.name}` };
  const hashes: Buffer[] = [];
  let state = { size: 0, frontier: [] as Buffer[] };
  const prefixRoots = new Map<number, Buffer>();
  const marks = new Set(spread(cp.size));
  // Leaves as served, up to the first one missing (a gap, or the end before the signed size).
  let missingAt: number | null = null;
  while (hashes.length < cp.size) {
    const page = await remote.leaves(url, hashes.length, Math.min(cp.size, hashes.length + (o.pageSize ?? 1000)));
    for (const l of page) {
      if (l.index !== hashes.length || !parseLeaf(l.text)) break;
      const h = leafHash(Buffer.from(l.text));
      hashes.push(h);
      const r = appendLeaves(state.size, state.frontier, [h]);
      state = { size: r.size, frontier: r.frontier };
      if (marks.has(state.size)) prefixRoots.set(state.size, frontierRoot(state.frontier));
    }
    if (page.length === 0 || hashes.length < Math.min(cp.size, page[0]!.index + page.length)) {
      missingAt = hashes.length;
      break;
    }
  }
  let proofsChecked = 0;
  const checkInclusion = async (i: number) => {
    proofsChecked++;
    const proof = await remote.inclusion(url, i, cp.size);
    return verifyInclusion(
      i,
      cp.size,
      hashes[i]!,
      proof.map((h) => Buffer.from(h, 'hex')),
      cp.root,
    );
  };
  if (missingAt !== null || !frontierRoot(state.frontier).equals(cp.root)) {
    // The leaves served do not add up to the signed head: the first leaf whose proof fails is where the log was rewritten.
    for (let i = 0; i < hashes.length; i++)
      if (!(await checkInclusion(i).catch(() => false)))
        return { ok: false, problem: 'rewritten', position: i, detail: `leaf ${i} as served is not the leaf the signed head of size ${cp.size} holds` };
    if (missingAt !== null)
      return { ok: false, problem: 'rewritten', position: missingAt, detail: `the log serves no valid leaf at position ${missingAt} of ${cp.size}` };
    return { ok: false, problem: 'rewritten', position: null, detail: 'the leaves served do not add up to the signed head' };
  }
  for (const i of cp.size <= EVERY_PROOF_UP_TO ? [...Array(cp.size).keys()] : spread(cp.size).map((s) => s - 1)) {
    if (!(await checkInclusion(i))) return { ok: false, problem: 'bad-proof', position: i, detail: `the log's inclusion proof for leaf ${i} does not verify` };
  }
  for (const [m, mRoot] of prefixRoots) {
    if (m === 0 || m === cp.size) continue;
    proofsChecked++;
    const proof = await remote.consistency(url, m, cp.size);
    if (
      !verifyConsistency(
        m,
        cp.size,
        proof.map((h) => Buffer.from(h, 'hex')),
        mRoot,
        cp.root,
      )
    )
      return { ok: false, problem: 'bad-proof', position: m, detail: `the log's consistency proof from size ${m} does not verify` };
  }
  let witnessesAgreeing = 0;
  for (const w of o.witnesses ?? []) {
    for (const v of await remote.witnessViews(w)) {
      const seen = v.origin === key.name ? readCheckpoint(v.note, key) : null;
      if (!seen) continue;
      if (seen.size > cp.size) continue; // newer than what we fetched: checked on the next audit
      const agrees = seen.size === cp.size ? seen.root.equals(cp.root) : (prefixRoots.get(seen.size) ?? rootOf(hashes.slice(0, seen.size))).equals(seen.root);
      if (!agrees)
        return {
          ok: false,
          problem: 'split-view',
          position: seen.size,
          detail: `${w} was shown a different signed head for size ${seen.size} than the leaves give`,
        };
      witnessesAgreeing++;
    }
  }
  return {
    ok: true,
    size: cp.size,
    root: cp.root.toString('hex'),
    leaves: hashes.length,
    proofsChecked,
    witnessesAgreeing,
    ...(cosignedBy ? { cosignedBy } : {}),
  };
};

const rootOf = (hashes: Buffer[]): Buffer => frontierRoot(appendLeaves(0, [], hashes).frontier);

/** Sizes spread over 1..n: every power of two and a few between, and n itself. */
const spread = (n: number): number[] => {
  const out = new Set<number>([n]);
  for (let p = 1; p < n; p *= 2) {
    out.add(p);
    out.add(Math.min(n, p + Math.floor(p / 3) + 1));
  }
  return [...out].filter((s) => s >= 1 && s <= n).sort((a, b) => a - b);
};
