/**
 * What one leaf of the public log says, as text anyone can read back and hash: a version line,
 * then fixed fields. The verification code is left out on purpose: it opens the letter's public
 * page, so publishing it would publish every subject.
 */
export type LeafKind = 'letter' | 'disposal-minutes' | 'transfer-minutes';

export interface LogLeaf {
  kind: LeafKind;
  /** The number printed on the letter or minutes. */
  number: string;
  /** SHA-256 (hex) of the signed PDF exactly as issued. */
  sha256: string;
  /** SHA-256 (hex) of the signer's certificate (DER). */
  certificate: string;
  signedAt: Date;
}

const VERSION = 'naskah-log-leaf/v1';
const KINDS: readonly LeafKind[] = ['letter', 'disposal-minutes', 'transfer-minutes'];

export const leafText = (l: LogLeaf): string =>
  `${VERSION}\nkind ${l.kind}\nnumber ${l.number.replace(/[\r\n]/g, ' ')}\nsha256 ${l.sha256}\ncertificate ${l.certificate}\nsigned ${l.signedAt.toISOString()}\n`;

/** Reads a leaf text back; null when it is not one (a mirror checks each leaf it copies). */
export const parseLeaf = (text: string): LogLeaf | null => {
  const m = new RegExp(`^${VERSION}\\nkind (\\S+)\\nnumber ([^\\n]*)\\nsha256 ([0-9a-f]{64})\\ncertificate ([0-9a-f]{64})\\nsigned (\\S+)\\n$`).exec(text);
  if (!m || !KINDS.includes(m[1] as LeafKind) || Number.isNaN(Date.parse(m[5]!))) return null;
  return { kind: m[1] as LeafKind, number: m[2]!, sha256: m[3]!, certificate: m[4]!, signedAt: new Date(m[5]!) };
};

/** One leaf per signed thing: its identity in the log, so it is never logged twice. */
export const leafKey = (l: Pick<LogLeaf, 'sha256'>): string => l.sha256;
