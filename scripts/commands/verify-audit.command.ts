import { verifyAudit } from '../../src/app/audit/verify-audit.ts';
import type { ChainPoint } from '../../src/domain/audit-chain.ts';
import { withCommandApp } from './app-context.ts';
import { type Command, EXIT, UsageError } from './command.ts';

/** `SEQ:HASH` as printed on a checkpoint page. */
const parseCheckpoint = (value: string | boolean | undefined): ChainPoint | undefined => {
  if (value === undefined) return undefined;
  const m = typeof value === 'string' ? /^(\d{1,15}):([0-9a-fA-F]{64})$/.exec(value.trim()) : null;
  if (!m || Number(m[1]) < 1) throw new UsageError('--checkpoint must be SEQ:HASH, e.g. 42:<64 hex digits>');
  return { seq: Number(m[1]), hash: m[2]!.toLowerCase() };
};

/**
 * `verify-audit [--checkpoint SEQ:HASH]`: recomputes the audit hash chain and checks it against
 * the head row and every recorded checkpoint; exit 1 when it is broken or the given checkpoint
 * does not match.
 */
export const verifyAuditCommand: Command = {
  name: 'verify-audit',
  summary: [
    'Recomputes the audit trail hash chain and says whether it is intact or where it first broke.',
    'Prints JSON: { intact, entries, head } or { intact: false, entries, firstBrokenSeq, reason }.',
    'Detects changed, deleted, reordered and inserted entries, a deleted tail and rewrites a recorded',
    'checkpoint contradicts. Exits 1 when broken or when --checkpoint does not match.',
  ].join('\n'),
  flags: { checkpoint: { value: true, help: 'SEQ:HASH from a printed checkpoint: also say whether the chain still holds it' } },
  async run(flags, io) {
    const claim = parseCheckpoint(flags.checkpoint);
    const { result, database } = await withCommandApp(io.env, async ({ deps, database }) => ({
      result: await verifyAudit(deps.db.audit, claim ? { claim } : {}),
      database,
    }));
    io.out(JSON.stringify(result));
    io.err(`checked the audit trail in ${database}`);
    if (result.entries === 0) io.err('the trail is empty: is DATA_DIR (or DATABASE_URL) the one the server uses?');
    if (!result.intact) io.err(`the audit trail is broken at seq ${result.firstBrokenSeq}: ${result.reason}`);
    if (result.checkpoint && !result.checkpoint.matches)
      io.err(
        `the checkpoint ${result.checkpoint.seq}:${result.checkpoint.hash} does not match the trail: its history up to that entry was rewritten or removed`,
      );
    return result.intact && result.checkpoint?.matches !== false ? EXIT.ok : EXIT.failed;
  },
};
