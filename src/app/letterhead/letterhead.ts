import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { contactLine, type Letterhead, type LetterheadText, readLogo } from '../../domain/letterhead.ts';
import { hasRole } from '../../domain/roles.ts';
import type { LetterContent } from '../../ports/letter-renderer.ts';
import type { AppDeps } from '../deps.ts';
import { sha256Hex } from '../signing/office-ca.ts';

/** The API shape: the text, and of the logo only what it is (GET /letterhead/logo serves it). */
export const presentLetterhead = (h: Letterhead) => ({
  governmentLine: h.governmentLine,
  officeName: h.officeName,
  address: h.address,
  telephone: h.telephone,
  email: h.email,
  website: h.website,
  logo: h.logo ? { type: h.logo.type, width: h.logo.width, height: h.logo.height, bytes: h.logo.bytes.length } : null,
  updatedAt: h.updatedAt?.toISOString() ?? null,
});

/** What the renderer prints as the head of a letter of `unitName` (null: the office itself). */
export const letterheadContent = (
  h: Letterhead,
  rootName: string,
  unitName: string | null,
): Pick<LetterContent, 'officeName' | 'unitName' | 'governmentLine' | 'headLines' | 'logo'> => ({
  governmentLine: h.governmentLine,
  officeName: h.officeName ?? rootName,
  unitName,
  headLines: [h.address, contactLine(h)].filter((l): l is string => Boolean(l)),
  logo: h.logo ? { type: h.logo.type, bytes: h.logo.bytes } : null,
});

const requireAdmin = (actor: Actor): void => {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden', 'only admins set the letterhead');
};

/** Anyone logged in reads it (the draft form shows what letters will carry). */
export const getLetterhead = async (deps: AppDeps) => presentLetterhead(await deps.db.letterhead.get());

export const getLogo = async (deps: AppDeps) => {
  const { logo } = await deps.db.letterhead.get();
  if (!logo) throw new AppError('not_found', 'the letterhead has no logo');
  return logo;
};

/**
 * Draws a sample letter with `h` through the same renderer every letter goes through, so a
 * letterhead that cannot be printed (a logo pdf-lib cannot read, a character the fonts lack) is
 * refused when it is set rather than when a letter is drafted or signed.
 */
const provePrintable = async (deps: AppDeps, h: Letterhead, field: string | null): Promise<void> => {
  try {
    await deps.letterRenderer.render({
      ...letterheadContent(h, 'Kantor', 'Unit'),
      placeAndDate: '1 Januari 2026',
      letterNumber: null,
      attachments: null,
      subject: 'Contoh',
      addressee: 'Yth. Contoh',
      body: 'Contoh.',
      signer: { title: 'Kepala', name: 'Contoh' },
      documentKey: 'naskah:letterhead-check',
      renderedAt: deps.clock.now(),
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw new AppError('invalid', `the letterhead cannot be printed: ${err.message}`, {
      cause: err,
      ...(field ? { errors: [{ field, message: err.message, code: err.errors?.[0]?.code ?? 'unsupported_characters' }] } : {}),
    });
  }
};

/** An admin sets the text lines (null clears one); the logo stays. Audited. */
export const updateLetterhead = async (deps: AppDeps, actor: Actor, text: LetterheadText) => {
  requireAdmin(actor);
  const current = await deps.db.letterhead.get();
  // Which line holds the character the fonts lack is in the message; no one field is to blame.
  await provePrintable(deps, { ...current, ...text }, null);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.letterhead.saveText(text, now);
    await tx.audit.append({ at: now, actorId: actor.id, action: 'letterhead.update', targetType: 'letterhead', targetId: 'office', details: { ...text } });
  });
  return getLetterhead(deps);
};

/** An admin uploads the logo (PNG or JPEG, at most 512 KB, drawn once on a sample to prove it prints); null removes it. Audited. */
export const setLogo = async (deps: AppDeps, actor: Actor, bytes: Uint8Array | null) => {
  requireAdmin(actor);
  const logo = bytes ? readLogo(bytes) : null;
  if (typeof logo === 'string') throw new AppError('invalid', logo, { errors: [{ field: 'file', message: logo, code: 'file_unreadable' }] });
  if (logo) await provePrintable(deps, { ...(await deps.db.letterhead.get()), logo }, 'file');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.letterhead.saveLogo(logo, now);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: logo ? 'letterhead.logo_set' : 'letterhead.logo_remove',
      targetType: 'letterhead',
      targetId: 'office',
      details: logo ? { type: logo.type, width: logo.width, height: logo.height, bytes: logo.bytes.length, sha256: sha256Hex(logo.bytes) } : {},
    });
  });
  return getLetterhead(deps);
};
