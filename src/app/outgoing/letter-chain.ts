import { canRead, type Actor, type ReadScope } from '../../domain/access.ts';
import type { IncomingLetterRecord, OutgoingLetterRecord } from '../../domain/correspondence.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import type { DocumentVisibility } from '../../ports/correspondence-repositories.ts';
import type { AppDeps } from '../deps.ts';
import { scopeOf } from '../documents/read-documents.ts';
import { visibleIncoming } from '../incoming/read-incoming.ts';
import { visibleOutgoing } from './read-outgoing.ts';

/** A thread longer than this is cut (a matter's letters are a handful; this bounds a bad cycle's cost). */
const MAX_LETTERS = 50;

type Kind = 'incoming' | 'outgoing';
type Letter = { kind: 'incoming'; l: IncomingLetterRecord } | { kind: 'outgoing'; l: OutgoingLetterRecord };

const presentLink = (x: Letter) =>
  x.kind === 'incoming'
    ? {
        kind: x.kind,
        id: x.l.id,
        letterNumber: x.l.letterNumber,
        subject: x.l.subject,
        party: x.l.sender,
        unitCode: x.l.unitCode,
        at: x.l.receivedAt.toISOString(),
      }
    : {
        kind: x.kind,
        id: x.l.id,
        letterNumber: x.l.letterNumber,
        subject: x.l.subject,
        party: null,
        unitCode: x.l.unitCode,
        at: (x.l.signedAt ?? x.l.createdAt).toISOString(),
      };

/**
 * The whole reply chain a letter belongs to (issue 13), both ways and across units: an outgoing
 * letter, the letter it answers, the register entries it became inside the office, and their
 * replies in turn, oldest first. Only letters whose document the caller may read are shown, and
 * the chain is not followed through one they may not read.
 */
export const letterChain = async (deps: AppDeps, actor: Actor, kind: Kind, id: string) => {
  // The start is checked as reading it is (404 for a letter the caller may not see).
  const start: Letter =
    kind === 'incoming' ? { kind, l: (await visibleIncoming(deps, actor, id)).letter } : { kind, l: await visibleOutgoing(deps, actor, id) };
  const scope: ReadScope = await scopeOf(deps, actor);
  // Replies are found whatever their current draft's unit, then each is shown only when its (signed) document is readable.
  const everyReply: DocumentVisibility = { userId: actor.id, unitCodes: 'all', levels: [...SECURITY_LEVELS] };
  const readable = async (documentId: string): Promise<boolean> => {
    const doc = await deps.db.documents.findById(documentId);
    return Boolean(doc && canRead(scope, { ...doc, readers: await deps.db.readers.of(doc.id) }));
  };
  const seen = new Map<string, Letter>([[`${start.kind}:${start.l.id}`, start]]);
  const queue: Letter[] = [start];
  const visit = async (next: Letter | null) => {
    if (!next || seen.has(`${next.kind}:${next.l.id}`) || seen.size >= MAX_LETTERS) return;
    const documentId = next.kind === 'outgoing' ? (next.l.signedDocumentId ?? next.l.documentId) : next.l.documentId;
    if (!(await readable(documentId))) return;
    seen.set(`${next.kind}:${next.l.id}`, next);
    queue.push(next);
  };
  while (queue.length) {
    const x = queue.shift()!;
    if (x.kind === 'outgoing') {
      const answered = x.l.inReplyTo ? await deps.db.incoming.findById(x.l.inReplyTo) : null;
      await visit(answered && { kind: 'incoming', l: answered });
      for (const entry of await deps.db.incoming.ofSource(x.l.id)) await visit({ kind: 'incoming', l: entry });
    } else {
      const source = x.l.sourceOutgoingId ? await deps.db.outgoing.findById(x.l.sourceOutgoingId) : null;
      await visit(source && { kind: 'outgoing', l: source });
      for (const reply of (await deps.db.outgoing.list({ inReplyTo: x.l.id }, everyReply, 1, MAX_LETTERS)).items) await visit({ kind: 'outgoing', l: reply });
    }
  }
  // A signed letter and the register entries it became share their moment: the letter comes first.
  const items = [...seen.values()]
    .map(presentLink)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind === b.kind ? 0 : a.kind === 'outgoing' ? -1 : 1));
  return { items };
};
