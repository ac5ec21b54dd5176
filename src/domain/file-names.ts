/**
 * Characters a stored file name must not carry: C0 and C1 controls and DEL, line and paragraph
 * separators, and the bidirectional controls (U+061C, U+200E/U+200F, U+202A–U+202E,
 * U+2066–U+2069), with which `rapor\u202Efdp.exe` shows as `raporexe.pdf` in a list (the
 * "Trojan Source" trick). Joiners (U+200C/U+200D) stay: some scripts need them.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The name without control or bidi characters (paths and length as they were). */
export const withoutControls = (name: string): string => name.replace(UNSAFE, '');

/** A client's file name as metadata: no path parts, no control or bidi characters, no leading dots, at most 255 characters. */
export const cleanFileName = (raw: string | null | undefined): string | null => {
  if (!raw) return null;
  const base = withoutControls(raw).split(/[\\/]/).pop()!.trim().replace(/^\.+/, '');
  return base ? [...base].slice(0, 255).join('') : null;
};
