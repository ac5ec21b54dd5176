/**
 * CSV as spreadsheet programs open it (RFC 4180): a UTF-8 byte order mark first, so Excel reads
 * Indonesian text (é, names with diacritics) as UTF-8 rather than the machine's code page; CRLF
 * line ends; every field quoted, quotes doubled.
 */
export const BOM = '\ufeff';

/**
 * A cell that starts like a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe: a
 * sender named "=HYPERLINK(…)" must stay text when the file is opened (CSV injection).
 */
const cell = (v: string): string => {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
};

export const toCsv = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  `${BOM + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
