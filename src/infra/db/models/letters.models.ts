import type { Sequelize } from 'sequelize';
import { bool, date, type DbBool, type DbDate, int, key, str, table, text } from './columns.ts';

/** A row of `letter_types`. */
export interface LetterTypeRow {
  code: string;
  name: string;
  numberFormat: string;
  unitFormats: string;
  template: string;
  builtin: DbBool;
  createdAt: DbDate;
  updatedAt: DbDate;
}

/** A row of `contacts`. */
export interface ContactRow {
  id: string;
  name: string;
  nameKey: string;
  address: string | null;
  email: string | null;
  createdAt: DbDate;
  updatedAt: DbDate;
}

/** A row of `saved_searches`. */
export interface SavedSearchRow {
  id: string;
  userId: string;
  name: string;
  query: string;
  filters: string;
  createdAt: DbDate;
}

/** A row of `letterhead`. */
export interface LetterheadRow {
  id: string;
  governmentLine: string | null;
  officeName: string | null;
  address: string | null;
  telephone: string | null;
  email: string | null;
  website: string | null;
  logoType: string | null;
  logoWidth: number | null;
  logoHeight: number | null;
  logo: string | null;
  updatedAt: DbDate;
}

/** A row of `letter_emails`. */
export interface LetterEmailRow {
  id: string;
  letterId: string;
  position: number;
  kind: string;
  name: string;
  address: string;
  state: string;
  reason: string | null;
  sentAt: DbDate | null;
  createdAt: DbDate;
  updatedAt: DbDate;
}

/** A row of `berkas`. */
export interface BerkasRow {
  id: string;
  name: string;
  description: string | null;
  unitCode: string;
  createdBy: string;
  createdAt: DbDate;
  updatedAt: DbDate;
}

/** A row of `berkas_items`. */
export interface BerkasItemRow {
  berkasId: string;
  itemKind: string;
  itemId: string;
  addedBy: string;
  addedAt: DbDate;
}

/** Migration 015's tables (naskah types, the contact book), 019's saved searches, 022's (the letterhead, letters e-mailed out) and 023's berkas. */
export const defineLetterModels = (s: Sequelize) => ({
  LetterType: table<LetterTypeRow>(s, 'LetterType', 'letter_types', {
    code: key(str()),
    name: str(),
    numberFormat: str(),
    unitFormats: text(),
    template: text(),
    builtin: bool(),
    createdAt: date(),
    updatedAt: date(),
  }),
  Contact: table<ContactRow>(s, 'Contact', 'contacts', {
    id: key(str()),
    name: str(),
    nameKey: str(),
    address: text(),
    email: str(),
    createdAt: date(),
    updatedAt: date(),
  }),
  SavedSearch: table<SavedSearchRow>(s, 'SavedSearch', 'saved_searches', {
    id: key(str()),
    userId: str(),
    name: str(),
    query: str(),
    filters: text(),
    createdAt: date(),
  }),
  Letterhead: table<LetterheadRow>(s, 'Letterhead', 'letterhead', {
    id: key(str()),
    governmentLine: str(),
    officeName: str(),
    address: str(),
    telephone: str(),
    email: str(),
    website: str(),
    logoType: str(),
    logoWidth: int(),
    logoHeight: int(),
    logo: text(),
    updatedAt: date(),
  }),
  LetterEmail: table<LetterEmailRow>(s, 'LetterEmail', 'letter_emails', {
    id: key(str()),
    letterId: str(),
    position: int(),
    kind: str(),
    name: str(),
    address: str(),
    state: str(),
    reason: text(),
    sentAt: date(),
    createdAt: date(),
    updatedAt: date(),
  }),
  Berkas: table<BerkasRow>(s, 'Berkas', 'berkas', {
    id: key(str()),
    name: str(),
    description: text(),
    unitCode: str(),
    createdBy: str(),
    createdAt: date(),
    updatedAt: date(),
  }),
  BerkasItem: table<BerkasItemRow>(s, 'BerkasItem', 'berkas_items', {
    berkasId: key(str()),
    itemKind: key(str()),
    itemId: key(str()),
    addedBy: str(),
    addedAt: date(),
  }),
});
