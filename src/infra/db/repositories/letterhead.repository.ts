import type { Transaction } from 'sequelize';
import { EMPTY_LETTERHEAD, type Letterhead, type LogoType } from '../../../domain/letterhead.ts';
import type { LetterheadRepository } from '../../../ports/letterhead-repository.ts';
import type { Models } from '../models.ts';
import type { LetterheadRow } from '../models/letters.models.ts';
import { toDate } from './row.ts';

const ID = 'office';

const toLetterhead = (r: LetterheadRow): Letterhead => ({
  governmentLine: r.governmentLine,
  officeName: r.officeName,
  address: r.address,
  telephone: r.telephone,
  email: r.email,
  website: r.website,
  logo:
    r.logo && r.logoType
      ? {
          type: r.logoType as LogoType,
          bytes: new Uint8Array(Buffer.from(r.logo, 'base64')),
          width: Number(r.logoWidth),
          height: Number(r.logoHeight),
        }
      : null,
  updatedAt: toDate(r.updatedAt),
});

/** One row; each save is an upsert of its own columns, so the text and the logo change apart. */
export const letterheadRepository = (m: Models, transaction?: Transaction): LetterheadRepository => ({
  async get() {
    const row = await m.Letterhead.findByPk(ID, { raw: true, transaction });
    return row ? toLetterhead(row) : EMPTY_LETTERHEAD;
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
