import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AbstractDataType, type Model, type ModelStatic, QueryTypes, type Sequelize } from 'sequelize';
import { defineBackupModels } from '../../src/infra/db/backup-models.ts';
import { connect } from '../../src/infra/db/connect.ts';
import { defineModels } from '../../src/infra/db/models.ts';
import { databaseTargets, type TestDatabase } from '../support/databases.ts';

/**
 * What a column reads back as, from the SQL type SQLite (PRAGMA) or MySQL (COLUMN_TYPE) describes.
 * SQLite's integers are all 64-bit (and it makes a BIGINT key an INTEGER one): there INT and
 * BIGINT are one kind. MySQL's INT is 32-bit and its BIGINT may come back as a string.
 */
const readsAs = (sqlType: string, sqlite: boolean): string => {
  const t = sqlType.toLowerCase();
  if (/^(tinyint\(1\)|boolean)/.test(t)) return 'boolean';
  if (/^(datetime|timestamp)/.test(t)) return 'date';
  if (/^bigint/.test(t)) return sqlite ? 'integer' : 'bigint';
  if (/^int/.test(t)) return sqlite ? 'integer' : 'number';
  if (/^(float|double|real)/.test(t)) return 'number';
  if (/char|text/.test(t)) return 'string';
  return `unknown ${sqlType}`;
};

/** The same for a model's column, from its Sequelize type. */
const modelReadsAs = (key: string, sqlite: boolean): string => {
  const kinds: Record<string, string> = { STRING: 'string', TEXT: 'string', FLOAT: 'number', DATE: 'date', BOOLEAN: 'boolean' };
  if (key === 'INTEGER') return sqlite ? 'integer' : 'number';
  if (key === 'BIGINT') return sqlite ? 'integer' : 'bigint';
  return kinds[key] ?? key;
};

const columnsOf = async (s: Sequelize, table: string): Promise<Record<string, string>> => {
  const sqlite = s.getDialect() === 'sqlite';
  const rows = sqlite
    ? await s.query<{ name: string; type: string }>(`PRAGMA table_info(${table})`, { type: QueryTypes.SELECT })
    : await s.query<{ name: string; type: string }>(
        'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = :table',
        { replacements: { table }, type: QueryTypes.SELECT },
      );
  return Object.fromEntries(rows.map((r) => [r.name, readsAs(r.type, sqlite)]));
};

/** Each column's nullability, in the table (SQLite's PRAGMA, MySQL's information_schema). */
const nullableColumnsOf = async (s: Sequelize, table: string): Promise<Record<string, boolean>> => {
  const rows =
    s.getDialect() === 'sqlite'
      ? (await s.query<{ name: string; notnull: number; pk: number }>(`PRAGMA table_info(${table})`, { type: QueryTypes.SELECT })).map((r) => ({
          name: r.name,
          nullable: !r.notnull && !r.pk,
        }))
      : (
          await s.query<{ name: string; n: string }>(
            'SELECT COLUMN_NAME AS name, IS_NULLABLE AS n FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = :table',
            { replacements: { table }, type: QueryTypes.SELECT },
          )
        ).map((r) => ({ name: r.name, nullable: r.n === 'YES' }));
  return Object.fromEntries(rows.map((r) => [r.name, r.nullable]));
};

const DB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/infra/db');

/**
 * Which fields of each model's row interface admit null, read from the source (`field: T | null;`
 * in `export interface XRow`, the model from `Name: table<XRow…>(s, 'Name', …`): the one fact of
 * a row type the compiler cannot hold to the schema.
 */
const nullableFieldsInSource = (): Map<string, Record<string, boolean>> => {
  const files = [...readdirSync(path.join(DB, 'models')).map((f) => path.join(DB, 'models', f)), path.join(DB, 'backup-models.ts')];
  const rows = new Map<string, Record<string, boolean>>();
  const models = new Map<string, string>();
  for (const text of files.filter((f) => f.endsWith('models.ts')).map((f) => readFileSync(f, 'utf8'))) {
    for (const [, name, body] of text.matchAll(/export interface (\w+) \{\n([^}]*)\}/g))
      rows.set(name!, Object.fromEntries([...body!.matchAll(/^ {2}(\w+): ([^;]+);$/gm)].map(([, f, type]) => [f!, /\| null$/.test(type!)])));
    for (const [, row, model] of text.matchAll(/table<(\w+)[^>]*>\(s, '(\w+)'/g)) models.set(model!, row!);
  }
  return new Map([...models].map(([model, row]) => [model, rows.get(row) ?? {}]));
};

for (const target of databaseTargets()) {
  describe(`database models (${target.name})`, function () {
    this.timeout(60_000);
    let tdb: TestDatabase;
    let s: Sequelize;

    before(async () => {
      tdb = await target.create();
      s = connect(tdb.config);
    });
    after(async () => {
      await s.close();
      await tdb.drop();
    });

    // The compiler holds the row interfaces of src/infra/db/models and the models together; this
    // holds the models to what the migrations made.
    it('mirror the migrated tables: the same columns, each read back as the same kind of value', async () => {
      const models: Record<string, ModelStatic<Model>> = { ...defineModels(s), ...defineBackupModels(s) };
      const sqlite = s.getDialect() === 'sqlite';
      for (const [name, model] of Object.entries(models)) {
        const table = String(model.getTableName());
        const inModel = Object.fromEntries(
          Object.values(model.getAttributes()).map((a) => [String(a.field), modelReadsAs((a.type as AbstractDataType).key, sqlite)]),
        );
        expect(inModel, `${name} (${table})`).to.deep.equal(await columnsOf(s, table));
      }
    });

    it('have row interfaces that admit null exactly where the migrated columns do', async () => {
      const models: Record<string, ModelStatic<Model>> = { ...defineModels(s), ...defineBackupModels(s) };
      const inSource = nullableFieldsInSource();
      expect([...inSource.keys()].sort()).to.deep.equal(Object.keys(models).sort());
      for (const [name, model] of Object.entries(models)) {
        const table = String(model.getTableName());
        const fieldOf = new Map(Object.entries(model.getAttributes()).map(([f, a]) => [f, String(a.field)]));
        const inInterface = Object.fromEntries(Object.entries(inSource.get(name)!).map(([f, nullable]) => [fieldOf.get(f) ?? f, nullable]));
        expect(inInterface, `${name}Row (${table})`).to.deep.equal(await nullableColumnsOf(s, table));
      }
    });
  });
}
