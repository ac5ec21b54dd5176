/**
 * What kind of failure a stored error text records: a document that failed processing, a file a
 * bulk import rejected, a background job's last error, a backup run's reason. Those texts are
 * written once, in English, for operators (and stay in the API as `error`); the API adds the
 * kind as `errorCode` so a client says it in its own language. The kind is read from the text
 * rather than stored beside it, so rows written before this existed get one too; every text the
 * server writes has its rule here (test/unit/domain/failure-kinds.test.ts holds each producer's
 * words), and a text no rule knows is `other`, said in general words, never left in English only.
 */
export const FAILURE_KINDS = [
  'bytes-changed',
  'scanner-down',
  'malware',
  'pdf-encrypted',
  'file-truncated',
  'not-pdf',
  'file-empty',
  'too-many-pages',
  'page-too-large',
  'unsupported-type',
  'zip-refused',
  'too-large',
  'backup-busy',
  'backup-damaged',
  'disk-full',
  'backup-dir',
  'file-unreadable',
  'mail-refused',
  'mail-down',
  'database-down',
  'storage-down',
  'search-down',
  'signing-down',
  'timed-out',
  'worker-stopped',
  'extract-failed',
  'index-failed',
  'import-stopped',
  'importer-gone',
  'other',
] as const;

export type FailureKind = (typeof FAILURE_KINDS)[number];

/** First match wins: the precise rules before the general ones (a scanner outage names malware). */
const RULES: [RegExp, FailureKind][] = [
  [/stored bytes changed/i, 'bytes-changed'],
  [/malware scanner/i, 'scanner-down'],
  [/malware/i, 'malware'],
  [/encrypted/i, 'pdf-encrypted'],
  [/truncated|cut short/i, 'file-truncated'],
  [/is not a PDF/i, 'not-pdf'],
  [/is empty|has no pages|^no content$/i, 'file-empty'],
  [/pages; the limit is/i, 'too-many-pages'],
  [/too large to read/i, 'page-too-large'],
  [/unsupported file type/i, 'unsupported-type'],
  [/\bZIP\b/, 'zip-refused'],
  [/larger than the upload limit|more than the allowed total|holds at most \S+ files/i, 'too-large'],
  [/another backup is being written/i, 'backup-busy'],
  [/dump of table|manifest of backup|holds no finished backup/i, 'backup-damaged'],
  [/ENOSPC|no space left/i, 'disk-full'],
  [/backup directory|BACKUP_DIR|backups in this directory/i, 'backup-dir'],
  [/damaged|cannot be read|cannot be decoded|cannot be shown|could not be read|has no page/i, 'file-unreadable'],
  [/mail server refused/i, 'mail-refused'],
  [/mail server cannot be used/i, 'mail-down'],
  [/database/i, 'database-down'],
  [/storage|staging directory/i, 'storage-down'],
  [/search (engine|index)/i, 'search-down'],
  [/signing service|timestamp authority/i, 'signing-down'],
  [/timed out|time limit|timeout/i, 'timed-out'],
  [/lease expired|worker stopped|worker pool is closed/i, 'worker-stopped'],
  [/^text extraction failed/i, 'extract-failed'],
  [/^indexing failed/i, 'index-failed'],
  [/^import stopped/i, 'import-stopped'],
  [/importing user no longer exists/i, 'importer-gone'],
];

/** The kind of a stored error text; null when there is no error. */
export const failureKind = (text: string | null | undefined): FailureKind | null => {
  if (!text) return null;
  for (const [pattern, kind] of RULES) if (pattern.test(text)) return kind;
  return 'other';
};
