import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../../domain/access.ts';
import type { OutgoingLetterRecord } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import { calendarDateIn } from '../../domain/office-time.ts';
import { hasRole } from '../../domain/roles.ts';
import { base32Encode } from '../../domain/totp.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { originalKey } from '../documents/keys.ts';
import { keepStaged } from '../documents/keep-staged.ts';
import { retentionForNew } from '../records/retention-scheme.ts';
import { assignLetterNumber, planLetterNumber } from '../outgoing/assign-letter-number.ts';
import { deliverInternally, type DeliveryPlan, planDelivery } from '../outgoing/deliver-internally.ts';
import { queueLetterEmails } from '../outgoing/email-externally.ts';
import { notifyOutgoing } from '../outgoing/notify-outgoing.ts';
import { visibleOutgoing } from '../outgoing/read-outgoing.ts';
import { officeName } from './office-ca.ts';
import { type LetterToSign, makeSignedPdf, prepareLetter, type SignedLetterPdf } from './signed-letter-pdf.ts';
import { recordProviderCertificate } from './provider-certificate.ts';
import { requireSecondFactorInput, type UnlockedKey, unlockSigningKey, usableCertificate } from './signing-credential.ts';
import { trustAnchorCertificates } from './trust-anchors.ts';
import { revocationListsFor } from './validation-data.ts';
import { verifyUrlOf } from '../outgoing/read-outgoing.ts';
import { EXTRACT_JOB } from '../../domain/job-types.ts';
import { queueLogLeaf } from '../public-log/queue-leaf.ts';

/** How long a signing may hold its letter; a process that dies mid-signing frees it after this. */
const CLAIM_MS = 2 * 60_000;

/** 120 random bits as 24 letters and digits (A–Z, 2–7): unguessable, printable, readable aloud. */
export const newVerificationCode = (): string => base32Encode(randomBytes(15));

export interface SignInput {
  pin: string;
  totp?: string | undefined;
}

/**
 * A key opened once for many letters (batch signing): the PIN and code were checked already, so
 * each letter skips them; the certificate it belongs to must still be the signer's current one.
 */
export interface OpenedKey {
  unlocked: UnlockedKey;
  certificateId: string;
}

/** The optimistic attempt guessed a number someone else took meanwhile. */
class NumberMoved extends Error {}

/**
 * Signs an approved outgoing letter as its named signer (issue 5): the number is taken, the
 * final PDF made (template letters rendered again, uploaded drafts rewritten clean), stamped with
 * the visible block and QR code, signed once (PAdES; timestamped when TSA_URL is set), archived
 * as an `outgoing` document and registered by SHA-256 and verification code. The status
 * (approved → signed, a compare-and-set), number, document row, its extraction job, read grants,
 * register row and audit entry commit in one transaction.
 *
 * Order, so that two signings of one letter give one 200 and one 409 and a number is used only
 * by a signing that commits:
 *  1. checks that change nothing (visible, the named signer, approved, a usable certificate, a
 *     second-factor code sent);
 *  2. a claim on the letter (a row with a lease): a second signing gets 409 here, before it
 *     spends its code or tries its PIN;
 *  3. the code and the PIN (counted for back-off), the letter made ready — all outside any
 *     transaction;
 *  4. the number. It is printed on the letter, so the PDF can be signed only once it is known;
 *     but a gap-free number may only be taken inside the transaction that marks the letter
 *     signed. First optimistically: predict it (the counter's value + 1), sign outside the
 *     database, then in the transaction take the number and commit only if it is the one
 *     predicted. If another signing of the same unit took it meanwhile, sign again inside the
 *     transaction while it holds the counter (stamp + sign + verify, tens of milliseconds), so
 *     every signing finishes after at most two tries and none waits for another's key work
 *     unless they raced for a number.
 */
export const signOutgoing = async (deps: AppDeps, actor: Actor, id: string, input: SignInput | OpenedKey, ctx: { ip?: string | undefined } = {}) => {
  const letter = await visibleOutgoing(deps, actor, id);
  if (letter.signerId !== actor.id) throw new AppError('forbidden', 'only the signer named on the letter signs it');
  if (!hasRole(actor, 'official')) throw new AppError('forbidden', 'only officials sign letters; you no longer hold that role');
  assertApproved(letter);
  const at = deps.clock.now();
  const user = await deps.db.users.findById(actor.id);
  if (!user) throw new AppError('unauthenticated', 'the account no longer exists');
  await recordProviderCertificate(deps, actor, user);
  const cert = await usableCertificate(deps, actor.id, at);
  const opened = 'unlocked' in input ? input : null;
  const typed = 'unlocked' in input ? null : { pin: input.pin, totp: requireSecondFactorInput(user, input.totp) };
  if (opened && opened.certificateId !== cert.id) throw new AppError('conflict', 'your signing certificate changed while signing; sign again with the new one');

  const holder = randomUUID();
  if (!(await deps.db.signedLetters.claim(id, holder, at, new Date(at.getTime() + CLAIM_MS))))
    throw new AppError('conflict', 'this letter is being signed right now', { problemType: 'letter-being-signed' });
  try {
    // A signing that finished just before our claim released it in its commit: look again.
    const fresh = await deps.db.outgoing.findById(id);
    if (!fresh) throw new AppError('not_found', 'no such letter');
    assertApproved(fresh);
    const unlocked = typed ? await unlockSigningKey(deps, actor, user, cert, { ...typed, letterId: id, ip: ctx.ip }) : opened!.unlocked;
    const prepared = await prepareLetter(deps, fresh, user, cert, at);
    const plan = await planLetterNumber(deps, fresh, at);
    const delivery = await planDelivery(deps, fresh, at);
    const common = {
      code: newVerificationCode(),
      at,
      anchors: await trustAnchorCertificates(deps),
      officeName: await officeName(deps),
      crls: await revocationListsFor(deps, cert),
    };
    const make = (letterNumber: string) => makeSignedPdf(deps, prepared, unlocked.key, { ...common, letterNumber });
    const commit = committer(deps, actor, fresh, prepared, cert, { code: common.code, holder, at, delivery });

    const predicted = (await deps.db.signedLetters.counterValue(plan.scope)) + 1;
    // A secret only the signing proves (a remote passphrase) is refused here, outside any transaction.
    const guess = await make(plan.format(predicted)).catch(unlocked.refused);
    await unlocked.accepted();
    const guessKey = await storePdf(deps, guess);
    try {
      return signed(
        deps,
        await deps.db.transaction(async (tx) => {
          const n = await assignLetterNumber(tx, plan);
          if (n.sequence !== predicted) throw new NumberMoved();
          return commit(tx, n.letterNumber, guess, guessKey);
        }),
      );
    } catch (e) {
      await forgetPdf(deps, guess, guessKey);
      if (!(e instanceof NumberMoved)) throw e;
    }
    const made: { pdf?: SignedLetterPdf; key?: string } = {};
    try {
      return signed(
        deps,
        await deps.db.transaction(async (tx) => {
          const n = await assignLetterNumber(tx, plan);
          made.pdf = await make(n.letterNumber);
          made.key = await storePdf(deps, made.pdf);
          return commit(tx, n.letterNumber, made.pdf, made.key);
        }),
      );
    } catch (e) {
      if (made.pdf && made.key) await forgetPdf(deps, made.pdf, made.key);
      throw e;
    }
  } finally {
    // Committed signings released it in their transaction; this frees it after a failure.
    await deps.db.signedLetters.release(id, holder).catch(() => undefined);
  }
};

/** After the commit: the extraction job may start now, and the public log may take its leaf. */
const signed = <T>(deps: AppDeps, result: T): T => {
  deps.jobsEnqueued?.();
  deps.logQueued?.();
  return result;
};

const assertApproved = (letter: OutgoingLetterRecord): void => {
  if (letter.status === 'signed')
    throw new AppError('conflict', `the letter is signed already${letter.letterNumber ? ` as ${letter.letterNumber}` : ''}`, {
      problemType: 'letter-signed-already',
    });
  if (letter.status !== 'approved')
    throw new AppError('conflict', `the letter is ${letter.status.replace('_', ' ')}; only a letter every reviewer approved is signed`, {
      problemType: 'letter-not-approved',
    });
};

/** Durably stores the signed PDF under its content address, before the transaction that records it. */
const storePdf = async (deps: AppDeps, pdf: SignedLetterPdf): Promise<string> => {
  const staged = await deps.staging.write(Readable.from([Buffer.from(pdf.pdf.buffer, pdf.pdf.byteOffset, pdf.pdf.byteLength)]), {
    maxBytes: Number.MAX_SAFE_INTEGER,
  });
  try {
    const key = originalKey(staged.sha256);
    await keepStaged(deps.blobs, key, staged, 'application/pdf');
    return key;
  } finally {
    await deps.staging.discard(staged.path);
  }
};

/** Removes a stored PDF whose transaction did not commit (unless some document row names it after all). */
const forgetPdf = async (deps: AppDeps, pdf: SignedLetterPdf, key: string): Promise<void> => {
  try {
    if (!(await deps.db.documents.findBySha256(pdf.sha256))) await deps.blobs.delete(key);
  } catch {
    // Left for `reconcile` to report as an orphan; the signing's own error matters more.
  }
};

/** The writes of a signing, for one transaction. */
const committer =
  (
    deps: AppDeps,
    actor: Actor,
    letter: OutgoingLetterRecord,
    prepared: LetterToSign,
    cert: { id: string; serial: string; sha256: string },
    o: { code: string; holder: string; at: Date; delivery: DeliveryPlan },
  ) =>
  async (tx: Repositories, letterNumber: string, pdf: SignedLetterPdf, storageKey: string) => {
    const { code, at } = o;
    const now = deps.clock.now();
    const documentId = randomUUID();
    if (!(await tx.outgoing.setStatus(letter.id, 'approved', 'signed', { letterNumber, signedAt: at, signedDocumentId: documentId }, now))) {
      throw new AppError('conflict', 'the letter was signed or changed a moment ago');
    }
    const documentDate = calendarDateIn(at, deps.officeTimeZone);
    await tx.documents.create(
      {
        id: documentId,
        kind: 'outgoing',
        title: `${letterNumber} ${letter.subject}`.slice(0, 500),
        sha256: pdf.sha256,
        size: pdf.pdf.byteLength,
        mimeType: 'application/pdf',
        storageKey,
        originalName: `surat-keluar-${letterNumber.replace(/[^A-Za-z0-9.-]+/g, '-')}.pdf`,
        pages: pdf.pages,
        classificationCode: letter.classificationCode,
        securityLevel: letter.securityLevel,
        unitCode: letter.unitCode,
        documentDate,
        tags: [],
        letterNumber,
        sender: null,
        createdBy: actor.id,
        batchId: null,
        retention: await retentionForNew(deps, { kind: 'outgoing', classificationCode: letter.classificationCode, documentDate }, tx),
      },
      now,
    );
    // Whoever was given the draft (reviewers, the signer) may read what it became.
    await tx.readers.grant(documentId, [...new Set([...(await tx.readers.of(letter.documentId)), letter.signerId])], 'outgoing_signed', now);
    await tx.jobs.enqueue({ type: EXTRACT_JOB, payload: { documentId }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
    await tx.signedLetters.register({
      code,
      letterId: letter.id,
      documentId,
      sha256: pdf.sha256,
      letterNumber,
      subject: letter.subject,
      securityLevel: letter.securityLevel,
      signerId: letter.signerId,
      signerName: prepared.name,
      signerTitle: prepared.title,
      certificateId: cert.id,
      certificateSerial: cert.serial,
      signedAt: at,
      timestamped: pdf.timestamped,
    });
    await queueLogLeaf(tx, { subjectType: 'outgoing', number: letterNumber, sha256: pdf.sha256, certificateSha256: cert.sha256, signedAt: at, now });
    await tx.signedLetters.release(letter.id, o.holder);
    // The drafter waits for this (issue 13); the signer needs no word of their own act.
    if (letter.drafterId !== actor.id) await notifyOutgoing(deps, tx, 'outgoing_signed', { ...letter, letterNumber }, letter.drafterId);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'document.upload',
      targetType: 'document',
      targetId: documentId,
      details: { sha256: pdf.sha256, size: pdf.pdf.byteLength, batchId: null, source: 'signing' },
    });
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'letter.outgoing_sign',
      targetType: 'outgoing_letter',
      targetId: letter.id,
      details: {
        letterNumber,
        version: letter.version,
        documentId,
        sha256: pdf.sha256,
        certificateId: cert.id,
        certificateSerial: cert.serial,
        timestamped: pdf.timestamped,
        ltv: pdf.ltv,
      },
    });
    // Units of this office it is addressed or copied to find it in their registers, in this
    // transaction. After the audit entries: the audit head is then held before any agenda counter,
    // the order registering an incoming letter takes them in (no deadlock between the two).
    await deliverInternally(deps, tx, o.delivery, { ...letter, letterNumber, signedDocumentId: documentId }, actor);
    // External parties with an address get it by e-mail: a job each, in this transaction.
    await queueLetterEmails(deps, tx, letter);
    return {
      letterNumber,
      verificationCode: code,
      verifyUrl: verifyUrlOf(deps, code),
      signedDocumentId: documentId,
      sha256: pdf.sha256,
      signedAt: at.toISOString(),
      timestamped: pdf.timestamped,
      ltv: pdf.ltv,
    };
  };
