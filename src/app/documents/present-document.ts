import type { DocumentRecord } from '../../domain/document.ts';
import { failureKind } from '../../domain/failure-kinds.ts';

/** A document's retention as the API shows it; `holds` only where they were looked up (one document). */
export const presentRetention = (d: DocumentRecord, holds?: { id: string; name: string }[]) => ({
  classificationCode: d.classificationCode,
  recordDate: d.retention.recordDate,
  activeUntil: d.retention.activeUntil,
  inactiveUntil: d.retention.inactiveUntil,
  finalDisposition: d.retention.finalDisposition,
  phase: d.retention.phase,
  ...(holds ? { holds } : {}),
  ...(d.retention.disposalId ? { disposal: { id: d.retention.disposalId, disposedAt: d.retention.disposedAt?.toISOString() ?? null } } : {}),
  ...(d.retention.transferId ? { transfer: { id: d.retention.transferId, transferredAt: d.retention.transferredAt?.toISOString() ?? null } } : {}),
});

/** The API shape of a document's metadata. */
export const presentDocument = (d: DocumentRecord, o: { holds?: { id: string; name: string }[] } = {}) => ({
  id: d.id,
  kind: d.kind,
  title: d.title,
  status: d.status,
  ...(d.error ? { error: d.error, errorCode: failureKind(d.error) ?? 'other' } : {}),
  sha256: d.sha256,
  size: d.size,
  mimeType: d.mimeType,
  pages: d.pages,
  textSource: d.textSource,
  originalName: d.originalName,
  classificationCode: d.classificationCode,
  legacyCode: d.legacyCode,
  securityLevel: d.securityLevel,
  unitCode: d.unitCode,
  documentDate: d.documentDate,
  tags: d.tags,
  letterNumber: d.letterNumber,
  sender: d.sender,
  paperLocation: d.paperLocation,
  batchId: d.batchId,
  createdBy: d.createdBy,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  version: d.version,
  retention: presentRetention(d, o.holds),
  // What a destroyed record was and who approved its destruction: GET /disposals/:id has the rest.
  ...(d.retention.disposalId ? { disposal: { id: d.retention.disposalId, disposedAt: d.retention.disposedAt?.toISOString() ?? null } } : {}),
});
