import type { Sequelize } from 'sequelize';
import type { DocumentVisibility } from '../../../ports/correspondence-repositories.ts';

/**
 * SQL selecting the ids of the documents a reader may see: their units (or all) at their
 * levels, or granted to them. The one SQL form of domain/access.ts's canRead, used by every list
 * that joins documents (audit entries, incoming and outgoing letters). Values are escaped.
 */
export const visibleDocumentIds = (q: Sequelize, v: DocumentVisibility): string => {
  const levels = v.levels.length ? v.levels.map((l) => q.escape(l)).join(',') : 'NULL';
  const units = v.unitCodes === 'all' ? '' : ` AND unit_code IN (${v.unitCodes.length ? v.unitCodes.map((u) => q.escape(u)).join(',') : 'NULL'})`;
  return `SELECT id FROM documents WHERE security_level IN (${levels})${units} UNION SELECT document_id FROM document_readers WHERE user_id = ${q.escape(v.userId)}`;
};
