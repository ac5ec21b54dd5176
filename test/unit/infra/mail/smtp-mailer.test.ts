import { expect } from 'chai';
import { createServer, type AddressInfo } from 'node:net';
import { classifySmtpError, createSmtpMailer } from '../../../../src/infra/mail/smtp.mailer.ts';
import { startSmtpSink, type SmtpSink } from '../../../support/smtp-sink.ts';

const FROM = 'Naskah <naskah@bkd.example.go.id>';
const message = { to: 'siti@bkd.example.go.id', subject: '[Naskah] Pengingat disposisi', text: 'Disposisi jatuh tempo 2025-03-10 17:00 WIB — due.' };

/** A port nothing listens on. */
const closedPort = async (): Promise<number> => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
};

describe('infra/mail: the SMTP mailer', function () {
  this.timeout(20_000);
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink({ auth: { user: 'naskah', pass: 's3cret:pw' } });
  });
  after(async () => sink?.close());

  it('hands a message to the server with our From, its recipient and UTF-8 text', async () => {
    const mailer = createSmtpMailer({ url: sink.url, from: FROM, timeoutMs: 2000 });
    expect(await mailer.send(message)).to.deep.equal({ status: 'sent' });
    await mailer.close();
    const got = sink.received.at(-1)!;
    expect(got.to).to.deep.equal(['siti@bkd.example.go.id']);
    expect(got.from).to.equal('naskah@bkd.example.go.id');
    expect(got.raw).to.match(/^Subject: \[Naskah\] Pengingat disposisi/m);
    expect(got.raw).to.match(/charset=utf-8/i);
    expect(got.raw).to.include('jatuh tempo 2025-03-10 17:00 WIB');
  });

  it('a refused mailbox is rejected (not to be retried)', async () => {
    sink.refuse.add('nobody@bkd.example.go.id');
    const mailer = createSmtpMailer({ url: sink.url, from: FROM, timeoutMs: 2000 });
    const r = await mailer.send({ ...message, to: 'nobody@bkd.example.go.id' });
    expect(r.status).to.equal('rejected');
  });

  it('a server that cannot be reached, or refuses our login, is unavailable (nothing was handed over)', async () => {
    const down = createSmtpMailer({ url: `smtp://127.0.0.1:${await closedPort()}`, from: FROM, timeoutMs: 2000 });
    expect((await down.send(message)).status).to.equal('unavailable');
    const badLogin = createSmtpMailer({ url: `smtp://naskah:wrong@127.0.0.1:${sink.port}`, from: FROM, timeoutMs: 2000 });
    expect((await badLogin.send(message)).status).to.equal('unavailable');
  });

  it('a line that goes quiet after the message was sent is rejected: it may have arrived, so it is never sent again', async () => {
    sink.stall.add('stalled@bkd.example.go.id');
    const mailer = createSmtpMailer({ url: sink.url, from: FROM, timeoutMs: 300 });
    const r = await mailer.send({ ...message, to: 'stalled@bkd.example.go.id' });
    expect(r.status).to.equal('rejected');
  });

  it('classifies errors by whether the message could have been handed over', () => {
    expect(classifySmtpError({ responseCode: 421, code: 'EENVELOPE' }).status).to.equal('unavailable');
    expect(classifySmtpError({ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }).status).to.equal('unavailable');
    expect(classifySmtpError({ code: 'ESOCKET', command: 'CONN', syscall: 'connect', originalCode: 'ECONNREFUSED' }).status).to.equal('unavailable');
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535 }).status).to.equal('unavailable');
    expect(classifySmtpError({ code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }).status).to.equal('rejected');
    expect(classifySmtpError({ code: 'ECONNECTION', command: 'CONN', message: 'Server closed the connection' }).status).to.equal('rejected');
    expect(classifySmtpError({ code: 'EMESSAGE', responseCode: 552, command: 'DATA' }).status).to.equal('rejected');
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO' }).status).to.equal('rejected');
  });
});
