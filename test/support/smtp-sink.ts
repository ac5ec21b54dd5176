import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Every RCPT TO the server was offered, accepted or not. */
  offered: string[];
  /** Addresses refused at RCPT TO with a 550 (a mailbox that does not exist). */
  refuse: Set<string>;
  /** Messages to these addresses hang after DATA until the client gives up (a line that breaks mid-way). */
  stall: Set<string>;
  close(): Promise<void>;
}

/** A local SMTP server that keeps what it receives (with AUTH when `auth` is given, no TLS). */
export const startSmtpSink = async (o: { auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> => {
  const received: ReceivedMail[] = [];
  const offered: string[] = [];
  const refuse = new Set<string>();
  const stall = new Set<string>();
  const server = new SMTPServer({
    disabledCommands: o.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !o.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (o.auth && auth.username === o.auth.user && auth.password === o.auth.pass) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      offered.push(address.address);
      if (refuse.has(address.address)) cb(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((a) => a.address);
        if (to.some((a) => stall.has(a))) return; // never answers: the client times out not knowing
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to, raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const creds = o.auth ? `${encodeURIComponent(o.auth.user)}:${encodeURIComponent(o.auth.pass)}@` : '';
  return {
    port,
    url: `smtp://${creds}127.0.0.1:${port}`,
    received,
    offered,
    refuse,
    stall,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
