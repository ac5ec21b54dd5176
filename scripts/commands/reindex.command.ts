import { reindex } from '../../src/app/operations/reindex.ts';
import { withCommandApp } from './app-context.ts';
import { type Command, EXIT, UsageError } from './command.ts';

const rate = (n: number, ms: number) => (ms > 0 ? Math.round((n * 1000) / ms) : n);

/** `reindex`: rebuilds the search index from the database and the stored page text. */
export const reindexCommand: Command = {
  name: 'reindex',
  summary: 'Empties the search index and rebuilds it from the database and stored page text (documents still processing are left to their jobs).',
  flags: { chunk: { value: true, help: 'documents per round trip (default 500)' } },
  async run(flags, io) {
    const chunk = flags.chunk === undefined ? 500 : Number(flags.chunk);
    if (!Number.isInteger(chunk) || chunk < 1 || chunk > 10_000) throw new UsageError('--chunk must be a whole number from 1 to 10000');
    const result = await withCommandApp(io.env, async ({ deps }) =>
      reindex(deps, {
        chunk,
        onEmptied: (why) => why !== undefined && io.out(`the search index could not be opened or read (${why}): it was dropped and is rebuilt from scratch`),
        onProgress: (p) => io.out(`indexed ${p.indexed} documents (${rate(p.indexed, p.elapsedMs)} docs/s)`),
      }),
    );
    io.out(
      `done: ${result.indexed} documents indexed in ${(result.elapsedMs / 1000).toFixed(1)} s (${rate(result.indexed, result.elapsedMs)} docs/s)${result.skipped ? `; ${result.skipped} still processing, left to their jobs` : ''}`,
    );
    return EXIT.ok;
  },
};
