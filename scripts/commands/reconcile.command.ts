import { type ReconcileReport, reconcile } from '../../src/app/operations/reconcile.ts';
import { withCommandApp } from './app-context.ts';
import { type Command, EXIT } from './command.ts';

/** The report as lines a person reads: one per disagreement, then a summary. */
const formatReconcileReport = (r: ReconcileReport): string[] => {
  const c = r.checked;
  const lines = [`checked ${c.documents} documents, ${c.originals} originals and ${c.inboxObjects} inbox objects in storage, ${c.indexEntries} index entries`];
  for (const f of r.findings) lines.push(`${f.repaired ? 'repaired' : 'FOUND   '}  ${f.kind.padEnd(18)} ${f.subject}  ${f.detail}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  const repaired = r.findings.length - r.unrepaired;
  lines.push(
    r.findings.length === 0 ? 'database, storage and search index agree' : `${r.findings.length} disagreements: ${repaired} repaired, ${r.unrepaired} remain`,
  );
  return lines;
};

/** `reconcile [--repair]`: where database, storage and index disagree; exit 1 while anything remains. */
export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: [
    'Compares database, storage and search index, prints where they disagree and, with --repair, fixes what it can.',
    'Finds documents whose original is missing (cannot be repaired), originals no document refers to,',
    'inbox objects no pending batch item needs, documents missing from the index, index entries',
    'with no document, and documents stuck in processing. Exits 1 while anything is unrepaired.',
  ].join('\n'),
  flags: {
    repair: { value: false, help: 'fix what can be fixed: delete unclaimed objects first seen over an hour ago, index, unindex, re-enqueue' },
    json: { value: false, help: 'print the report as JSON' },
  },
  async run(flags, io) {
    const report = await withCommandApp(io.env, async ({ deps, adapters }) => {
      await adapters.blobs.init();
      await adapters.search.init();
      return reconcile(deps, { repair: flags.repair === true });
    });
    if (flags.json) io.out(JSON.stringify(report, null, 2));
    else for (const line of formatReconcileReport(report)) io.out(line);
    return report.unrepaired > 0 ? EXIT.failed : EXIT.ok;
  },
};
