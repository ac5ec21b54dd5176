import { expect } from 'chai';
import { letterInLog } from '../../src/app/public-log/letter-in-log.ts';
import { witnessLog } from '../../src/app/public-log/witness-log.ts';
import { parseVerifierKey, signerFromSeed, verifierKey } from '../../src/domain/public-log/signed-note.ts';
import { cliHere } from '../support/cli-in-process.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, expectProblem } from '../support/http.ts';
import { getText, queueLeaves, readSignedCheckpoint, settleLog } from '../support/public-log.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A verifier requiring k cosignatures (issue 20): `log:audit --witness-key … --require-cosignatures k`,
 * `GET /log/checkpoint?cosignatures=k` and the verify answers' `?cosignatures=k`, with two real
 * witnessing offices (B and C) cosigning office A's log. Office A's log runs on each database.
 */
forEachDatabase("a verifier can require k witness cosignatures on the log's checkpoint", { timeout: 180_000, app: false }, ({ database: tdb }) => {
  let a: TestApp;
  let b: TestApp;
  let c: TestApp;
  const keys: Record<string, string> = {};
  let leafKeys: string[] = [];
  const audit = (witnessKeys: string[], k: number) =>
    cliHere(['log:audit', a.url, '--key', keys.a!, '--witness-key', witnessKeys.join(','), '--require-cosignatures', String(k)], {});
  const witness = (by: TestApp) => witnessLog(by.naskah.deps, { url: a.url, key: parseVerifierKey(keys.a!)! });

  before(async () => {
    a = await startTestApp({ DATABASE_URL: tdb.config.url, LOG_ORIGIN: 'a.example.go.id/log' });
    b = await startTestApp({ LOG_ORIGIN: 'b.example.go.id/log' });
    c = await startTestApp({ LOG_ORIGIN: 'c.example.go.id/log' });
    for (const [n, app] of Object.entries({ a, b, c })) keys[n] = (await getText(`${app.url}/log/key`)).text.trim();
    // What LOG_WITNESSES would say on A: it keeps cosignatures by B and C only.
    a.naskah.deps.publicLog.witnesses.push({ url: b.url, key: parseVerifierKey(keys.b!)! }, { url: c.url, key: parseVerifierKey(keys.c!)! });
    leafKeys = await queueLeaves(a, 5);
    await settleLog(a);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    await c?.stop();
  });

  it('passes with one cosignature required once B cosigned, and fails clearly with two, naming what it found', async () => {
    const none = await audit([keys.b!, keys.c!], 1);
    expect(none.code).to.equal(1);
    expect(JSON.parse(none.out)).to.include({ ok: false, problem: 'too-few-cosignatures' });
    expect(JSON.parse(none.out).detail).to.include('answered 404: no checkpoint of this log is cosigned by 1 of the 2 witnesses it trusts yet');

    expect(await witness(b)).to.deep.equal({ ok: true, size: 5 });
    const one = await audit([keys.b!, keys.c!], 1);
    expect(one.code, one.err).to.equal(0);
    expect(JSON.parse(one.out)).to.deep.include({ ok: true, size: 5, leaves: 5, cosignedBy: ['b.example.go.id/log'] });

    const two = await audit([keys.b!, keys.c!], 2);
    expect(two.code).to.equal(1);
    expect(JSON.parse(two.out)).to.include({ ok: false, problem: 'too-few-cosignatures', position: null });
    expect(two.err).to.include('failed the audit');
    expect(expectProblem(await api(a, null, 'GET', '/log/checkpoint?cosignatures=2'), 404).detail).to.include('cosigned by 2 of the 2 witnesses');
  });

  it('counts only the keys the verifier gave: a cosignature by a key it does not know, or a known name with another key, is not one', async () => {
    const impostor = verifierKey(signerFromSeed('b.example.go.id/log', Buffer.alloc(32, 7)));
    const r = await audit([impostor, keys.c!], 1);
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.out)).to.include({ problem: 'too-few-cosignatures' });
    expect(JSON.parse(r.out).detail).to.include('carries 0 (none)');
    // Asking for more cosignatures than keys given is a usage error, before any fetch.
    const usage = await audit([keys.b!], 2);
    expect(usage.code).to.not.equal(0);
    expect(usage.err).to.include('needs at least 2 keys');
  });

  it('audits the newest head k witnesses cosigned, not the newest head: a grown log passes once both cosigned it', async () => {
    leafKeys.push(...(await queueLeaves(a, 4, 100)));
    await settleLog(a);
    expect(readSignedCheckpoint((await getText(`${a.url}/log/checkpoint`)).text, keys.a!).size).to.equal(9);
    // The newest checkpoint carries no cosignature yet; the one B cosigned still serves k = 1.
    expect(JSON.parse((await audit([keys.b!, keys.c!], 1)).out)).to.deep.include({ ok: true, size: 5, cosignedBy: ['b.example.go.id/log'] });
    // A letter in the new leaves is pending for a verifier requiring one cosignature, with the reason.
    // Queued concurrently: which of the four lands where is the database's choice; each is at 5 or beyond.
    const lateKey = leafKeys[leafKeys.length - 1]!;
    const at = (await a.naskah.deps.db.publicLog.leafByKey(lateKey))!.index;
    expect(at).to.be.within(5, 8);
    const late = await letterInLog(a.naskah.deps, lateKey, { cosignatures: 1 });
    expect(late).to.deep.include({ recorded: true, index: at, pending: true, cosignaturesRequired: 1 });
    expect((late as { detail?: string }).detail).to.include('cosigned yet by 1 of the 2 witnesses');

    expect(await witness(c)).to.deep.equal({ ok: true, size: 9 });
    // Size 5 is cosigned by B only, size 9 by C only: no head has two.
    expect(JSON.parse((await audit([keys.b!, keys.c!], 2)).out)).to.include({ problem: 'too-few-cosignatures' });
    expect(await witness(b)).to.deep.equal({ ok: true, size: 9 });
    const both = await audit([keys.b!, keys.c!], 2);
    expect(both.code, both.out).to.equal(0);
    expect(JSON.parse(both.out)).to.deep.include({ ok: true, size: 9, leaves: 9, cosignedBy: ['b.example.go.id/log', 'c.example.go.id/log'] });
    const served = await getText(`${a.url}/log/checkpoint?cosignatures=2`);
    expect(served.status).to.equal(200);
    expect(
      served.text
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('\u2014 ')),
    ).to.have.length(3);

    const inLog = await letterInLog(a.naskah.deps, lateKey, { cosignatures: 2 });
    expect(inLog).to.deep.include({ recorded: true, index: at, size: 9, verified: true, cosignaturesRequired: 2 });
    expect((inLog as { cosignedBy: string[] }).cosignedBy).to.have.members(['b.example.go.id/log', 'c.example.go.id/log']);
  });

  it('refuses a number of cosignatures that is not one, on the checkpoint and on the verify answers', async () => {
    expectProblem(await api(a, null, 'GET', '/log/checkpoint?cosignatures=many'), 422);
    expectProblem(await api(a, null, 'GET', '/log/checkpoint?cosignatures=-1'), 422);
    const v = await fetch(`${a.url}/verify/${'A'.repeat(24)}?cosignatures=x`, { headers: { accept: 'application/json' } });
    expect(v.status).to.equal(422);
  });
});
