import { letterNumberScope } from './correspondence.ts';

/**
 * Naskah types (jenis naskah dinas, issue 13): each has a template kept as data (a heading, the
 * extra fields its form asks for, layout options) and a number format per type, optionally
 * overridden per unit. Numbers stay gap-free per type, unit and year.
 */

/** A field a type's form asks for besides the body, printed as "Label : value" under the body. */
export interface LetterTypeField {
  name: string;
  label: string;
  required: boolean;
}

/** The template of a type as data: what the renderer prints and what the form asks. */
export interface LetterTypeTemplate {
  /** A centred heading above the number (NOTA DINAS, SURAT TUGAS); null: the plain surat dinas layout. */
  heading: string | null;
  fields: LetterTypeField[];
  /** Surat tugas: the form asks for the people assigned, printed as a numbered list. */
  assignees: boolean;
  /** Whether the Lampiran line is printed. */
  attachmentsLine: boolean;
}

export interface LetterTypeRecord {
  code: string;
  name: string;
  /** e.g. `{code}/{seq}/{unit}/{year}`; see formatNumber for the placeholders. */
  numberFormat: string;
  /** A unit's own format for this type, by unit code. */
  unitFormats: Record<string, string>;
  template: LetterTypeTemplate;
  builtin: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The type of letters drafted before types existed, and of uploaded drafts that name none. */
export const DEFAULT_LETTER_TYPE = 'surat-dinas';

const plain = (o: Partial<LetterTypeTemplate> = {}): LetterTypeTemplate => ({ heading: null, fields: [], assignees: false, attachmentsLine: true, ...o });

/** The types every office starts with (SRIKANDI's usual naskah dinas); admins edit them and add more. */
export const BUILTIN_LETTER_TYPES: { code: string; name: string; numberFormat: string; template: LetterTypeTemplate }[] = [
  { code: 'surat-dinas', name: 'Surat Dinas', numberFormat: '{code}/{seq}/{unit}/{year}', template: plain() },
  { code: 'nota-dinas', name: 'Nota Dinas', numberFormat: 'ND/{code}/{seq}/{unit}/{year}', template: plain({ heading: 'NOTA DINAS', attachmentsLine: false }) },
  {
    code: 'undangan',
    name: 'Surat Undangan',
    numberFormat: 'UND/{code}/{seq}/{unit}/{year}',
    template: plain({
      fields: [
        // Not required: an invitation may give the day, time and place in its text instead.
        { name: 'hari', label: 'Hari/tanggal', required: false },
        { name: 'waktu', label: 'Waktu', required: false },
        { name: 'tempat', label: 'Tempat', required: false },
        { name: 'acara', label: 'Acara', required: false },
      ],
    }),
  },
  { code: 'edaran', name: 'Surat Edaran', numberFormat: 'SE/{code}/{seq}/{unit}/{year}', template: plain({ heading: 'SURAT EDARAN', attachmentsLine: false }) },
  {
    code: 'surat-tugas',
    name: 'Surat Tugas',
    numberFormat: 'ST/{code}/{seq}/{unit}/{year}',
    template: plain({ heading: 'SURAT TUGAS', assignees: true, attachmentsLine: false }),
  },
  {
    code: 'keterangan',
    name: 'Surat Keterangan',
    numberFormat: 'SKET/{code}/{seq}/{unit}/{year}',
    template: plain({ heading: 'SURAT KETERANGAN', attachmentsLine: false }),
  },
];

/** What a number format may name. */
export const PLACEHOLDERS = ['code', 'seq', 'unit', 'year', 'month'] as const;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/**
 * Why a number format cannot be used, or null. It must hold `{seq}` (the running number) and
 * `{year}` (the counter restarts each year, so without it two letters would share a number), and
 * name no placeholder but `{code}` (classification), `{seq}`, `{unit}`, `{year}`, `{month}` (Roman).
 */
export const numberFormatProblem = (format: string): string | null => {
  const names = [...format.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
  const unknown = names.filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n));
  if (unknown.length) return `unknown placeholder {${unknown[0]}}: use ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`;
  if (!names.includes('seq')) return 'the format must contain {seq}, the running number';
  if (!names.includes('year')) return 'the format must contain {year}: numbers restart each year';
  if (/[{}]/.test(format.replace(/\{[a-z]+\}/g, ''))) return 'unbalanced braces';
  return null;
};

/** The printed number, e.g. `ND/800/12/BKD/2025` from `ND/{code}/{seq}/{unit}/{year}`. */
export const formatNumber = (format: string, v: { code: string; seq: number; unit: string; year: number; month: number }): string =>
  format.replace(/\{(code|seq|unit|year|month)\}/g, (_, k: string) =>
    k === 'code' ? v.code : k === 'seq' ? String(v.seq) : k === 'unit' ? v.unit : k === 'year' ? String(v.year) : (ROMAN[v.month - 1] ?? String(v.month)),
  );

/** The format a unit's letters of this type are numbered with. */
export const numberFormatFor = (type: Pick<LetterTypeRecord, 'numberFormat' | 'unitFormats'>, unitCode: string): string =>
  type.unitFormats[unitCode] ?? type.numberFormat;

/**
 * The counter a letter's number is taken from: per type, unit and year. Surat dinas keeps the
 * scope letters had before types existed, so an office's running numbers carry on.
 */
export const typedNumberScope = (typeCode: string, unitCode: string, year: number): string =>
  typeCode === DEFAULT_LETTER_TYPE ? letterNumberScope(unitCode, year) : `letter:${typeCode}:${unitCode}:${year}`;
