import { withCommandApp } from './app-context.ts';
import { type Command, EXIT } from './command.ts';

/** `migrate`: brings the database schema up to date (opening the database applies what is pending). */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Applies pending database migrations (the server also applies them on start) and checks the database answers.',
  flags: {},
  async run(_flags, io) {
    const applied = await withCommandApp(io.env, async ({ adapters }) => {
      await adapters.db.ping();
      return adapters.db.appliedMigrations;
    });
    io.out(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply');
    io.out('the database schema is up to date');
    return EXIT.ok;
  },
};
