import type { CheckpointView } from './present-audit.ts';

/**
 * A checkpoint as a page to print and keep outside the system (a signed paper in a file, a
 * letter to the inspectorate). It has to make sense to someone who never saw the system.
 */
export const checkpointText = (c: CheckpointView): string =>
  [
    'NASKAH AUDIT TRAIL CHECKPOINT',
    '',
    `Entry (seq): ${c.seq}`,
    `Hash:        ${c.hash}`,
    `Recorded at: ${c.at}`,
    '',
    wrap(
      `This is the SHA-256 hash of audit entry ${c.seq}. Every audit entry's hash covers its own content and the hash of the entry before it, ` +
        `so this one value fixes the whole audit trail up to entry ${c.seq}: no earlier entry can be changed, removed or reordered without changing it. ` +
        'Keep this page outside the system. To check later that the history up to this entry was not rewritten, have the operator run one of the ' +
        'commands below and compare the hash in the answer with this page yourself: it must say "matches": true. Any other answer means the trail ' +
        'was altered after this page was printed.',
    ),
    '',
    `  npm run cli -- verify-audit --checkpoint ${c.seq}:${c.hash}`,
    `  GET /api/v1/audit/verify?seq=${c.seq}&hash=${c.hash}`,
    '',
  ].join('\n');

/** Wraps prose at 78 columns for paper; long tokens (the hash in a command) stay whole. */
const wrap = (text: string, width = 78): string => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
};
