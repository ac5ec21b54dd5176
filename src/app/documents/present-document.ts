import type { DocumentRecord } from '../../domain/document.ts';

/** The API shape of a document's metadata. */
export const presentDocument = (d: DocumentRecord) => ({
  id: d.id,
  kind: d.kind,
  title: d.title,
  status: d.status,
  ...(d.error ? { error: d.error } : {}),
  sha256: d.sha256,
  size: d.size,
  mimeType: d.mimeType,
  pages: d.pages,
  textSource: d.textSource,
  originalName: d.originalName,
  classificationCode: d.classificationCode,
  securityLevel: d.securityLevel,
  unitCode: d.unitCode,
  documentDate: d.documentDate,
  tags: d.tags,
  letterNumber: d.letterNumber,
  sender: d.sender,
  batchId: d.batchId,
  createdBy: d.createdBy,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});
