import { Readable } from 'node:stream';
import type { Actor } from '../../domain/access.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import { calendarDateIn } from '../../domain/office-time.ts';
import { indonesianDate } from '../../domain/outgoing-rules.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { SignedSubjectType } from '../../ports/signing-repositories.ts';
import type { AppDeps } from '../deps.ts';
import { storeOriginal } from '../documents/store-original.ts';
import { newVerificationCode } from '../signing/sign-outgoing.ts';
import { officeName } from '../signing/office-ca.ts';
import { makeSignedPdf, printedTime } from '../signing/signed-letter-pdf.ts';
import { revocationListsFor } from '../signing/validation-data.ts';
import { trustAnchorCertificates } from '../signing/trust-anchors.ts';
import { officeSeal, SEAL_TITLE } from './office-seal.ts';
import { certificateFingerprint, queueLogLeaf } from '../public-log/queue-leaf.ts';

/** A record as a line of minutes. */
export const minutesLine = (n: number, d: DocumentRecord): string =>
  `${n}. ${d.title.replace(/\s+/g, ' ').slice(0, 160)} — kode ${d.classificationCode ?? '-'}, tanggal ${d.retention.recordDate ?? '-'}, unit ${d.unitCode}, SHA-256 ${d.sha256.slice(0, 16)}…`;

export interface MinutesInput {
  /** What the minutes are of: the register entry's subject type, and the act's id (one minutes per act). */
  kind: Extract<SignedSubjectType, 'disposal' | 'transfer'>;
  actId: string;
  /** The minutes' own number, printed and registered, e.g. BA-PMS/3/ARSIP/2026. */
  number: string;
  title: string;
  /** Who it is addressed to, one line per line. */
  addressee: string;
  body: string;
  unitCode: string;
  /** Who carried the act out: the minutes are filed in their name. */
  actor: Actor;
  /** In the transaction that archives the minutes: mark the act done with them. */
  inTx: (tx: Repositories, minutesDocumentId: string) => Promise<void>;
}

/**
 * Writes the minutes (berita acara) of an act as a letter of the office, seals them with the
 * office seal (PAdES, visible block and QR code to /verify/<code>, checked against the office's
 * own verifier), archives them as a permanent `minutes` document through the archive's own
 * path, and registers them like a signed letter: all of that and `inTx` in one transaction.
 */
export const sealMinutes = async (deps: AppDeps, m: MinutesInput): Promise<DocumentRecord> => {
  const at = deps.clock.now();
  const units = await deps.db.units.all();
  const office = await officeName(deps);
  const unit = units.find((u) => u.code === m.unitCode);
  const { seal, credential } = await officeSeal(deps);
  const rendered = await deps.letterRenderer.render({
    officeName: office,
    unitName: unit?.parentCode ? unit.name : null,
    placeAndDate: indonesianDate(calendarDateIn(at, deps.officeTimeZone)),
    letterNumber: null,
    attachments: null,
    subject: m.title,
    addressee: m.addressee,
    body: m.body,
    signer: { title: SEAL_TITLE, name: seal.commonName, nip: null },
    documentKey: `naskah:${m.kind}:${m.actId}`,
    renderedAt: at,
  });
  const code = newVerificationCode();
  const signed = await makeSignedPdf(
    deps,
    {
      pdf: rendered.pdf,
      area: rendered.signatureArea,
      numberArea: rendered.numberArea,
      name: seal.commonName,
      title: SEAL_TITLE,
      nip: null,
      dateText: printedTime(at, deps.officeTimeZone),
    },
    deps.signing.keys.inMemory(credential),
    { letterNumber: m.number, code, at, anchors: await trustAnchorCertificates(deps), officeName: office, crls: await revocationListsFor(deps, credential) },
  );
  const staged = await deps.staging.write(Readable.from([Buffer.from(signed.pdf)]), { maxBytes: deps.limits.uploadMaxBytes });
  try {
    const fields = {
      kind: 'minutes' as const,
      title: `${m.title} ${m.number}`,
      unitCode: m.unitCode,
      securityLevel: 'biasa' as const,
      documentDate: calendarDateIn(at, deps.officeTimeZone),
      letterNumber: m.number,
    };
    const { document } = await storeOriginal(deps, m.actor, staged, fields, `berita-acara-${m.kind}-${m.actId.slice(0, 8)}.pdf`, {
      authorised: true,
      scanned: true, // written and signed here, not from outside
      inTx: async (tx, doc, duplicate) => {
        if (duplicate) throw new AppError('conflict', 'these minutes are archived already');
        await tx.signedLetters.register({
          code,
          letterId: m.actId,
          documentId: doc.id,
          sha256: signed.sha256,
          letterNumber: m.number,
          subject: m.title,
          securityLevel: 'biasa',
          signerId: m.actor.id,
          signerName: seal.commonName,
          signerTitle: SEAL_TITLE,
          certificateId: seal.serial,
          certificateSerial: seal.serial,
          signedAt: signed.signedAt,
          timestamped: signed.timestamped,
          subjectType: m.kind,
        });
        await queueLogLeaf(tx, {
          subjectType: m.kind,
          number: m.number,
          sha256: signed.sha256,
          certificateSha256: certificateFingerprint(seal.certificate),
          signedAt: signed.signedAt,
          now: deps.clock.now(),
        });
        await m.inTx(tx, doc.id);
      },
    });
    deps.logQueued?.();
    return document;
  } finally {
    await deps.staging.discard(staged.path);
  }
};
