import { Op, type Transaction, type WhereOptions, literal } from 'sequelize';
import { type AuditEntry, hashAuditEntry } from '../../../domain/audit-chain.ts';
import type { AuditRepository, AuditVisibility } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import type { TransactionRunner } from '../transactions.ts';
import type { AuditRow } from '../models/documents.models.ts';
import { toDate, toNum } from './row.ts';
import { visibleDocumentIds } from './visibility.ts';
import { pagedRows } from './paged.ts';

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: toNum(r.seq),
  at: toDate(r.at),
  actorId: r.actorId,
  action: r.action,
  targetType: r.targetType,
  targetId: r.targetId,
  details: JSON.parse(r.details) as Record<string, unknown>,
  prevHash: r.prevHash,
  hash: r.hash,
});

/**
 * Appends lock the single chain-head row (FOR UPDATE on MySQL; SQLite's IMMEDIATE transaction
 * already serialises writers), so entries get consecutive seqs and each links to the one before.
 */
export const auditRepository = (m: Models, runTransaction: TransactionRunner, transaction?: Transaction): AuditRepository => ({
  async append(entry) {
    const run = async (t: Transaction): Promise<AuditEntry> => {
      // Migration 001 wrote the head row.
      const head = (await m.AuditHead.findByPk(1, { transaction: t, lock: t.LOCK.UPDATE, raw: true }))!;
      // Millisecond precision is what both databases keep; hash exactly what is stored.
      const at = new Date(Math.floor(entry.at.getTime()));
      const base = { ...entry, at, seq: toNum(head.seq) + 1, prevHash: head.hash };
      const full: AuditEntry = { ...base, hash: hashAuditEntry(base) };
      await m.Audit.create({ ...full, details: JSON.stringify(full.details) }, { transaction: t });
      await m.AuditHead.update({ seq: full.seq, hash: full.hash }, { where: { id: 1 }, transaction: t });
      return full;
    };
    return transaction ? run(transaction) : runTransaction(run);
  },
  async list(filter, visibility, page, limit) {
    const where: WhereOptions[] = [visibleTo(m, visibility)];
    if (filter.targetId) where.push({ targetId: filter.targetId });
    if (filter.actorId) where.push({ actorId: filter.actorId });
    if (filter.action) where.push({ action: filter.action });
    if (filter.from) where.push({ at: { [Op.gte]: filter.from } });
    if (filter.to) where.push({ at: { [Op.lte]: filter.to } });
    return pagedRows(m.Audit, { where: { [Op.and]: where }, order: [['seq', 'ASC']], page, limit, transaction }, toEntry);
  },
  async ofTargets(targetType, targetIds) {
    if (targetIds.length === 0) return [];
    return (await m.Audit.findAll({ where: { targetType, targetId: targetIds }, order: [['seq', 'ASC']], raw: true, transaction })).map(toEntry);
  },
  async scan(afterSeq, limit) {
    return (await m.Audit.findAll({ where: { seq: { [Op.gt]: afterSeq } }, order: [['seq', 'ASC']], limit, raw: true, transaction })).map(toEntry);
  },
  async head() {
    const r = (await m.AuditHead.findByPk(1, { raw: true, transaction }))!;
    return { seq: toNum(r.seq), hash: r.hash };
  },
  async addCheckpoint(c) {
    await m.AuditCheckpoint.findOrCreate({ where: { seq: c.seq }, defaults: { ...c }, transaction });
  },
  async checkpoints(page, limit) {
    return pagedRows(m.AuditCheckpoint, { order: [['seq', 'DESC']], page, limit, transaction }, (r) => ({
      seq: toNum(r.seq),
      hash: r.hash,
      at: toDate(r.at),
    }));
  },
});

/** Target types whose entries carry what only readers of a document may know. */
const GUARDED = ['document', 'outgoing_letter'];

/**
 * Entries about documents only when the reader may see the document (the same unit-and-level
 * rule as every other read, or a grant); entries about outgoing letters (their document, level,
 * number, signer) only when the reader may see the letter's current document, as the letter
 * itself is shown. Entries about anything else (users, units, the trail) carry nothing of a
 * document and pass.
 */
const visibleTo = (m: Models, v: AuditVisibility): WhereOptions => {
  const ids = visibleDocumentIds(m.Audit.sequelize!, v);
  return {
    [Op.or]: [
      { targetType: { [Op.notIn]: GUARDED } },
      { targetType: 'document', targetId: { [Op.in]: literal(`(${ids})`) } },
      { targetType: 'outgoing_letter', targetId: { [Op.in]: literal(`(SELECT id FROM outgoing_letters WHERE document_id IN (${ids}))`) } },
    ],
  };
};
