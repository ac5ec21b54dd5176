import type { Transaction } from 'sequelize';
import { EMPTY_LETTERHEAD, type Letterhead, type LogoType } from '../../../domain/letterhead.ts';
import type { LetterheadRepository } from '../../../ports/letterhead-repository.ts';
import type { Models } from '../models.ts';
import { type RawRow, strOrNull, toDate, toNum } from './row.ts';

const ID = 'office';

const toLetterhead = (r: RawRow): Letterhead => ({
  governmentLine: strOrNull(r.governmentLine),
  officeName: strOrNull(r.officeName),
  address: strOrNull(r.address),
  telephone: strOrNull(r.telephone),
  email: strOrNull(r.email),
  website: strOrNull(r.website),
  logo:
    r.logo && r.logoType
      ? {
          type: String(r.logoType) as LogoType,
          bytes: new Uint8Array(Buffer.from(String(r.logo), 'base64')),
          width: toNum(r.logoWidth),
          height: toNum(r.logoHeight),
        }
      : null,
  updatedAt: toDate(r.updatedAt),
});

/** One row; each save is an upsert of its own columns, so the text and the logo change apart. */
export const letterheadRepository = (m: Models, transaction?: Transaction): LetterheadRepository => ({
  async get() {
    const row = await m.Letterhead.findByPk(ID, { raw: true, transaction });
    return row ? toLetterhead(row as unknown as RawRow) : EMPTY_LETTERHEAD;
  },
  async saveText(text, now) {
    await m.Letterhead.upsert({ id: ID, ...text, updatedAt: now }, { transaction });
  },
  async saveLogo(logo, now) {
    await m.Letterhead.upsert(
      {
        id: ID,
        logoType: logo?.type ?? null,
        logoWidth: logo?.width ?? null,
        logoHeight: logo?.height ?? null,
        logo: logo ? Buffer.from(logo.bytes).toString('base64') : null,
        updatedAt: now,
      },
      { transaction },
    );
  },
});
