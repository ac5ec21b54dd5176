import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { SECURITY_LEVELS, type SecurityLevel } from '../domain/security-level.ts';

/** See Config.remoteSigner and the remote signer adapter's header for the HTTP contract. */
export interface RemoteSignerConfig {
  url: string;
  /** username (lower case) → NIK. */
  niks: Map<string, string>;
  officeWide: boolean;
  token?: string;
  timeoutMs: number;
}

/** Typed configuration. Every backend is chosen here; code above the adapters never checks env. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  roles: { web: boolean; worker: boolean };
  database: { url: string; dialect: 'sqlite' | 'mysql' };
  storage: { driver: 'local'; root: string } | { driver: 's3'; endpoint: string; accessKey: string; secretKey: string; bucket: string; region: string };
  search: { driver: 'embedded'; file: string } | { driver: 'meilisearch'; url: string; apiKey?: string; index: string };
  ocr: { workers: number; languages: string; pageTimeoutMs: number; tessdataDir?: string };
  /** Every request body must arrive at `minBytesPerSecond` on average once `graceMs` has passed; headers within `headersMs`. */
  requestPace: { graceMs: number; minBytesPerSecond: number; headersMs: number };
  /**
   * Records lifecycle: hours between retention passes (0: never) and between fixity runs (0:
   * never), the hours one fixity run is spread over, and whether a confirmed transfer keeps
   * the originals here.
   */
  records: { retentionPassHours: number; fixityEveryHours: number; fixityWindowHours: number; keepTransferredOriginals: boolean };
  /** How untrusted files are read (in threads): how long one file or page may take, how far a PDF stream may inflate. */
  reading: { timeoutMs: number; maxStreamBytes: number };
  limits: {
    uploadMaxBytes: number;
    maxPages: number;
    maxPixels: number;
    batchMaxFiles: number;
    zipMaxEntries: number;
    zipMaxRatio: number;
    zipMaxTotalBytes: number;
    /** How long a clerk waits for a scan's first page to be read for suggestions, queue included. */
    suggestOcrMs: number;
  };
  jobs: { pollMs: number; leaseMs: number; maxAttempts: number; concurrency: number };
  admin?: { username: string; password: string };
  /**
   * The first admin's clearance (ADMIN_CLEARANCE, default biasa). An admin may raise no one
   * above their own clearance alone: the first admin cleared for the office's highest level can
   * approve the others' requests.
   */
  adminClearance: SecurityLevel;
  tokenTtlHours: number;
  /** Which proxies' X-Forwarded-For to believe for the client address (login back-off, logs). */
  trustProxy: string;
  /** Minutes between periodic audit checkpoints in the worker role; 0 turns them off. */
  audit: { checkpointMinutes: number };
  /** Outgoing email: absent when SMTP_URL is not set (notifications stay in the app). */
  mail?: { smtpUrl: string; from: string };
  /** Seconds between deadline-reminder scans in the worker role (0: off); the office's IANA time zone. */
  reminders: { scanSeconds: number; timeZone: string };
  /** RFC 3161 timestamp authority for signatures (PAdES B-T); absent: signatures carry no timestamp (B-B). */
  timestampUrl?: string;
  /**
   * A provider's remote signing service (REMOTE_SIGNER_*): the officials listed by username with
   * their NIK sign through it, or (officeWide) every official. Absent: every key is kept here.
   */
  remoteSigner?: RemoteSignerConfig;
  /**
   * What the office CA's root key is locked under at rest (CA_KEY_PASSPHRASE). Absent: a random
   * secret generated once into DATA_DIR/secrets (fine for one machine; set it for several).
   */
  caKeyPassphrase?: string;
  /**
   * What TOTP seeds are encrypted under in the database (TOTP_SECRET_KEY). Absent: a random key
   * generated once into DATA_DIR/secrets (fine for one machine; set it for several).
   */
  totpSecretKey?: string;
  /**
   * Backups: with `dir` (BACKUP_DIR) the workers back up every `intervalHours` and keep the newest
   * `keep`; `passphrase` (BACKUP_PASSPHRASE) encrypts them, from the command line too.
   */
  backup: { dir?: string; intervalHours: number; keep: number; passphrase?: string };
  /**
   * ClamAV's clamd, which scans every upload before it is stored (CLAMD_SOCKET), and how long it
   * may stay silent (CLAMD_TIMEOUT_MS). Absent: files are not scanned.
   */
  clamd?: { address: ClamdAddress; timeoutMs: number };
  /**
   * The public log (issue 20): its origin line (LOG_ORIGIN, default PUBLIC_URL's host + `/log`),
   * the secret its Ed25519 key is derived from (LOG_SIGNING_KEY; absent: generated once into
   * DATA_DIR/secrets), other offices' logs this one witnesses (LOG_WITNESSES: `URL KEY` pairs,
   * comma separated, KEY as their `GET /log/key` prints it), minutes between witness passes and
   * between checkpoints signed even when nothing was appended.
   */
  publicLog: { origin: string; signingKey?: string; witnesses: { url: string; key: string }[]; witnessMinutes: number; checkpointMinutes: number };
}

/** Where clamd listens: a unix socket's path, or a TCP host and port. */
export type ClamdAddress = { path: string } | { host: string; port: number };

/**
 * CLAMD_SOCKET: `host:port` or `tcp://host:port` (IPv6 as `[::1]:3310`) for TCP; anything else
 * is the path of a unix socket. Null when it is neither (no port after tcp://, a port out of range).
 */
export const parseClamdAddress = (value: string): ClamdAddress | null => {
  const v = value.trim();
  const tcp = /^(?:tcp:\/\/)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(v);
  if (tcp && !v.startsWith('.')) {
    const port = Number(tcp[2]);
    return port >= 1 && port <= 65535 ? { host: tcp[1]!.replace(/^\[|\]$/g, ''), port } : null;
  }
  return v === '' || v.startsWith('tcp://') ? null : { path: v };
};

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const schema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NASKAH_ROLES: z
    .string()
    .default('web,worker')
    .refine((s) => s.split(',').every((r) => ['web', 'worker'].includes(r.trim())) && s.trim() !== '', 'a comma list of web, worker'),
  DATABASE_URL: z
    .string()
    .refine((s) => /^(sqlite:|mysql:\/\/|mariadb:\/\/)/.test(s), 'sqlite:<path> or mysql://user:pass@host:port/db')
    .optional(),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY: z.string().optional(),
  S3_SECRET_KEY: z.string().optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'a valid bucket name')
    .default('naskah'),
  S3_REGION: z.string().default('us-east-1'),
  SEARCH_DRIVER: z.enum(['embedded', 'meilisearch']).default('embedded'),
  MEILI_URL: z.string().url().optional(),
  MEILI_API_KEY: z.string().optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('documents'),
  OCR_WORKERS: int(1, 64).default(Math.max(1, os.availableParallelism())),
  OCR_LANGUAGES: z
    .string()
    .regex(/^[a-z]{3}(\+[a-z]{3})*$/)
    .default('ind+eng'),
  OCR_PAGE_TIMEOUT_MS: int(1000, 600_000).default(60_000),
  SUGGEST_OCR_TIMEOUT_MS: int(1000, 600_000).default(25_000),
  // Opt-in: a folder of tessdata_fast models (Debian's tesseract-ocr-ind) instead of the npm data.
  OCR_TESSDATA_DIR: z.string().min(1).optional(),
  RETENTION_PASS_HOURS: int(0, 24 * 31).default(24),
  FIXITY_EVERY_HOURS: int(0, 24 * 366).default(24 * 7),
  FIXITY_WINDOW_HOURS: int(0, 24 * 31).default(24),
  TRANSFER_KEEP_ORIGINALS: z.enum(['true', 'false']).default('true'),
  BODY_GRACE_SECONDS: int(1, 3600).default(10),
  BODY_MIN_KBPS: int(1, 1_000_000).default(16),
  HEADERS_TIMEOUT_SECONDS: int(1, 600).default(15),
  FILE_READ_TIMEOUT_MS: int(1000, 600_000).default(60_000),
  PDF_MAX_STREAM_MB: int(1, 4096).default(128),
  UPLOAD_MAX_BYTES: int(1, 2 ** 40).default(1024 * 1024 * 1024),
  MAX_PAGES: int(1, 100_000).default(2000),
  MAX_PIXELS: int(1, 2 ** 31).default(100_000_000),
  BATCH_MAX_FILES: int(1, 10_000).default(500),
  ZIP_MAX_ENTRIES: int(1, 100_000).default(2000),
  ZIP_MAX_RATIO: int(1, 10_000).default(100),
  ZIP_MAX_TOTAL_BYTES: int(1, 2 ** 40).default(4 * 1024 * 1024 * 1024),
  JOB_POLL_MS: int(10, 60_000).default(500),
  // Short, because running jobs renew it: a killed worker's job is taken over within a minute.
  JOB_LEASE_MS: int(1000, 3_600_000).default(60_000),
  JOB_MAX_ATTEMPTS: int(1, 100).default(5),
  JOB_CONCURRENCY: int(1, 64).optional(),
  ADMIN_USERNAME: z.string().min(1).max(64).optional(),
  ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').max(256).optional(),
  ADMIN_CLEARANCE: z.enum(SECURITY_LEVELS).default('biasa'),
  TOKEN_TTL_HOURS: int(1, 24 * 30).default(12),
  TRUST_PROXY: z
    .string()
    .regex(/^[\w.:/, -]+$/, 'loopback, uniquelocal, an address or CIDR list, or a hop count')
    .default('loopback'),
  AUDIT_CHECKPOINT_MINUTES: int(0, 7 * 24 * 60).default(60),
  SMTP_URL: z
    .string()
    .refine((s) => /^smtps?:\/\/[^/]+/.test(s) && URL.canParse(s), 'smtp://user:pass@host:587 or smtps://user:pass@host:465')
    .optional(),
  MAIL_FROM: z.string().min(3).max(300).optional(),
  REMINDER_SCAN_SECONDS: int(0, 24 * 3600).default(60),
  OFFICE_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'an IANA time zone such as Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)')
    .default('Asia/Jakarta'),
  TSA_URL: z
    .string()
    .refine((s) => /^https?:\/\/[^/]+/.test(s) && URL.canParse(s), 'an http(s) URL of an RFC 3161 timestamp authority')
    .optional(),
  REMOTE_SIGNER_URL: z
    .string()
    .refine((s) => /^https?:\/\/[^/]+/.test(s) && URL.canParse(s), "an http(s) URL of a provider's remote signing service")
    .optional(),
  REMOTE_SIGNER_USERS: z
    .string()
    .refine(
      (s) => s.split(',').every((e) => !e.trim() || /^[^:\s]+:\d{16}$/.test(e.trim())),
      'comma-separated username:NIK pairs (a NIK is 16 digits), e.g. kepala:3404012345678901',
    )
    .default(''),
  REMOTE_SIGNER_SCOPE: z.enum(['users', 'office']).default('users'),
  REMOTE_SIGNER_TOKEN: z.string().min(1).max(4096).optional(),
  REMOTE_SIGNER_TIMEOUT_MS: int(100, 300_000).default(15_000),
  CA_KEY_PASSPHRASE: z.string().min(16, 'at least 16 characters (a long random secret)').max(1024).optional(),
  TOTP_SECRET_KEY: z.string().min(32, 'at least 32 characters (a long random secret, e.g. openssl rand -base64 32)').max(1024).optional(),
  BACKUP_DIR: z.string().min(1).optional(),
  // Fractions allowed (0.5 is every half hour); at least 36 seconds.
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 31)
    .default(24),
  BACKUP_KEEP: int(1, 10_000).default(7),
  LOG_ORIGIN: z
    .string()
    .regex(/^[\x21-\x2a\x2c-\x7e]{1,200}$/, 'printable ASCII without spaces or "+", e.g. bkd.slemankab.go.id/log')
    .optional(),
  LOG_SIGNING_KEY: z.string().min(32, 'at least 32 characters (a long random secret)').max(1024).optional(),
  LOG_WITNESSES: z
    .string()
    .refine(
      (s) => s.split(',').every((e) => /^https?:\/\/\S+ \S+\+[0-9a-f]{8}\+\S+$/.test(e.trim())),
      'comma-separated "URL KEY" pairs, KEY as GET /log/key prints it',
    )
    .optional(),
  LOG_WITNESS_MINUTES: int(1, 24 * 60).default(5),
  LOG_CHECKPOINT_MINUTES: int(1, 60).default(60),
  BACKUP_PASSPHRASE: z.string().min(12, 'at least 12 characters (every letter of the office is in a backup)').max(1024).optional(),
  CLAMD_SOCKET: z
    .string()
    .refine((s) => parseClamdAddress(s) !== null, 'a unix socket path (e.g. /run/clamav/clamd.ctl) or host:port (e.g. clamav:3310)')
    .optional(),
  // clamd's own scan time limit (MaxScanTime) is 120 s by default: wait as long before calling it down.
  CLAMD_TIMEOUT_MS: int(100, 3_600_000).default(120_000),
});

/** A configuration error that lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates configuration from an environment; throws ConfigError listing every problem. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const dataDir = path.resolve(e.DATA_DIR);
  if (e.STORAGE_DRIVER === 's3') {
    for (const k of ['S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const) if (!e[k]) problems.push(`${k}: required when STORAGE_DRIVER=s3`);
  }
  if (e.SEARCH_DRIVER === 'meilisearch' && !e.MEILI_URL) problems.push('MEILI_URL: required when SEARCH_DRIVER=meilisearch');
  if (e.SMTP_URL && !e.MAIL_FROM) problems.push('MAIL_FROM: required when SMTP_URL is set (the sender address, e.g. "Naskah <naskah@bkd.example.go.id>")');
  if ((e.ADMIN_USERNAME === undefined) !== (e.ADMIN_PASSWORD === undefined)) problems.push('ADMIN_USERNAME and ADMIN_PASSWORD: set both or neither');
  if (problems.length) throw new ConfigError(problems);

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const dbUrl = e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'naskah.sqlite')}`;
  const roles = e.NASKAH_ROLES.split(',').map((r) => r.trim());
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    roles: { web: roles.includes('web'), worker: roles.includes('worker') },
    database: { url: dbUrl, dialect: dbUrl.startsWith('sqlite:') ? 'sqlite' : 'mysql' },
    storage:
      e.STORAGE_DRIVER === 's3'
        ? { driver: 's3', endpoint: e.S3_ENDPOINT!, accessKey: e.S3_ACCESS_KEY!, secretKey: e.S3_SECRET_KEY!, bucket: e.S3_BUCKET, region: e.S3_REGION }
        : { driver: 'local', root: path.join(dataDir, 'objects') },
    search:
      e.SEARCH_DRIVER === 'meilisearch'
        ? { driver: 'meilisearch', url: e.MEILI_URL!, index: e.MEILI_INDEX, ...(e.MEILI_API_KEY ? { apiKey: e.MEILI_API_KEY } : {}) }
        : { driver: 'embedded', file: path.join(dataDir, 'index', 'search.sqlite') },
    ocr: {
      workers: e.OCR_WORKERS,
      languages: e.OCR_LANGUAGES,
      pageTimeoutMs: e.OCR_PAGE_TIMEOUT_MS,
      ...(e.OCR_TESSDATA_DIR ? { tessdataDir: path.resolve(e.OCR_TESSDATA_DIR) } : {}),
    },
    records: {
      retentionPassHours: e.RETENTION_PASS_HOURS,
      fixityEveryHours: e.FIXITY_EVERY_HOURS,
      fixityWindowHours: e.FIXITY_WINDOW_HOURS,
      keepTransferredOriginals: e.TRANSFER_KEEP_ORIGINALS === 'true',
    },
    requestPace: { graceMs: e.BODY_GRACE_SECONDS * 1000, minBytesPerSecond: e.BODY_MIN_KBPS * 1024, headersMs: e.HEADERS_TIMEOUT_SECONDS * 1000 },
    reading: { timeoutMs: e.FILE_READ_TIMEOUT_MS, maxStreamBytes: e.PDF_MAX_STREAM_MB * 2 ** 20 },
    limits: {
      uploadMaxBytes: e.UPLOAD_MAX_BYTES,
      maxPages: e.MAX_PAGES,
      maxPixels: e.MAX_PIXELS,
      batchMaxFiles: e.BATCH_MAX_FILES,
      zipMaxEntries: e.ZIP_MAX_ENTRIES,
      zipMaxRatio: e.ZIP_MAX_RATIO,
      zipMaxTotalBytes: e.ZIP_MAX_TOTAL_BYTES,
      suggestOcrMs: e.SUGGEST_OCR_TIMEOUT_MS,
    },
    jobs: { pollMs: e.JOB_POLL_MS, leaseMs: e.JOB_LEASE_MS, maxAttempts: e.JOB_MAX_ATTEMPTS, concurrency: e.JOB_CONCURRENCY ?? e.OCR_WORKERS },
    ...(e.ADMIN_USERNAME && e.ADMIN_PASSWORD ? { admin: { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD } } : {}),
    adminClearance: e.ADMIN_CLEARANCE,
    tokenTtlHours: e.TOKEN_TTL_HOURS,
    trustProxy: e.TRUST_PROXY,
    audit: { checkpointMinutes: e.AUDIT_CHECKPOINT_MINUTES },
    ...(e.SMTP_URL && e.MAIL_FROM ? { mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } } : {}),
    reminders: { scanSeconds: e.REMINDER_SCAN_SECONDS, timeZone: e.OFFICE_TIMEZONE },
    ...(e.TSA_URL ? { timestampUrl: e.TSA_URL } : {}),
    ...(e.REMOTE_SIGNER_URL
      ? {
          remoteSigner: {
            url: e.REMOTE_SIGNER_URL.replace(/\/+$/, ''),
            niks: new Map(
              e.REMOTE_SIGNER_USERS.split(',')
                .map((p) => p.trim())
                .filter(Boolean)
                .map((p) => [p.split(':')[0]!.toLowerCase(), p.split(':')[1]!] as const),
            ),
            officeWide: e.REMOTE_SIGNER_SCOPE === 'office',
            timeoutMs: e.REMOTE_SIGNER_TIMEOUT_MS,
            ...(e.REMOTE_SIGNER_TOKEN ? { token: e.REMOTE_SIGNER_TOKEN } : {}),
          },
        }
      : {}),
    ...(e.CA_KEY_PASSPHRASE ? { caKeyPassphrase: e.CA_KEY_PASSPHRASE } : {}),
    ...(e.TOTP_SECRET_KEY ? { totpSecretKey: e.TOTP_SECRET_KEY } : {}),
    ...(e.CLAMD_SOCKET ? { clamd: { address: parseClamdAddress(e.CLAMD_SOCKET)!, timeoutMs: e.CLAMD_TIMEOUT_MS } } : {}),
    publicLog: {
      origin: e.LOG_ORIGIN ?? `${new URL(publicUrl).host}/log`,
      ...(e.LOG_SIGNING_KEY ? { signingKey: e.LOG_SIGNING_KEY } : {}),
      witnesses: (e.LOG_WITNESSES ?? '')
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean)
        .map((w) => ({ url: w.split(' ')[0]!.replace(/\/$/, ''), key: w.split(' ')[1]! })),
      witnessMinutes: e.LOG_WITNESS_MINUTES,
      checkpointMinutes: e.LOG_CHECKPOINT_MINUTES,
    },
    backup: {
      ...(e.BACKUP_DIR ? { dir: path.resolve(e.BACKUP_DIR) } : {}),
      intervalHours: e.BACKUP_INTERVAL_HOURS,
      keep: e.BACKUP_KEEP,
      ...(e.BACKUP_PASSPHRASE ? { passphrase: e.BACKUP_PASSPHRASE } : {}),
    },
  };
};
