/** One plain-text email to one person, with files attached (a signed letter). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; contentType: string; content: Uint8Array }[];
}

/**
 * What became of a message:
 * - `sent`: the mail server accepted it;
 * - `unavailable`: the server could not be used at all (unreachable, refused our login, or said
 *   it is shutting down) and surely did not take the message: try it again later;
 * - `rejected`: the server refused it, or the line broke while it was under way so that it may
 *   or may not have been taken: not to be tried again (a message goes out at most once).
 */
export type SendOutcome = { status: 'sent' } | { status: 'unavailable' | 'rejected'; reason: string };

/** Outgoing email (SMTP when configured). */
export interface Mailer {
  /** False when no mail server is configured: nothing is to be queued for email. */
  readonly configured: boolean;
  /** Hands one message to the mail server; never throws for a mail failure, it says what happened. */
  send(message: MailMessage): Promise<SendOutcome>;
  /** Releases connections. */
  close(): Promise<void>;
}
