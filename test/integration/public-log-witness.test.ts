import { expect } from 'chai';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { witnessLog } from '../../src/app/public-log/witness-log.ts';
import { checkpointText } from '../../src/domain/public-log/checkpoint.ts';
import { leafText } from '../../src/domain/public-log/leaf.ts';
import { parseVerifierKey, signerFromSeed, signNote, verifierKey } from '../../src/domain/public-log/signed-note.ts';
import { cliHere } from '../support/cli-in-process.ts';
import { everything } from '../support/sign-office.ts';
import { getText, queueLeaves, settleLog } from '../support/public-log.ts';
import { mth, path as rfcPath, proof as rfcProof } from '../support/rfc9162.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const leaf = (i: number, variant = '') =>
  Buffer.from(
    leafText({
      kind: 'letter',
      number: `900/${i}/X/2026${variant}`,
      sha256: createHash('sha256').update(`${i}${variant}`).digest('hex'),
      certificate: 'c'.repeat(64),
      signedAt: new Date(Date.UTC(2026, 0, 1)),
    }),
  );

/**
 * A log that lies: it signs (with its real key) a different tree for each face it shows, as a
 * dishonest office would show one head to one witness and another to the next.
 */
const lyingLog = async () => {
  const signer = signerFromSeed('lying.example.go.id/log', Buffer.alloc(32, 42));
  const faces: Record<string, Buffer[]> = {};
  const cosigned: string[] = [];
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const [, face, ...rest] = u.pathname.split('/');
    const d = faces[face ?? ''];
    const route = `/${rest.join('/')}`;
    const json = (v: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(v));
    if (!d) return void res.writeHead(404).end();
    if (route === '/log/checkpoint')
      return void res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(signNote(checkpointText({ origin: signer.name, size: d.length, root: mth(d), extensions: [] }), signer));
    if (route === '/log/proof/consistency')
      return json({
        consistencyProof: rfcProof(Number(u.searchParams.get('from')), d.slice(0, Number(u.searchParams.get('to')))).map((h) => h.toString('hex')),
      });
    if (route === '/log/proof/inclusion')
      return json({
        inclusionProof: rfcPath(Number(u.searchParams.get('leaf')), d.slice(0, Number(u.searchParams.get('size')))).map((h) => h.toString('hex')),
      });
    if (route === '/log/leaves')
      return json({
        leaves: d
          .slice(Number(u.searchParams.get('start')), Number(u.searchParams.get('end')))
          .map((l, i) => ({ index: Number(u.searchParams.get('start')) + i, text: l.toString() })),
      });
    if (route === '/log/cosignature' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        cosigned.push(`${face}:${body}`);
        res.writeHead(201).end('{}');
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address() as { port: number };
  return {
    signer,
    faces,
    cosigned,
    url: (face: string) => `http://127.0.0.1:${addr.port}/${face}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};

describe("witnesses: offices cosign each other's logs and catch split views and rewrites", function () {
  this.timeout(120_000);
  let a: TestApp;
  let b: TestApp;
  let liar: Awaited<ReturnType<typeof lyingLog>>;
  const keyOf = async (app: TestApp) => parseVerifierKey((await getText(`${app.url}/log/key`)).text)!;

  before(async () => {
    a = await startTestApp({ LOG_ORIGIN: 'a.example.go.id/log' });
    b = await startTestApp({ LOG_ORIGIN: 'b.example.go.id/log' });
    liar = await lyingLog();
    const [ka, kb] = [await keyOf(a), await keyOf(b)];
    const lk = parseVerifierKey(verifierKey(liar.signer))!;
    // What LOG_WITNESSES would say, set after start because the ports are chosen then.
    a.naskah.deps.publicLog.witnesses.push({ url: b.url, key: kb }, { url: liar.url('face-a'), key: lk });
    b.naskah.deps.publicLog.witnesses.push({ url: a.url, key: ka }, { url: liar.url('face-b'), key: lk });
  });
  after(async () => {
    await liar?.close();
    await a?.stop();
    await b?.stop();
  });

  it('cosigns an honest log, which publishes the cosignature with its checkpoint; a grown log is checked for consistency first', async () => {
    await queueLeaves(a, 5);
    await settleLog(a);
    const onA = b.naskah.deps.publicLog.witnesses[0]!; // B's entry for A's log
    expect(await witnessLog(b.naskah.deps, onA)).to.deep.equal({ ok: true, size: 5 });
    const note = (await getText(`${a.url}/log/checkpoint`)).text;
    const lines = note
      .slice(note.indexOf('\n\n') + 2)
      .trim()
      .split('\n');
    expect(lines).to.have.length(2);
    const cosig = lines.find((l) => l.startsWith('\u2014 b.example.go.id/log '))!;
    const raw = Buffer.from(cosig.split(' ')[2]!, 'base64');
    const kb = await keyOf(b);
    const text = note.slice(0, note.indexOf('\n\n') + 1);
    const pub = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), kb.publicKey]), format: 'der', type: 'spki' });
    expect(
      verify(null, Buffer.from(`cosignature/v1\ntime ${raw.readBigUInt64BE(4)}\n${text}`), pub, raw.subarray(12)),
      'an Ed25519 check of the cosignature',
    ).to.equal(true);
    await queueLeaves(a, 4, 100);
    await settleLog(a);
    expect(await witnessLog(b.naskah.deps, onA)).to.deep.equal({ ok: true, size: 9 });
    expect((await b.naskah.deps.db.publicLog.witnessView('a.example.go.id/log'))?.size).to.equal(9);
  });

  it('catches a log that shows two heads for one size to two witnesses, names the size, raises the alarm and cosigns neither', async () => {
    liar.faces['face-a'] = [leaf(0), leaf(1), leaf(2)];
    liar.faces['face-b'] = [leaf(0), leaf(1, 'changed'), leaf(2)];
    const wB = b.naskah.deps.publicLog.witnesses[1]!;
    const wA = a.naskah.deps.publicLog.witnesses[1]!;
    // B sees its face first and, knowing no other view yet, cosigns it.
    expect(await witnessLog(b.naskah.deps, wB)).to.deep.equal({ ok: true, size: 3 });
    // A is shown the other face; B publishes what it saw, so A finds two signed heads of size 3.
    const r = await witnessLog(a.naskah.deps, wA);
    expect(r).to.deep.include({ ok: false, kind: 'split-view', position: 3 });
    expect(liar.cosigned.filter((c) => c.startsWith('face-a:'))).to.have.length(0);
    const alarm = (await a.naskah.deps.db.audit.list({ action: 'public_log.split-view' }, everything, 1, 10)).items;
    expect(alarm).to.have.length(1);
    expect(alarm[0]!.details).to.include({ position: 3 });
    const notes = await fetch(`${a.url}/api/v1/notifications`, { headers: { authorization: `Bearer ${a.adminToken}` } }).then(
      (x) => x.json() as Promise<{ items: { kind: string; message: string }[] }>,
    );
    expect(
      notes.items.some((n) => n.kind === 'log_alarm' && n.message.includes('posisi 3')),
      JSON.stringify(notes),
    ).to.equal(true);
    // An inspector comparing the log with what B saw finds the same.
    const audit = await cliHere(['log:audit', liar.url('face-a'), '--key', verifierKey(liar.signer), '--witness', b.url], {});
    expect(audit.code).to.equal(1);
    expect(JSON.parse(audit.out)).to.include({ ok: false, problem: 'split-view', position: 3 });
    expect(audit.err).to.include('at position 3');
  });

  it('catches a log rewritten under a witness: the new head does not extend the one it cosigned', async () => {
    liar.faces['face-b'] = [leaf(0), leaf(1, 'again'), leaf(2), leaf(3)];
    const r = await witnessLog(b.naskah.deps, b.naskah.deps.publicLog.witnesses[1]!);
    expect(r).to.deep.include({ ok: false, kind: 'rewritten', position: 3 });
    expect((await b.naskah.deps.db.audit.list({ action: 'public_log.rewritten' }, everything, 1, 10)).total).to.equal(1);
    // It still holds the head it last accepted.
    expect((await b.naskah.deps.db.publicLog.witnessView('lying.example.go.id/log'))?.size).to.equal(3);
  });
});
