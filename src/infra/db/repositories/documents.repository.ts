import { Op, type Transaction } from 'sequelize';
import type { FinalDisposition } from '../../../domain/classification.ts';
import type { AcceptedMimeType, DocumentKind, DocumentRecord, DocumentStatus, PageText, StoredRetention, TextSource } from '../../../domain/document.ts';
import type { RetentionPhase } from '../../../domain/retention.ts';
import type { SecurityLevel } from '../../../domain/security-level.ts';
import type { DocumentRepository, PageTextRepository } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import type { DocumentRow, PageRow } from '../models/documents.models.ts';
import { countBy, mapOne, toDate, toDateOrNull, toNum } from './row.ts';

export const toDocument = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  kind: r.kind as DocumentKind,
  title: r.title,
  status: r.status as DocumentStatus,
  error: r.error,
  sha256: r.sha256,
  size: toNum(r.size),
  mimeType: r.mimeType as AcceptedMimeType,
  storageKey: r.storageKey,
  originalName: r.originalName,
  pages: r.pages,
  textSource: r.textSource as TextSource | null,
  classificationCode: r.classificationCode,
  securityLevel: r.securityLevel as SecurityLevel,
  unitCode: r.unitCode,
  documentDate: r.documentDate,
  tags: JSON.parse(r.tags) as string[],
  letterNumber: r.letterNumber,
  sender: r.sender,
  paperLocation: r.paperLocation,
  createdBy: r.createdBy,
  batchId: r.batchId,
  legacyCode: r.legacyCode,
  version: r.version,
  retention: {
    recordDate: r.recordDate,
    phase: r.retentionPhase as RetentionPhase | null,
    activeUntil: r.activeUntil,
    inactiveUntil: r.inactiveUntil,
    finalDisposition: r.finalDisposition as FinalDisposition | null,
    disposalId: r.disposalId,
    disposedAt: toDateOrNull(r.disposedAt),
    transferId: r.transferId,
    transferredAt: toDateOrNull(r.transferredAt),
  },
  createdAt: toDate(r.createdAt),
  updatedAt: toDate(r.updatedAt),
});

/** The flat columns of a retention (or part of one). */
export const retentionColumns = (r: Partial<StoredRetention>): Partial<DocumentRow> => {
  const out: Partial<DocumentRow> = {};
  if (r.recordDate !== undefined) out.recordDate = r.recordDate;
  if (r.phase !== undefined) out.retentionPhase = r.phase;
  if (r.activeUntil !== undefined) out.activeUntil = r.activeUntil;
  if (r.inactiveUntil !== undefined) out.inactiveUntil = r.inactiveUntil;
  if (r.finalDisposition !== undefined) out.finalDisposition = r.finalDisposition;
  if (r.disposalId !== undefined) out.disposalId = r.disposalId;
  if (r.disposedAt !== undefined) out.disposedAt = r.disposedAt;
  if (r.transferId !== undefined) out.transferId = r.transferId;
  if (r.transferredAt !== undefined) out.transferredAt = r.transferredAt;
  return out;
};

export const documentRepository = (m: Models, transaction?: Transaction): DocumentRepository => ({
  async create(doc, now) {
    const retention: StoredRetention = { ...doc.retention, disposalId: null, disposedAt: null, transferId: null, transferredAt: null };
    const row: DocumentRecord = {
      ...doc,
      legacyCode: doc.legacyCode ?? null,
      paperLocation: doc.paperLocation ?? null,
      retention,
      version: 1,
      status: 'processing',
      error: null,
      textSource: null,
      createdAt: now,
      updatedAt: now,
    };
    const { retention: _r, ...flat } = row;
    await m.Document.create({ ...flat, ...retentionColumns(retention), tags: JSON.stringify(doc.tags) }, { transaction });
    return row;
  },
  async findById(id) {
    return mapOne(await m.Document.findByPk(id, { raw: true, transaction }), toDocument);
  },
  async findBySha256(sha256) {
    return mapOne(await m.Document.findOne({ where: { sha256 }, raw: true, transaction }), toDocument);
  },
  async updateMetadata(id, patch, now, version) {
    const { tags, ...rest } = patch;
    const [n] = await m.Document.update(
      { ...rest, ...(tags ? { tags: JSON.stringify(tags) } : {}), version: version + 1, updatedAt: now },
      { where: { id, version }, transaction },
    );
    return n === 1;
  },
  async setStatus(id, status, extra, now) {
    await m.Document.update({ status, updatedAt: now, ...extra }, { where: { id }, transaction });
  },
  async listIds(afterId, limit) {
    const rows = await m.Document.findAll({
      attributes: ['id'],
      where: afterId ? { id: { [Op.gt]: afterId } } : {},
      order: [['id', 'ASC']],
      limit,
      raw: true,
      transaction,
    });
    return rows.map((r) => r.id);
  },
  async findManyByIds(ids) {
    if (ids.length === 0) return [];
    return (await m.Document.findAll({ where: { id: ids }, raw: true, transaction })).map(toDocument);
  },
  async *storageKeys() {
    let after = '';
    for (;;) {
      const rows = await m.Document.findAll({
        attributes: ['storageKey'],
        where: { storageKey: { [Op.gt]: after } }, // '' (no bytes kept) sorts before every key
        group: ['storageKey'],
        order: [['storageKey', 'ASC']],
        limit: 1000,
        raw: true,
        transaction,
      });
      if (rows.length === 0) return;
      for (const r of rows) yield r.storageKey;
      after = rows[rows.length - 1]!.storageKey;
    }
  },
  async countByStatus() {
    const out: Record<DocumentStatus, number> = { processing: 0, ready: 0, failed: 0 };
    for (const r of await countBy(m.Document, ['status'], { transaction })) out[r.status as DocumentStatus] = r.n;
    return out;
  },
});

const toPage = (r: PageRow): PageText => ({
  page: r.page,
  text: r.text,
  source: r.source as PageText['source'],
  ...(r.confidence === null ? {} : { confidence: r.confidence }),
});

export const pageTextRepository = (m: Models, transaction?: Transaction): PageTextRepository => ({
  async replace(documentId, pages) {
    await m.Page.destroy({ where: { documentId }, transaction });
    if (pages.length) {
      await m.Page.bulkCreate(
        pages.map((p) => ({ documentId, page: p.page, text: p.text, confidence: p.confidence ?? null, source: p.source })),
        { transaction },
      );
    }
  },
  async get(documentId) {
    return (await m.Page.findAll({ where: { documentId }, order: [['page', 'ASC']], raw: true, transaction })).map(toPage);
  },
  async getMany(documentIds) {
    const out = new Map<string, PageText[]>(documentIds.map((id) => [id, []]));
    if (documentIds.length === 0) return out;
    const rows = await m.Page.findAll({
      where: { documentId: documentIds },
      order: [
        ['documentId', 'ASC'],
        ['page', 'ASC'],
      ],
      raw: true,
      transaction,
    });
    for (const r of rows) out.get(r.documentId)?.push(toPage(r));
    return out;
  },
});
