import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import { SEND_EMAIL_JOB } from '../../domain/job-types.ts';
import { externalEmailRecipients, type LetterEmailRecord } from '../../domain/letter-emails.ts';
import type { OutgoingLetterRecord } from '../../domain/correspondence.ts';
import { indonesianDate } from '../../domain/outgoing-rules.ts';
import { calendarDateIn } from '../../domain/office-time.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import type { SendOutcome } from '../notifications/send-email.ts';
import { verifyUrlOf } from './read-outgoing.ts';

/**
 * Once a letter is signed, in the signing's transaction: an e-mail row and a `send-email` job
 * for each external addressee or copy with an address (none without a mail server, nor for a
 * letter above biasa: the letter then leaves by the other ways a clerk records). A retried
 * signing adds none twice.
 */
export const queueLetterEmails = async (deps: AppDeps, tx: Pick<Repositories, 'letterEmails' | 'jobs'>, letter: OutgoingLetterRecord): Promise<void> => {
  // Plain e-mail is no channel for a classified letter: only letters of level biasa leave this way.
  if (!deps.mailer.configured || letter.securityLevel !== 'biasa') return;
  const already = new Set((await tx.letterEmails.ofLetter(letter.id)).map((e) => e.address.toLowerCase()));
  const now = deps.clock.now();
  for (const [position, r] of externalEmailRecipients(letter.addressees, letter.copies).entries()) {
    if (already.has(r.address.toLowerCase())) continue;
    const id = randomUUID();
    await tx.letterEmails.create({ id, letterId: letter.id, position, ...r, state: 'pending', reason: null, sentAt: null, createdAt: now, updatedAt: now });
    await tx.jobs.enqueue({ type: SEND_EMAIL_JOB, payload: { letterEmailId: id }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
  }
};

/** The message: the signed PDF attached, and where anyone can check it is genuine. */
const messageFor = async (deps: AppDeps, e: LetterEmailRecord, letter: OutgoingLetterRecord, code: string) => {
  const doc = letter.signedDocumentId ? await deps.db.documents.findById(letter.signedDocumentId) : null;
  if (!doc || !letter.letterNumber || !letter.signedAt) return null;
  const pdf = await deps.blobs.getBuffer(doc.storageKey);
  const unit = (await deps.db.units.all()).find((u) => u.code === letter.unitCode)?.name ?? letter.unitCode;
  const date = indonesianDate(calendarDateIn(letter.signedAt, deps.officeTimeZone));
  const text = [
    `Yth. ${e.name},`,
    '',
    `Bersama surel ini kami sampaikan surat ${unit} nomor ${letter.letterNumber} tanggal ${date} perihal ${letter.subject}, yang ditandatangani secara elektronik (terlampir, PDF).`,
    '',
    'Keaslian surat dapat diperiksa di:',
    verifyUrlOf(deps, code),
    '',
    `— ${unit}`,
  ].join('\n');
  const filename = `surat-${letter.letterNumber.replace(/[^A-Za-z0-9.-]+/g, '-')}.pdf`;
  return {
    to: e.address,
    subject: `Surat ${letter.letterNumber}: ${letter.subject}`,
    text,
    attachments: [{ filename, contentType: 'application/pdf', content: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) }],
  };
};

/**
 * The `send-email` job for a letter's e-mail, at most once, as for a notification's (see
 * sendNotificationEmail): the message is made first (reading the signed PDF), then the row goes
 * `pending → sending` before the mail server is called; unreachable → back to `pending` and a
 * 503 (retried without spending an attempt); refused → `failed`, on the failed-jobs page. Sent
 * and failed are audited.
 */
export const sendLetterEmail = async (deps: AppDeps, input: { letterEmailId: string }): Promise<SendOutcome> => {
  const e = await deps.db.letterEmails.findById(input.letterEmailId);
  if (!e || (e.state !== 'pending' && e.state !== 'failed')) return 'not-pending';
  const letter = await deps.db.outgoing.findById(e.letterId);
  const signed = await deps.db.signedLetters.findByLetter(e.letterId);
  const message = letter && signed && deps.mailer.configured ? await messageFor(deps, e, letter, signed.code) : null;
  if (!(await deps.db.letterEmails.setState(e.id, e.state, 'sending', deps.clock.now()))) return 'not-pending'; // another process has it
  if (!message) {
    await deps.db.letterEmails.setState(e.id, 'sending', 'failed', deps.clock.now(), { reason: 'no mail server, or the signed letter is missing' });
    return 'dropped';
  }
  const r = await deps.mailer.send(message);
  if (r.status === 'unavailable') {
    await deps.db.letterEmails.setState(e.id, 'sending', 'pending', deps.clock.now());
    throw new AppError('unavailable', `the mail server cannot be used: ${r.reason}`, { backend: 'mail' });
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.letterEmails.setState(e.id, 'sending', r.status === 'sent' ? 'sent' : 'failed', now, r.status === 'sent' ? { sentAt: now } : { reason: r.reason });
    await tx.audit.append({
      at: now,
      actorId: null,
      action: 'letter.outgoing_email',
      targetType: 'outgoing_letter',
      targetId: e.letterId,
      details: { address: e.address, kind: e.kind, state: r.status === 'sent' ? 'sent' : 'failed', ...(r.status === 'sent' ? {} : { reason: r.reason }) },
    });
  });
  if (r.status !== 'sent') throw new AppError('invalid', `the mail server refused the message: ${r.reason}`);
  return 'sent';
};

/** A job that gave up for another reason (the database, say): its e-mail is failed, as a refused one. */
export const markLetterEmailFailed = async (deps: AppDeps, letterEmailId: string, reason: string): Promise<void> => {
  await deps.db.letterEmails.setState(letterEmailId, 'pending', 'failed', deps.clock.now(), { reason });
};
