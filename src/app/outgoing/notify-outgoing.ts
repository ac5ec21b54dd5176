import type { OutgoingLetterRecord } from '../../domain/correspondence.ts';
import { securityRank } from '../../domain/security-level.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { recordNotification } from '../notifications/record-notification.ts';

/** Why someone hears about an outgoing letter. */
export type OutgoingNotice = 'outgoing_review' | 'outgoing_sign' | 'outgoing_returned' | 'outgoing_signed';

// A notice may leave the building by email: the subject of a secret letter stays inside.
const label = (l: OutgoingLetterRecord): string =>
  securityRank(l.securityLevel) >= securityRank('rahasia') ? 'perihal dirahasiakan / subject withheld' : `"${l.subject.slice(0, 200)}"`;

const text = (kind: OutgoingNotice, l: OutgoingLetterRecord): string => {
  const s = label(l);
  switch (kind) {
    case 'outgoing_review':
      return `Draf surat keluar ${s} (versi ${l.version}) menunggu paraf Anda. — The draft outgoing letter ${s} (version ${l.version}) waits for your review.`;
    case 'outgoing_sign':
      return `Surat keluar ${s} telah disetujui semua pemeriksa dan menunggu tanda tangan Anda. — The outgoing letter ${s} is approved by every reviewer and waits for your signature.`;
    case 'outgoing_returned':
      return `Draf surat keluar ${s} (versi ${l.version}) dikembalikan untuk diperbaiki. — The draft outgoing letter ${s} (version ${l.version}) was returned for revision.`;
    case 'outgoing_signed':
      return `Surat keluar ${s} telah ditandatangani dengan nomor ${l.letterNumber ?? '-'}. — The outgoing letter ${s} was signed as number ${l.letterNumber ?? '-'}.`;
  }
};

/**
 * Records an in-app notice (and its email when the user has an address and SMTP is set) in the
 * caller's transaction; one per letter, version, kind and user however often it is offered.
 */
export const notifyOutgoing = async (deps: AppDeps, tx: Repositories, kind: OutgoingNotice, letter: OutgoingLetterRecord, userId: string): Promise<void> => {
  const user = await tx.users.findById(userId);
  if (!user || user.disabled) return;
  await recordNotification(deps, tx, user, {
    kind,
    dedupeKey: `outgoing:${letter.id}:v${letter.version}:${kind}:${userId}`,
    subjectType: 'outgoing_letter',
    subjectId: letter.id,
    message: text(kind, letter),
  });
};
