import type { Mailer } from '../../ports/mailer.ts';

/** The mailer when SMTP_URL is not set: nothing is queued for email, so nothing is sent. */
export const noMailer = (): Mailer => ({
  configured: false,
  send: async () => ({ status: 'unavailable', reason: 'no mail server is configured (SMTP_URL)' }),
  close: async () => undefined,
});
