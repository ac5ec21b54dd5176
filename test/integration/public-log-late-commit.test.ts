import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { queueLogLeaf } from '../../src/app/public-log/queue-leaf.ts';
import { sequenceLog } from '../../src/app/public-log/sequence-log.ts';
import { forEachDatabase } from '../support/for-each-database.ts';

const leaf = (n: number) => ({
  subjectType: 'outgoing' as const,
  number: `1/${n}`,
  sha256: createHash('sha256').update(`slow ${n}`).digest('hex'),
  certificateSha256: 'c'.repeat(64),
  signedAt: new Date(),
  now: new Date(),
});

/**
 * On MySQL a queue row's id is taken at its INSERT, not at its commit: a signing that queued
 * first may commit after one that queued later, and after a sequencer took the later one. Its
 * leaf must wait for the next batch, not be lost. (SQLite runs one write transaction at a time,
 * so the case cannot arise there.)
 */
forEachDatabase('the public log never loses a leaf committed after a later one', { timeout: 120_000, only: 'mysql' }, ({ app }) => {
  before(async () => {
    await app.naskah.logSequencer.stop(); // sequenced by hand below
  });

  it('appends a leaf queued first but committed last in the next batch', async () => {
    let release!: () => void;
    let queued!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const isQueued = new Promise<void>((r) => (queued = r));
    const slow = app.naskah.deps.db.transaction(async (tx) => {
      await queueLogLeaf(tx, leaf(1));
      queued();
      await held;
    });
    await isQueued;
    await app.naskah.deps.db.transaction((tx) => queueLogLeaf(tx, leaf(2)));
    expect((await sequenceLog(app.naskah.deps))?.size).to.equal(1);
    release();
    await slow;
    expect((await sequenceLog(app.naskah.deps))?.size).to.equal(2);
    const texts = (await app.naskah.deps.db.publicLog.leaves(0, 2)).map((l) => l.text);
    expect(texts[0]).to.include(leaf(2).sha256);
    expect(texts[1]).to.include(leaf(1).sha256);
    expect(await sequenceLog(app.naskah.deps)).to.equal(null);
  });
});
