import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { connect } from '../../src/infra/db/connect.ts';
import { lookupPrefix } from '../../src/infra/db/lookup-prefix.ts';
import { down as downTo013 } from '../../src/infra/db/migrations/014-public-log-prefixes.ts';
import { cliHere } from '../support/cli-in-process.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api } from '../support/http.ts';
import { getText, queueLeaves, settleLog } from '../support/public-log.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Migration 014 (leaves and queue found by a number, not an index on their hashes) carries a log
 * forward: a database left in 011's shape by the version before, with leaves appended and
 * leaves still queued, comes back with every row, its prefixes, and the queue appended once.
 */
forEachDatabase('migration 014 carries the public log forward', { timeout: 120_000, app: false }, ({ database: tdb }) => {
  let app: TestApp;
  let sql: Sequelize;
  const env = () => ({ DATABASE_URL: tdb.config.url, LOG_ORIGIN: 'pindah.example.go.id/log' });
  const rows = (q: string) => sql.query(q, { type: QueryTypes.SELECT }) as Promise<Record<string, unknown>[]>;

  before(async () => {
    app = await startTestApp(env());
    sql = connect(tdb.config);
  });
  after(async () => {
    await sql?.close();
    await app?.stop();
  });

  it('keeps every leaf and queued leaf, fills the prefixes, appends the queue once and still audits clean', async () => {
    const logged = await queueLeaves(app, 30);
    await settleLog(app);
    await app.naskah.logSequencer.stop();
    const waiting = await queueLeaves(app, 5, 100);
    const leavesBefore = await rows('SELECT leaf_index, leaf_key, leaf_hash, leaf_text FROM log_leaves ORDER BY leaf_index');
    expect(leavesBefore).to.have.length(30);
    // The database as the version before 014 left it.
    await downTo013({ context: sql.getQueryInterface() });
    await sql.query("DELETE FROM schema_migrations WHERE name = '014-public-log-prefixes'");
    expect((await rows('SELECT * FROM log_leaves LIMIT 1'))[0]).to.not.have.property('key_prefix');
    expect(await rows('SELECT leaf_key FROM log_queue ORDER BY id')).to.have.length(5);
    await app.stop({ keepData: true });

    app = await startTestApp(env(), { restartOf: app });
    await settleLog(app);
    const after = await rows('SELECT leaf_index, leaf_key, key_prefix, leaf_hash, hash_prefix, leaf_text FROM log_leaves ORDER BY leaf_index');
    expect(after).to.have.length(35);
    expect(
      after.slice(0, 30).map((r) => ({ leaf_index: Number(r.leaf_index), leaf_key: r.leaf_key, leaf_hash: r.leaf_hash, leaf_text: r.leaf_text })),
    ).to.deep.equal(leavesBefore.map((r) => ({ ...r, leaf_index: Number(r.leaf_index) })));
    for (const r of after) {
      expect(Number(r.key_prefix)).to.equal(lookupPrefix(String(r.leaf_key)));
      expect(Number(r.hash_prefix)).to.equal(lookupPrefix(String(r.leaf_hash)));
    }
    expect(after.slice(30).map((r) => r.leaf_key)).to.have.members(waiting);
    expect(await rows('SELECT id FROM log_queue')).to.have.length(0);
    // Found by key (verify answers) and by leaf hash (proofs), through the new indexes.
    const seventh = (await app.naskah.deps.db.publicLog.leafByKey(logged[7]!))!;
    expect(seventh.hash).to.equal(
      createHash('sha256')
        .update(Buffer.concat([Buffer.of(0), Buffer.from(seventh.text)]))
        .digest('hex'),
    );
    const byHash = await api(app, null, 'GET', `/log/proof/inclusion?leaf=${seventh.hash}`);
    expect(byHash.status).to.equal(200);
    expect(byHash.body).to.include({ index: seventh.index, size: 35, leafHash: seventh.hash });
    const key = (await getText(`${app.url}/log/key`)).text.trim();
    const audit = await cliHere(['log:audit', app.url, '--key', key], {});
    expect(JSON.parse(audit.out)).to.include({ ok: true, size: 35, leaves: 35 });
  });

  it('appends a key queued twice once (the queue no longer refuses the second)', async () => {
    await app.naskah.logSequencer.stop();
    const size = (await app.naskah.deps.db.publicLog.head()).size;
    const again = await queueLeaves(app, 2, 500);
    await queueLeaves(app, 2, 500);
    expect(await rows('SELECT id FROM log_queue')).to.have.length(4);
    await settleLog(app);
    expect((await app.naskah.deps.db.publicLog.head()).size).to.equal(size + 2);
    const keys = (await rows(`SELECT leaf_key FROM log_leaves WHERE leaf_index >= ${size}`)).map((r) => r.leaf_key);
    expect(keys).to.have.members(again);
    expect(await rows('SELECT id FROM log_queue')).to.have.length(0);
    // And once more after the first is logged: dropped against the log itself.
    await queueLeaves(app, 1, 500);
    await settleLog(app);
    expect((await app.naskah.deps.db.publicLog.head()).size).to.equal(size + 2);
  });
});
