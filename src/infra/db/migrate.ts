import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as m001 from './migrations/001-initial.ts';

/** Versioned migrations in order; add new ones at the end, never edit a released one. */
const MIGRATIONS = [{ name: '001-initial', ...m001 }];

/** Applies pending migrations; safe to call on every start (and from several processes on MySQL). */
export const migrate = async (sequelize: Sequelize): Promise<string[]> => {
  const umzug = new Umzug({
    migrations: MIGRATIONS.map((m) => ({ name: m.name, up: m.up, down: m.down })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
  const done = await umzug.up();
  return done.map((d) => d.name);
};
