import type { DispositionRecord, IncomingLetterRecord } from '../../domain/correspondence.ts';
import { routingTree, type RoutingNode } from '../../domain/disposition-rules.ts';
import type { AppDeps } from '../deps.ts';

type Person = { id: string; name: string };
type Addressee = { user: Person } | { unit: { code: string; name: string } };

/** Names of the people and units dispositions mention, looked up once per response. */
export interface Names {
  person(id: string): Person;
  addressee(d: Pick<DispositionRecord, 'toUserId' | 'toUnitCode'>): Addressee;
}

/** Loads the names every given disposition mentions (senders, addressees, completers). */
export const namesFor = async (deps: AppDeps, ds: DispositionRecord[]): Promise<Names> => {
  const ids = new Set<string>();
  for (const d of ds) for (const id of [d.fromUserId, d.toUserId, d.completedBy]) if (id) ids.add(id);
  const users = new Map<string, string>();
  for (const id of ids) {
    const u = await deps.db.users.findById(id);
    if (u) users.set(id, u.name);
  }
  const units = new Map((await deps.db.units.all()).map((u) => [u.code, u.name]));
  // A vanished account or unit still shows who it was by id/code rather than failing the list.
  const person = (id: string): Person => ({ id, name: users.get(id) ?? id });
  return {
    person,
    addressee: (d) =>
      d.toUserId ? { user: person(d.toUserId) } : { unit: { code: d.toUnitCode ?? '', name: units.get(d.toUnitCode ?? '') ?? d.toUnitCode ?? '' } },
  };
};

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The API shape of one disposition (without its children). */
export const presentDisposition = (d: DispositionRecord, names: Names) => ({
  id: d.id,
  letterId: d.letterId,
  parentId: d.parentId,
  from: names.person(d.fromUserId),
  to: names.addressee(d),
  instruction: d.instruction,
  actions: d.actions,
  dueAt: iso(d.dueAt),
  status: d.status,
  read: d.readAt !== null,
  readAt: iso(d.readAt),
  completedAt: iso(d.completedAt),
  completedBy: d.completedBy ? names.person(d.completedBy) : null,
  report: d.report,
  reportDocumentId: d.reportDocumentId,
  createdAt: d.createdAt.toISOString(),
});

/**
 * What a disposition shows of its letter: enough to recognise it in an inbox. Someone not cleared
 * for the letter's level (a member of a unit it was sent to) gets it without subject and sender
 * (null): they hold the disposition, not the letter.
 */
export const letterSummary = (l: IncomingLetterRecord, cleared: boolean) => ({
  id: l.id,
  agendaNumber: l.agendaNumber,
  agendaYear: l.agendaYear,
  unitCode: l.unitCode,
  letterNumber: l.letterNumber,
  subject: cleared ? l.subject : null,
  sender: cleared ? l.sender : null,
  urgency: l.urgency,
  status: l.status,
});

type PresentedNode = ReturnType<typeof presentDisposition> & { children: PresentedNode[] };

const presentNode = (n: RoutingNode, names: Names): PresentedNode => ({
  ...presentDisposition(n.disposition, names),
  children: n.children.map((c) => presentNode(c, names)),
});

/** The routing tree of a letter, nested, with who holds it now and since when. */
export const presentTree = (ds: DispositionRecord[], names: Names) => {
  const { roots, holders } = routingTree(ds);
  return {
    items: roots.map((r) => presentNode(r, names)),
    holders: holders.map((h) => ({ dispositionId: h.disposition.id, holder: names.addressee(h.disposition), since: h.since.toISOString() })),
  };
};
