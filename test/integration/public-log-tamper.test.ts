import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { connect } from '../../src/infra/db/connect.ts';
import { lookupPrefix } from '../../src/infra/db/lookup-prefix.ts';
import { cliHere } from '../support/cli-in-process.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { getText, queueLeaves, settleLog } from '../support/public-log.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const leafHashHex = (text: string) =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.of(0), Buffer.from(text)]))
    .digest('hex');

forEachDatabase('a rewritten public log is caught by log:audit, which names the position', { timeout: 120_000, app: false }, ({ database: tdb }) => {
  let app: TestApp;
  let sql: Sequelize;
  let key: string;
  let saved: Record<string, unknown>[];
  const rows = () =>
    sql.query('SELECT leaf_index, leaf_key, leaf_hash, leaf_text, logged_at FROM log_leaves ORDER BY leaf_index', { type: QueryTypes.SELECT }) as Promise<
      Record<string, unknown>[]
    >;
  const put = async (r: Record<string, unknown>, index: number, text = String(r.leaf_text)) =>
    sql.query('INSERT INTO log_leaves (leaf_index, leaf_key, key_prefix, leaf_hash, hash_prefix, leaf_text, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?)', {
      replacements: [index, r.leaf_key, lookupPrefix(String(r.leaf_key)), leafHashHex(text), lookupPrefix(leafHashHex(text)), text, r.logged_at],
    });
  const audit = () => cliHere(['log:audit', app.url, '--key', key], {});

  before(async () => {
    app = await startTestApp({ DATABASE_URL: tdb.config.url, LOG_ORIGIN: 'tamper.example.go.id/log' });
    await queueLeaves(app, 40);
    await settleLog(app);
    key = (await getText(`${app.url}/log/key`)).text.trim();
    sql = connect(tdb.config);
    saved = await rows();
    expect(saved).to.have.length(40);
  });
  afterEach(async () => {
    // Each case starts from the untouched log.
    await sql.query('DELETE FROM log_leaves');
    for (const r of saved) await put(r, Number(r.leaf_index));
  });
  after(async () => {
    await sql?.close();
    await app?.stop();
  });

  it('passes the untouched log, checking every leaf and a spread of consistency proofs', async () => {
    const r = await audit();
    expect(r.code, r.err).to.equal(0);
    expect(JSON.parse(r.out)).to.include({ ok: true, size: 40, leaves: 40 });
    expect(JSON.parse(r.out).proofsChecked).to.be.greaterThan(40);
  });

  it('names the position of a leaf changed in the database (row and leaf hash rewritten together)', async () => {
    const r7 = saved[7]!;
    await sql.query('DELETE FROM log_leaves WHERE leaf_index = 7');
    await put(r7, 7, String(r7.leaf_text).replace(/number [^\n]*/, 'number 800/999/BKD/2026'));
    const r = await audit();
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.out)).to.include({ ok: false, problem: 'rewritten', position: 7 });
    expect(r.err).to.include('at position 7');
  });

  it('names the position of a leaf removed, the later ones moved up to close the gap', async () => {
    await sql.query('DELETE FROM log_leaves WHERE leaf_index >= 12');
    for (const r of saved.slice(13)) await put(r, Number(r.leaf_index) - 1);
    const r = await audit();
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.out)).to.include({ ok: false, position: 12 });
  });

  it('names the position of a leaf removed leaving a gap', async () => {
    await sql.query('DELETE FROM log_leaves WHERE leaf_index = 30');
    const r = await audit();
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.out)).to.include({ ok: false, problem: 'rewritten', position: 30 });
  });

  it('names the first position of two leaves swapped', async () => {
    await sql.query('DELETE FROM log_leaves WHERE leaf_index IN (20, 21)');
    await put({ ...saved[21]!, leaf_key: saved[21]!.leaf_key }, 20);
    await put({ ...saved[20]! }, 21);
    const r = await audit();
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.out)).to.include({ ok: false, problem: 'rewritten', position: 20 });
  });
});
