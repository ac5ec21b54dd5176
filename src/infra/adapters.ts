import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.ts';
import type { OcrEngine } from '../ports/ocr-engine.ts';
import type { SearchIndex } from '../ports/search-index.ts';
import { createYauzlArchiveReader } from './archive/yauzl.archive-reader.ts';
import { createYazlArchiveWriter } from './archive/yazl.archive-writer.ts';
import { createArgon2PasswordHasher } from './auth/argon2.password-hasher.ts';
import { fxaCommonPasswords } from './auth/fxa.common-passwords.ts';
import { openSequelizeDatabase } from './db/sequelize.database.ts';
import { createTesseractOcrEngine } from './extract/tesseract-ocr.engine.ts';
import { createTextExtractor } from './extract/text-extractor.ts';
import { createPdfLibSearchablePdfWriter } from './pdf/pdf-lib.searchable-pdf.ts';
import { noMailer } from './mail/no.mailer.ts';
import { createSmtpMailer } from './mail/smtp.mailer.ts';
import { createPdfLibLetterRenderer } from './pdf/pdf-lib.letter-renderer.ts';
import { createThreadedPaperRenderer } from './pdf/threaded.paper-renderer.ts';
import { qrcodeRenderer } from './qr/qrcode.renderer.ts';
import { createFts5SearchIndex } from './search/fts5/fts5.search-index.ts';
import { createClamdMalwareScanner } from './scan/clamd.malware-scanner.ts';
import { noMalwareScanner } from './scan/no.malware-scanner.ts';
import { directoryVaults } from './backup/directory.vault.ts';
import { officeCaSecret } from './secrets/office-ca-secret.ts';
import { dataDirSecrets } from './secrets/secret-files.ts';
import { totpSealer } from './secrets/totp-secret-key.ts';
import { logNoteSigner } from './secrets/log-signing-key.ts';
import { httpRemoteLogs } from './public-log/http-remote-logs.ts';
import { createSigningAdapters } from './signing/signing.adapters.ts';
import { createLocalStagingArea } from './staging/local.staging-area.ts';
import { blobStoreFor } from './storage/blob-store-for.ts';

/** The one place configuration picks backends; everything above sees only ports. */
export { blobStoreFor };

/** The Meilisearch client is loaded only when configured, so the embedded profile never pays for it. */
export const searchIndexFor = async (c: Config['search']): Promise<SearchIndex> => {
  if (c.driver === 'embedded') {
    await mkdir(path.dirname(c.file), { recursive: true });
    return createFts5SearchIndex({ file: c.file });
  }
  const { createMeilisearchSearchIndex } = await import('./search/meilisearch/meilisearch.search-index.ts');
  return createMeilisearchSearchIndex({ url: c.url, indexUid: c.index, ...(c.apiKey ? { apiKey: c.apiKey } : {}) });
};

export const ocrEngineFor = (config: Config): OcrEngine =>
  createTesseractOcrEngine({
    workers: config.ocr.workers,
    languages: config.ocr.languages,
    scratchDir: path.join(config.dataDir, 'ocr'),
    pageTimeoutMs: config.ocr.pageTimeoutMs,
    ...(config.ocr.tessdataDir ? { tessdataDir: config.ocr.tessdataDir } : {}),
  });

/** Opens every adapter the configuration names. The database must answer; the others may come later. */
export const openAdapters = async (config: Config) => {
  const totpSecrets = await totpSealer(config);
  const db = await openSequelizeDatabase(config.database, { totpSealer: async () => totpSecrets });
  const blobs = blobStoreFor(config.storage);
  const search = await searchIndexFor(config.search);
  const ocr = ocrEngineFor(config);
  return {
    db,
    blobs,
    search,
    ocr,
    staging: createLocalStagingArea({ dir: path.join(config.dataDir, 'tmp') }),
    extractor: createTextExtractor({ ocr, reader: config.reading }),
    archives: createYauzlArchiveReader(),
    archiveWriter: createYazlArchiveWriter(),
    hasher: createArgon2PasswordHasher(),
    commonPasswords: fxaCommonPasswords(),
    qr: qrcodeRenderer(),
    letterRenderer: createPdfLibLetterRenderer(),
    paper: createThreadedPaperRenderer(),
    searchablePdf: createPdfLibSearchablePdfWriter(),
    signing: createSigningAdapters({
      publicUrl: config.publicUrl,
      ...(config.timestampUrl ? { timestampUrl: config.timestampUrl } : {}),
      ...(config.remoteSigner ? { remoteSigner: config.remoteSigner } : {}),
    }),
    caKeySecret: await officeCaSecret(config),
    totpSecrets,
    malware: config.clamd ? createClamdMalwareScanner(config.clamd) : noMalwareScanner(),
    logSigner: await logNoteSigner(config),
    remoteLogs: httpRemoteLogs(),
    mailer: config.mail ? createSmtpMailer({ url: config.mail.smtpUrl, from: config.mail.from }) : noMailer(),
    // Backups: consistent snapshots of the database, the generated secrets, backup directories.
    snapshots: db.snapshots,
    secretFiles: dataDirSecrets(config.dataDir),
    vaults: directoryVaults(),
  };
};

export type Adapters = Awaited<ReturnType<typeof openAdapters>>;
