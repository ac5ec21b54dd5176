import { Readable } from 'node:stream';
import type { Actor } from '../../domain/access.ts';
import type { OutgoingLetterRecord, OutgoingTemplate } from '../../domain/correspondence.ts';
import { calendarDateIn } from '../../domain/office-time.ts';
import { composeBody } from '../../domain/letter-body.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import { sniffMimeType } from '../../domain/file-types.ts';
import { indonesianDate } from '../../domain/outgoing-rules.ts';
import { sifatOf } from '../../domain/letterhead.ts';
import type { RenderedLetter } from '../../ports/letter-renderer.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { StagedFile } from '../../ports/staging-area.ts';
import type { AppDeps } from '../deps.ts';
import { storeOriginal } from '../documents/store-original.ts';
import { letterheadContent } from '../letterhead/letterhead.ts';

/** A version's text: an uploaded PDF, or a template the system renders. */
export type DraftSource = { file: StagedFile; filename: string | null } | { template: OutgoingTemplate };

type LetterBasics = Pick<OutgoingLetterRecord, 'id' | 'subject' | 'unitCode' | 'signerId' | 'classificationCode' | 'securityLevel'>;

/**
 * Renders a letter from its template: the office's letterhead (its data; the office named as
 * the root of the unit tree unless the letterhead names it) with the letter's unit, the Sifat
 * line from its security level; the signer's name and NIP come from their account (at signing,
 * the NIP their certificate names) and their title from the template, else their jabatan, else
 * "Kepala <their unit>". A draft has no number (`letterNumber` null); signing
 * renders again with the number and the signing day (`at`), for the same layout.
 */
export const renderOutgoingLetter = async (
  deps: AppDeps,
  letter: LetterBasics,
  template: OutgoingTemplate,
  o: { version: number; letterNumber: string | null; at: Date; signerNip?: string | null },
): Promise<RenderedLetter> => {
  const units = await deps.db.units.all();
  const byCode = new Map(units.map((u) => [u.code, u]));
  let root = byCode.get(letter.unitCode);
  for (let hops = 0; root?.parentCode && byCode.has(root.parentCode) && hops < 64; hops++) root = byCode.get(root.parentCode);
  const unit = byCode.get(letter.unitCode);
  const signer = await deps.db.users.findById(letter.signerId);
  if (!unit || !root || !signer) throw new AppError('invalid', 'the letter names a unit or signer that no longer exists');
  const signerUnit = byCode.get(signer.unitCode);
  const day = template.date ?? calendarDateIn(o.at, deps.officeTimeZone);
  return deps.letterRenderer.render({
    ...letterheadContent(await deps.db.letterhead.get(), root.name, root.code === unit.code ? null : unit.name),
    sifat: sifatOf(letter.securityLevel),
    placeAndDate: template.place ? `${template.place}, ${indonesianDate(day)}` : indonesianDate(day),
    letterNumber: o.letterNumber,
    attachments: template.attachments,
    subject: letter.subject,
    addressee: template.addressee,
    body: composeBody(template),
    heading: template.heading ?? null,
    copies: template.copies ?? [],
    signer: {
      title: template.signerTitle ?? signer.jabatan ?? `Kepala ${signerUnit?.name ?? signer.unitCode}`,
      name: signer.name,
      nip: o.signerNip ?? signer.nip,
    },
    documentKey: `naskah:outgoing:${letter.id}:v${o.version}${o.letterNumber ? ':final' : ''}`,
    renderedAt: o.at,
  });
};

/**
 * Stores one version's PDF as an `outgoing` document of the letter's unit through the archive's
 * own path (durable original, row, audit entry, extraction job) and runs `inTx` in that
 * transaction. Only PDFs are drafts. Bytes that are archived already (another letter's draft,
 * an earlier version) are refused as a conflict: a version is a new file. A rendered PDF is
 * staged here and removed in every outcome; an uploaded one stays the caller's to discard.
 */
export const storeOutgoingVersion = async (
  deps: AppDeps,
  actor: Actor,
  letter: LetterBasics,
  version: number,
  source: DraftSource,
  inTx: (tx: Repositories, doc: DocumentRecord) => Promise<void>,
): Promise<DocumentRecord> => {
  let rendered: StagedFile | null = null;
  try {
    let staged: StagedFile;
    let documentDate: string | undefined;
    if ('file' in source) {
      if (sniffMimeType(source.file.head) !== 'application/pdf')
        throw new AppError('unsupported_type', 'a draft is a PDF file (decided by its contents, not its name)');
      staged = source.file;
    } else {
      const at = deps.clock.now();
      const pdf = await renderOutgoingLetter(deps, letter, source.template, { version, letterNumber: null, at });
      staged = rendered = await deps.staging.write(Readable.from([Buffer.from(pdf.pdf)]), { maxBytes: deps.limits.uploadMaxBytes });
      documentDate = source.template.date ?? calendarDateIn(at, deps.officeTimeZone);
    }
    const originalName = 'file' in source && source.filename ? source.filename : `surat-keluar-${letter.id.slice(0, 8)}-v${version}.pdf`;
    const fields = {
      kind: 'outgoing' as const,
      title: `Draf: ${letter.subject} (v${version})`,
      classificationCode: letter.classificationCode,
      securityLevel: letter.securityLevel,
      unitCode: letter.unitCode,
      documentDate,
    };
    // The right to draft (checked by the caller) is not the archive's upload right (clerks).
    const { document } = await storeOriginal(deps, actor, staged, fields, originalName, {
      authorised: true,
      scanned: rendered !== null, // a draft rendered from its template is ours; an uploaded one is scanned
      inTx: async (tx, doc, duplicate) => {
        if (duplicate)
          throw new AppError('conflict', 'this exact file is archived already (another draft or an earlier version); a draft version must be a new file');
        await inTx(tx, doc);
      },
    });
    return document;
  } finally {
    if (rendered) await deps.staging.discard(rendered.path);
  }
};
