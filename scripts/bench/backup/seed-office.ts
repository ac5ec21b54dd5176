/**
 * Fills an office with documents quickly, without HTTP or text extraction: each original goes
 * to storage through the blob store, its row, page text and index entry are written directly
 * (status ready), as if the office had archived them over the years. For the backup bench (a
 * 10,000-document office) and the tests that need many or large originals.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppDeps } from '../../../src/app/deps.ts';
import { originalKey } from '../../../src/app/documents/keys.ts';
import { loadSearchDocuments } from '../../../src/app/documents/search-document.ts';
import { generateLetter } from '../../fixtures/letter-text.ts';

export interface SeedOptions {
  count: number;
  /** Bytes of each original (random after a PDF header, so every one is distinct), or bytes by index. */
  size: number | ((index: number) => number);
  createdBy: string;
  unitCode?: string;
  /** Page text and an index entry per document (a realistic database); off for plain bulk. */
  withText?: boolean;
  /** Documents written per transaction and originals stored at once. */
  chunk?: number;
  onProgress?: (done: number) => void;
}

const storeOriginal = async (deps: Pick<AppDeps, 'blobs'>, size: number): Promise<{ sha256: string; size: number }> => {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n%seeded\n'), randomBytes(Math.max(0, size - 17))]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = path.join(os.tmpdir(), `naskah-seed-${randomUUID()}`);
  await writeFile(file, bytes);
  try {
    await deps.blobs.putFile(originalKey(sha256), file, { size: bytes.length, contentType: 'application/pdf' });
  } finally {
    await rm(file, { force: true });
  }
  return { sha256, size: bytes.length };
};

/** Adds `count` ready documents; returns their ids. */
export const seedDocuments = async (deps: Pick<AppDeps, 'db' | 'blobs' | 'search' | 'clock'>, o: SeedOptions): Promise<string[]> => {
  const chunk = o.chunk ?? 100;
  const ids: string[] = [];
  for (let start = 0; start < o.count; start += chunk) {
    const n = Math.min(chunk, o.count - start);
    const sizeOf = (i: number) => (typeof o.size === 'number' ? o.size : o.size(start + i));
    const stored = await Promise.all(Array.from({ length: n }, (_, i) => storeOriginal(deps, sizeOf(i))));
    const now = deps.clock.now();
    const made = stored.map((s, i) => {
      const letter = generateLetter(start + i + 1);
      return { id: randomUUID(), letter, ...s };
    });
    await deps.db.transaction(async (tx) => {
      for (const d of made) {
        await tx.documents.create(
          {
            id: d.id,
            kind: 'document',
            title: d.letter.subject,
            sha256: d.sha256,
            size: d.size,
            mimeType: 'application/pdf',
            storageKey: originalKey(d.sha256),
            originalName: `${d.id}.pdf`,
            pages: 1,
            classificationCode: null,
            securityLevel: 'biasa',
            unitCode: o.unitCode ?? 'ORG',
            documentDate: d.letter.letterDate,
            tags: [],
            letterNumber: d.letter.letterNumber,
            sender: d.letter.sender,
            createdBy: o.createdBy,
            batchId: null,
            retention: { recordDate: d.letter.letterDate, phase: 'unclassified', activeUntil: null, inactiveUntil: null, finalDisposition: null },
          },
          now,
        );
        if (o.withText) await tx.pages.replace(d.id, [{ page: 1, text: [d.letter.subject, ...d.letter.paragraphs].join('\n'), source: 'pdf-text' }]);
        // Each archived file is an audit entry, as an upload makes: the trail is most of an office's rows.
        await tx.audit.append({
          at: now,
          actorId: o.createdBy,
          action: 'document.upload',
          targetType: 'document',
          targetId: d.id,
          details: { sha256: d.sha256, size: d.size, seeded: true },
        });
        await tx.documents.setStatus(d.id, 'ready', { textSource: o.withText ? 'pdf-text' : 'none', pages: 1 }, now);
      }
    });
    if (o.withText) await deps.search.upsert(await loadSearchDocuments(deps.db, await deps.db.documents.findManyByIds(made.map((d) => d.id))));
    ids.push(...made.map((d) => d.id));
    o.onProgress?.(ids.length);
  }
  return ids;
};
