import { verifyAudit } from '../../src/app/operations/verify-audit.ts';
import { withCommandApp } from './app-context.ts';
import { type Command, EXIT } from './command.ts';

/** `verify-audit`: recomputes the audit hash chain; exit 1 when an entry was changed or removed. */
export const verifyAuditCommand: Command = {
  name: 'verify-audit',
  summary: 'Recomputes the audit trail hash chain and prints { intact, entries } or the first broken seq.',
  flags: {},
  async run(_flags, io) {
    const result = await withCommandApp(io.env, ({ deps }) => verifyAudit(deps.db.audit));
    io.out(JSON.stringify(result));
    if (!result.intact) io.err(`the audit trail is broken at seq ${result.firstBrokenSeq}: that entry or the one before it was changed or removed`);
    return result.intact ? EXIT.ok : EXIT.failed;
  },
};
