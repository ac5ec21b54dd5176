import type { Config } from '../config/config.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { CommonPasswords } from '../ports/common-passwords.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { MalwareScanner } from '../ports/malware-scanner.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { QrCodeRenderer } from '../ports/qr-code.ts';
import type { SecretSealer } from '../ports/secret-sealer.ts';
import type { Database } from '../ports/repositories.ts';
import type { LetterRenderer } from '../ports/letter-renderer.ts';
import type { PaperRenderer } from '../ports/paper-renderer.ts';
import type { CertificateAuthority, LetterStamper, PdfSigner, PdfVerifier } from '../ports/pdf-signing.ts';
import type { SigningKeyStore } from '../ports/signing-key.ts';
import type { SearchIndex } from '../ports/search-index.ts';
import type { StagingArea } from '../ports/staging-area.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import type { SearchablePdfWriter } from '../ports/searchable-pdf.ts';
import type { ArchiveReader } from '../ports/archive-reader.ts';
import type { ArchiveWriter } from '../ports/archive-writer.ts';
import type { BackupSettings } from './backup/list-backups.ts';
import type { PublicLogSettings } from './public-log/settings.ts';
import type { RemoteLogs } from '../ports/remote-logs.ts';

/** What use cases are given. Built once in main.ts from the configured adapters. */
export interface AppDeps {
  db: Database;
  blobs: BlobStore;
  staging: StagingArea;
  extractor: TextExtractor;
  search: SearchIndex;
  archives: ArchiveReader;
  archiveWriter: ArchiveWriter;
  hasher: PasswordHasher;
  /** The most common passwords, refused when someone sets one. */
  commonPasswords: CommonPasswords;
  qr: QrCodeRenderer;
  letterRenderer: LetterRenderer;
  /** Prints the office's papers: the register's table, the disposition sheet. */
  paper: PaperRenderer;
  /** Writes the searchable copy (images plus invisible text) of a scanned document. */
  searchablePdf: SearchablePdfWriter;
  /** The signing engine: certificates, the visible block with its QR code, PAdES signatures, verification. */
  signing: { ca: CertificateAuthority; stamper: LetterStamper; signer: PdfSigner; verifier: PdfVerifier; keys: SigningKeyStore };
  /** What the office CA's root key is locked under at rest (CA_KEY_PASSPHRASE, or a secret kept under DATA_DIR). */
  caKeySecret: string;
  /** Encrypts small secrets the database keeps: TOTP seeds, a reset link waiting in the job table (TOTP_SECRET_KEY, or a key kept under DATA_DIR). */
  totpSecrets: SecretSealer;
  /** Scans files from outside before they are stored; `configured` is false without CLAMD_SOCKET. */
  malware: MalwareScanner;
  /** Outgoing email; `configured` is false without SMTP_URL. */
  mailer: Mailer;
  /** The office's IANA time zone (OFFICE_TIMEZONE): register years, due days, months in figures. */
  officeTimeZone: string;
  /** Where people reach the app (links in QR codes and verification answers). */
  publicUrl: string;
  clock: Clock;
  limits: Config['limits'];
  jobs: Pick<Config['jobs'], 'maxAttempts'>;
  records: Config['records'];
  tokenTtlHours: number;
  /** How the office backs up (BACKUP_DIR and friends), for the admin page; absent: not configured. */
  backup?: BackupSettings;
  /** Tells a local job runner that work was just committed, so it need not wait for its next poll. */
  jobsEnqueued?: () => void;
  /** The public log (issue 20): its origin line, the office's log key, the witnesses configured. */
  publicLog: PublicLogSettings;
  /** Other offices' logs over the network (witnessing). */
  remoteLogs: RemoteLogs;
  /** Tells this process's log sequencer that a leaf was just queued, so it is appended and published at once. */
  logQueued?: () => void;
}
