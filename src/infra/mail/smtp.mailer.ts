import nodemailer from 'nodemailer';
import type { Mailer, SendOutcome } from '../../ports/mailer.ts';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465. */
  url: string;
  /** The From address, e.g. "Naskah <naskah@bkd.example.go.id>". */
  from: string;
  timeoutMs?: number;
}

interface SmtpError {
  code?: string;
  command?: string;
  responseCode?: number;
  syscall?: string;
  originalCode?: string;
  timeoutType?: string;
  message?: string;
}

// Failures that happen before the server could have received a message: it is safe to try again.
const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']);
const BEFORE_MESSAGE_CODES = new Set(['EDNS', 'EAUTH', 'ENOAUTH', 'ETLS', 'EPROXY', 'ECONFIG']);
const BEFORE_MESSAGE_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/**
 * What a nodemailer error means for at-most-once delivery. Only a failure that surely came before
 * the message was handed over (no connection, no greeting, TLS or login refused, a 421 "closing")
 * is `unavailable`, to be tried later. A refusal of the message, or a line that broke while it was
 * under way (it may have been accepted), is `rejected` and never retried.
 */
export const classifySmtpError = (e: SmtpError): SendOutcome => {
  const reason = `${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.message ?? 'unknown'}`.slice(0, 500);
  const unavailable =
    e.responseCode === 421 ||
    BEFORE_MESSAGE_CODES.has(e.code ?? '') ||
    e.syscall === 'connect' ||
    CONNECT_CODES.has(e.originalCode ?? '') ||
    (e.code === 'ETIMEDOUT' && BEFORE_MESSAGE_TIMEOUTS.has(e.timeoutType ?? ''));
  return { status: unavailable ? 'unavailable' : 'rejected', reason };
};

/**
 * SMTP through nodemailer. One connection per message, never the pool: the pool re-sends a
 * message whose connection closed, which could deliver it twice.
 */
export const createSmtpMailer = (o: SmtpMailerOptions): Mailer => {
  const timeout = o.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url: o.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 4,
    dnsTimeout: timeout,
  });
  return {
    configured: true,
    async send(m) {
      try {
        const attachments = (m.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) }));
        const info = await transport.sendMail({ from: o.from, to: m.to, subject: m.subject, text: m.text, attachments });
        return info.accepted.length > 0 ? { status: 'sent' } : { status: 'rejected', reason: `the server accepted no recipient: ${info.response}` };
      } catch (e) {
        return classifySmtpError(e as SmtpError);
      }
    },
    async close() {
      transport.close();
    },
  };
};
