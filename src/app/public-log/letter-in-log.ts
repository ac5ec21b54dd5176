import { parseCheckpoint } from '../../domain/public-log/checkpoint.ts';
import { parseLeaf } from '../../domain/public-log/leaf.ts';
import { leafHash } from '../../domain/public-log/merkle.ts';
import { verifyInclusion } from '../../domain/public-log/verify-proofs.ts';
import type { AppDeps } from '../deps.ts';
import { inclusionProof } from './log-proofs.ts';
import { publishedCheckpoint } from './publish.ts';
import { readCheckpoint } from './read-checkpoint.ts';

/** Where a signed PDF stands in the public log, as the verify answers show it. */
export type LetterInLog =
  | { recorded: false; pending: boolean }
  | ({
      recorded: true;
      index: number;
      size: number;
      leafHash: string;
      inclusionProof: string[];
      checkpoint: string;
      verified: boolean;
      cosignedBy: string[];
    } & Required)
  | ({ recorded: true; index: number; pending: true } & Required);

/** Present when the verifier required cosignatures: how many, and why the letter is pending when no head it is in has them yet. */
type Required = { cosignaturesRequired?: number; detail?: string };

/**
 * The log entry of a signed PDF (by its SHA-256), with its inclusion proof checked here against
 * the latest published checkpoint and the office's own log key, the way an outside verifier
 * would: `verified` is false if the database's leaves no longer add up to the signed head.
 * A leaf appended after the latest checkpoint is `pending` (its checkpoint follows within moments).
 * A verifier requiring k cosignatures gets the proof against the newest checkpoint k of the
 * office's witnesses cosigned, and `pending` with the reason while none holding the letter is.
 */
export const letterInLog = async (deps: AppDeps, sha256: string, o: { cosignatures?: number } = {}): Promise<LetterInLog> => {
  const k = o.cosignatures ?? 0;
  const leaf = await deps.db.publicLog.leafByKey(sha256);
  if (!leaf) return { recorded: false, pending: await deps.db.publicLog.isQueued(sha256) };
  const published = await publishedCheckpoint(deps, { cosignatures: k }).catch(() => null);
  const cp = published && readCheckpoint(published.note, deps.publicLog.signer);
  const required: Required = k ? { cosignaturesRequired: k } : {};
  if (!published || !cp || leaf.index >= cp.size) {
    const why = k
      ? { detail: `no checkpoint holding this letter is cosigned yet by ${k} of the ${deps.publicLog.witnesses.length} witnesses the office trusts` }
      : {};
    return { recorded: true, index: leaf.index, pending: true, ...required, ...why };
  }
  const proof = await inclusionProof(deps, { index: leaf.index }, cp.size).catch(() => null);
  const verified =
    proof !== null &&
    proof.leafHash === leaf.hash &&
    leafHash(Buffer.from(leaf.text)).toString('hex') === leaf.hash &&
    parseLeaf(leaf.text)?.sha256 === sha256 &&
    verifyInclusion(
      leaf.index,
      cp.size,
      Buffer.from(leaf.hash, 'hex'),
      proof.inclusionProof.map((h) => Buffer.from(h, 'hex')),
      parseCheckpoint(cp.text)!.root,
    ) &&
    published.cosignedBy.length >= k;
  return {
    recorded: true,
    index: leaf.index,
    size: cp.size,
    leafHash: leaf.hash,
    inclusionProof: proof?.inclusionProof ?? [],
    checkpoint: published.note,
    verified,
    cosignedBy: published.cosignedBy,
    ...required,
  };
};
