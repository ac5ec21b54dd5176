import { checkpointText } from '../../src/app/audit/checkpoint-text.ts';
import { recordCheckpoint } from '../../src/app/audit/checkpoints.ts';
import { withCommandApp } from './app-context.ts';
import { type Command, EXIT } from './command.ts';

/** `audit:checkpoint [--json]`: records the audit chain head as a checkpoint and prints it to keep. */
export const auditCheckpointCommand: Command = {
  name: 'audit:checkpoint',
  summary: [
    'Records the current audit chain head as a checkpoint and prints it to keep on paper.',
    'An audit.checkpoint entry is appended first, so the checkpoint covers it; prints seq, hash and time',
    'with an explanation an outside party can keep.',
  ].join('\n'),
  flags: { json: { value: false, help: 'print { seq, hash, at } as JSON instead' } },
  async run(flags, io) {
    const checkpoint = await withCommandApp(io.env, ({ deps }) => recordCheckpoint(deps, null));
    io.out(flags.json ? JSON.stringify(checkpoint) : checkpointText(checkpoint));
    return EXIT.ok;
  },
};
