import { cosignatureLine } from '../../domain/public-log/signed-note.ts';
import { verifyConsistency } from '../../domain/public-log/verify-proofs.ts';
import type { AppDeps } from '../deps.ts';
import { raiseLogAlarm } from './log-alarm.ts';
import { readCheckpoint, type SignedCheckpoint } from './read-checkpoint.ts';
import type { WitnessedLog } from './settings.ts';

export type WitnessOutcome = { ok: true; size: number } | { ok: false; kind: 'split-view' | 'rewritten' | 'rolled-back'; position: number; detail: string };

const hex = (b: Buffer) => b.toString('hex');

/** Whether two signed heads of one log can both be true: equal at one size, or the larger proven to extend the smaller by the log itself. */
const agree = async (deps: AppDeps, w: WitnessedLog, a: { size: number; root: Buffer }, b: { size: number; root: Buffer }): Promise<WitnessOutcome> => {
  const [lo, hi] = a.size <= b.size ? [a, b] : [b, a];
  if (lo.size === hi.size)
    return lo.root.equals(hi.root)
      ? { ok: true, size: hi.size }
      : { ok: false, kind: 'split-view', position: lo.size, detail: `two signed heads for size ${lo.size}: ${hex(lo.root)} and ${hex(hi.root)}` };
  if (lo.size === 0) return { ok: true, size: hi.size };
  const proof = await deps.remoteLogs.consistency(w.url, lo.size, hi.size).catch(() => null);
  if (
    proof &&
    verifyConsistency(
      lo.size,
      hi.size,
      proof.map((h) => Buffer.from(h, 'hex')),
      lo.root,
      hi.root,
    )
  )
    return { ok: true, size: hi.size };
  return {
    ok: false,
    kind: 'rewritten',
    position: lo.size,
    detail: `the head of size ${hi.size} does not extend the one of size ${lo.size}: a leaf before position ${lo.size} changed, or the log forked`,
  };
};

/**
 * One witness pass over another office's log: fetch its checkpoint, check the log's signature,
 * check it extends the last head this office accepted (a consistency proof) and agrees with the
 * heads the other offices this one witnesses with have seen of that log (split-view detection),
 * then keep it and cosign it (tlog-cosignature) back to the log. Anything else raises the log
 * alarm naming the position, and nothing is cosigned.
 */
export const witnessLog = async (deps: AppDeps, w: WitnessedLog): Promise<WitnessOutcome> => {
  const note = await deps.remoteLogs.checkpoint(w.url);
  const cp = readCheckpoint(note, w.key);
  if (!cp) throw new Error(`${w.url} served a checkpoint not signed by ${w.key.name}`);
  const fail = async (o: WitnessOutcome): Promise<WitnessOutcome> => {
    if (!o.ok) await raiseLogAlarm(deps, { origin: w.key.name, kind: o.kind, position: o.position, detail: o.detail });
    return o;
  };
  const seen = await deps.db.publicLog.witnessView(w.key.name);
  if (seen) {
    if (cp.size < seen.size) return fail({ ok: false, kind: 'rolled-back', position: cp.size, detail: `served size ${cp.size} after size ${seen.size}` });
    const o = await agree(deps, w, { size: seen.size, root: Buffer.from(seen.root, 'hex') }, cp);
    if (!o.ok) return fail(o);
  }
  for (const other of await othersViews(deps, w)) {
    const o = await agree(deps, w, other, cp);
    if (!o.ok) return fail(o);
  }
  await deps.db.publicLog.saveWitnessView({ origin: w.key.name, size: cp.size, root: hex(cp.root), note, at: deps.clock.now() });
  const line = cosignatureLine(cp.text, deps.publicLog.signer, Math.floor(deps.clock.now().getTime() / 1000));
  await deps.remoteLogs.postCosignature(w.url, `${cp.text}\n${line}`);
  return { ok: true, size: cp.size };
};

/** What the other witnessing offices say they saw of this log, keeping only heads the log really signed. */
const othersViews = async (deps: AppDeps, w: WitnessedLog): Promise<SignedCheckpoint[]> => {
  const out: SignedCheckpoint[] = [];
  for (const peer of deps.publicLog.witnesses) {
    if (peer.url === w.url) continue;
    const views = await deps.remoteLogs.witnessViews(peer.url).catch(() => []);
    for (const v of views) {
      const c = v.origin === w.key.name ? readCheckpoint(v.note, w.key) : null;
      if (c) out.push(c);
    }
  }
  return out;
};
