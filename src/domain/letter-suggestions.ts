/**
 * Reading the head of an Indonesian official letter (naskah dinas) for the registration form
 * (issue 18): its number, date, sender and subject, from the text of its first page. Pure rules
 * on text; the clerk confirms every suggestion, so a miss is an empty field, never a guess
 * dressed as a fact.
 */

export interface LetterSuggestions {
  letterNumber?: string;
  /** YYYY-MM-DD. */
  letterDate?: string;
  sender?: string;
  subject?: string;
}

/** Month names as letters print them, old spellings included. */
const MONTHS: Record<string, number> = {
  januari: 1,
  februari: 2,
  pebruari: 2,
  maret: 3,
  april: 4,
  mei: 5,
  juni: 6,
  juli: 7,
  agustus: 8,
  september: 9,
  oktober: 10,
  november: 11,
  nopember: 11,
  desember: 12,
};

const DATE = /(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})/;
/** "Nomor : 800/123/BKD/2025", "No. : …" at the start of a line (the body's "Nomor" runs on without a colon). */
const NUMBER = /^\s*No(?:mor)?\.?\s*:\s*(\S.*?)\s*$/i;
const SUBJECT = /^\s*(?:Perihal|Hal)\s*:\s*(\S.*?)\s*$/i;
/** Words that stay lower case inside a name, and abbreviations that stay upper case. */
const SMALL_WORDS = new Set(['dan', 'atau', 'di', 'ke', 'dari', 'untuk', 'serta', 'yang', 'pada']);
const ABBREVIATIONS = new Set(['RI', 'DPRD', 'RSUD', 'UPT', 'UPTD', 'SD', 'SMP', 'SMA', 'SMK', 'TK', 'BPBD', 'KPU', 'BUMD', 'PDAM']);
/** Letterhead lines that are the address, not the name. */
const ADDRESS = /\b(jalan|jl\.?|telepon|telp\.?|faks|fax|email|e-mail|laman|website|kode pos)\b|@|www\./i;

const pad = (n: number) => String(n).padStart(2, '0');

/** "12 Maret 2025" → "2025-03-12", or undefined when it names no real day. */
export const parseIndonesianDate = (text: string): string | undefined => {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const month = MONTHS[m[2]!.toLowerCase()];
  const day = Number(m[1]);
  const year = Number(m[3]);
  if (!month || year < 1900 || year > 2999) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
};

/** "BADAN KEPEGAWAIAN DAERAH" → "Badan Kepegawaian Daerah", keeping "dan" and "DPRD" as they are written. */
export const nameCase = (upper: string): string =>
  upper
    .trim()
    .split(/\s+/)
    .map((w, i) => {
      if (ABBREVIATIONS.has(w.toUpperCase())) return w.toUpperCase();
      const lower = w.toLowerCase();
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(' ');

const isUpper = (line: string) => /[A-Z]/.test(line) && line === line.toUpperCase();

/**
 * The sender from the letterhead: the upper-case lines above the number and date, address lines
 * left out. "PEMERINTAH KABUPATEN X" over "DINAS Y" is the usual head: "Dinas Y Kabupaten X".
 */
const senderOf = (head: string[]): string | undefined => {
  const names = head.filter((l) => isUpper(l) && !ADDRESS.test(l) && !DATE.test(l)).slice(0, 3);
  if (names.length === 0) return undefined;
  const gov = /^PEMERINTAH\s+(.+)$/.exec(names[0]!);
  if (gov && names[1]) return `${nameCase(names[1])} ${nameCase(gov[1]!)}`;
  return nameCase(names[0]!);
};

/** Suggestions from a letter's text (its first page is enough): only what the rules found. */
export const suggestLetterFields = (text: string): LetterSuggestions => {
  const lines = text
    .split(/\r?\n/)
    // A letter's head lines are short; a cap keeps the patterns' backtracking linear on a crafted file.
    .map((l) => l.trim().slice(0, 500))
    .filter((l) => l.length > 0);
  const out: LetterSuggestions = {};
  const numberAt = lines.findIndex((l) => NUMBER.test(l));
  if (numberAt >= 0) out.letterNumber = NUMBER.exec(lines[numberAt]!)![1]!.slice(0, 100);
  const subject = lines.map((l) => SUBJECT.exec(l)).find((m) => m !== null);
  if (subject) out.subject = subject[1]!.slice(0, 500);
  // The date line ("Sleman, 12 Maret 2025") sits above or beside the number; else the first date.
  const dateLine = lines.find((l) => /^[A-Za-z .'-]+,\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}\s*$/.test(l) && parseIndonesianDate(l));
  const date = parseIndonesianDate(dateLine ?? '') ?? lines.map(parseIndonesianDate).find((d) => d !== undefined);
  if (date) out.letterDate = date;
  const headEnd = [numberAt, lines.indexOf(dateLine ?? '')].filter((i) => i >= 0);
  const sender = senderOf(lines.slice(0, headEnd.length ? Math.min(...headEnd) : Math.min(lines.length, 6)));
  if (sender) out.sender = sender.slice(0, 300);
  return out;
};
