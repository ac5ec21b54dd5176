/**
 * Reads a classification scheme file: CSV with the header
 * `code,name,activeYears,inactiveYears,finalDisposition` (and optionally `description`), quoted
 * fields as RFC 4180 has them, or a JSON array of objects with those keys. Each entry keeps the
 * line it came from, so every bad line can be reported at once.
 */
import type { FinalDisposition, SchemeEntry } from '../../domain/classification.ts';
import type { FieldCode } from '../../domain/field-codes.ts';

/** What a read file gives: its lines, or why the whole file could not be read (with its rule). */
export interface SchemeRead {
  lines: SchemeLine[];
  problem?: string;
  problemCode?: FieldCode;
}

export interface SchemeLine {
  line: number;
  entry: SchemeEntry | null;
  /** Why the line could not be read at all (then `entry` is null). */
  problem?: string;
}

const REQUIRED = ['code', 'name', 'activeYears', 'inactiveYears', 'finalDisposition'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'description']);

/** Splits CSV text into records of fields, each with the line it starts on. */
const csvRecords = (text: string): { line: number; fields: string[] }[] => {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') out.push({ line: start, fields });
    fields = [];
    field = '';
  };
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') fields.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return out;
};

const years = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : /^\s*-?\d+\s*$/.test(String(v)) ? Number(v) : NaN;
  return n;
};
const textOrNull = (v: unknown): string | null => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim());

const entryOf = (o: Record<string, unknown>): SchemeEntry => ({
  code: String(o.code ?? '').trim(),
  name: String(o.name ?? '').trim(),
  description: textOrNull(o.description),
  activeYears: years(o.activeYears),
  inactiveYears: years(o.inactiveYears),
  finalDisposition: textOrNull(o.finalDisposition) as FinalDisposition | null,
});

/** Reads CSV: a header line naming the columns, then one code per line. */
export const readSchemeCsv = (text: string): SchemeRead => {
  const [header, ...rows] = csvRecords(text);
  if (!header) return { lines: [], problem: 'the file is empty', problemCode: 'file_empty' };
  const names = header.fields.map((f) => f.trim());
  const missing = REQUIRED.filter((r) => !names.includes(r));
  const unknown = names.filter((n) => !KNOWN.has(n));
  if (missing.length || unknown.length) {
    return {
      lines: [],
      problemCode: 'scheme_header',
      problem: `line 1: the header must name ${REQUIRED.join(',')} (and may add description)${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`,
    };
  }
  return {
    lines: rows.map((r) => {
      if (r.fields.length !== names.length) return { line: r.line, entry: null, problem: `${r.fields.length} fields where the header has ${names.length}` };
      return { line: r.line, entry: entryOf(Object.fromEntries(names.map((n, i) => [n, r.fields[i]]))) };
    }),
  };
};

/** Reads JSON: an array of objects; "lines" count array entries from 1. */
export const readSchemeJson = (value: unknown): SchemeRead => {
  if (!Array.isArray(value)) return { lines: [], problem: 'a JSON scheme is an array of codes', problemCode: 'file_unreadable' };
  return {
    lines: value.map((v, i) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? { line: i + 1, entry: entryOf(v as Record<string, unknown>) }
        : { line: i + 1, entry: null, problem: 'not an object' },
    ),
  };
};
