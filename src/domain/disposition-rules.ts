import { subtreeOf, type UnitNode } from './access.ts';
import type { DispositionRecord, IncomingStatus } from './correspondence.ts';
import { AppError, type FieldError } from './errors.ts';
import { receivesDispositions } from './people.ts';
import { hasRole, type Role } from './roles.ts';
import { clearedFor, stricterLevel, type SecurityLevel } from './security-level.ts';

/** Whom a disposition goes to: one person, or a whole unit (any of its members may act). */
export type DispositionTarget = { userId: string } | { unitCode: string };

/** A person as the disposition rules see them. */
export interface DispositionParty {
  id: string;
  roles: readonly Role[];
  unitCode: string;
}

type Addressed = Pick<DispositionRecord, 'toUserId' | 'toUnitCode'>;

/** Whether the disposition was sent to this person, directly or through their unit (open or not). */
export const isAddressee = (d: Addressed, who: Pick<DispositionParty, 'id' | 'unitCode'>): boolean =>
  d.toUserId === who.id || (d.toUnitCode !== null && d.toUnitCode === who.unitCode);

/** Whether this person holds the disposition now: it is open and sent to them or their unit. */
export const holds = (d: Addressed & Pick<DispositionRecord, 'status'>, who: Pick<DispositionParty, 'id' | 'unitCode'>): boolean =>
  d.status === 'open' && isAddressee(d, who);

/**
 * Decides where a new disposition hangs in the letter's tree. Someone holding an open disposition
 * of the letter forwards it: the new ones are children of the one they hold (named by `parentId`
 * when they hold several). An official holding none disposes afresh (top level). Anyone else may
 * not route the letter (403). Reading the letter at all is the caller's check, before this one.
 */
export const parentFor = (actor: DispositionParty, letterDispositions: DispositionRecord[], parentId: string | undefined): DispositionRecord | null => {
  const held = letterDispositions.filter((d) => holds(d, actor));
  if (held.length === 0 && !hasRole(actor, 'official')) {
    throw new AppError('forbidden', 'only officials route letters; others forward the dispositions they hold');
  }
  if (parentId !== undefined) {
    const parent = held.find((d) => d.id === parentId);
    if (!parent)
      throw new AppError('invalid', 'you do not hold that disposition', {
        errors: [{ field: 'parentId', message: 'not an open disposition of this letter that you hold', code: 'not_held' }],
      });
    return parent;
  }
  if (held.length > 1) {
    throw new AppError('invalid', 'you hold several dispositions of this letter', {
      errors: [{ field: 'parentId', message: `name the one you forward: ${held.map((d) => d.id).join(', ')}`, code: 'choose_one' }],
    });
  }
  return held[0] ?? null;
};

/** What the rules need to know about each user named as a recipient (null: no such user). */
export interface RecipientUser {
  id: string;
  roles: readonly Role[];
  unitCode: string;
  disabled: boolean;
  clearance: SecurityLevel;
}

/**
 * The level a letter's dispositions work at: the stricter of the letter's and its document's
 * (a clerk may have raised the latter since), so a disposition never opens up more than either.
 */
export const dispositionLevel = (letterLevel: SecurityLevel, documentLevel: SecurityLevel | null): SecurityLevel =>
  documentLevel ? stricterLevel(letterLevel, documentLevel) : letterLevel;

/**
 * Who of a unit's members a disposition to the unit gives read access: the active ones cleared
 * for the letter's level who work letters (not an account that only administers). The others still hold it (the unit does), but see neither the letter
 * nor, in their inbox, its subject and sender (see `seesLetterSummary`).
 */
export const unitGrantees = (members: readonly Pick<RecipientUser, 'id' | 'roles' | 'disabled' | 'clearance'>[], level: SecurityLevel): string[] =>
  members.filter((m) => !m.disabled && receivesDispositions(m) && clearedFor(m.clearance, level)).map((m) => m.id);

/**
 * Whether someone shown a disposition (holder, sender) sees its letter's subject and sender:
 * only when cleared for the letter's level. Everyone is cleared for biasa, so this withholds
 * them only above it.
 */
export const seesLetterSummary = (viewer: { clearance: SecurityLevel }, level: SecurityLevel): boolean => clearedFor(viewer.clearance, level);

/**
 * Problems with the recipients of a new disposition, each naming its field (`to.2.userId`).
 * Recipients lie in the disposer's own unit and below (an official at the root reaches
 * everyone); a unit recipient lies strictly below (sending to your own unit would make you
 * your own addressee); nobody is named twice, nobody sends to themselves, disabled and unknown
 * accounts, accounts that only administer, and unknown units are refused. A person must be cleared for the letter's level
 * (`dispositionLevel`): the disposition grants them the letter. A unit needs no clearance: only
 * its cleared members are granted (`unitGrantees`).
 */
export const recipientProblems = (
  disposer: Pick<DispositionParty, 'id' | 'unitCode'>,
  to: DispositionTarget[],
  users: ReadonlyMap<string, RecipientUser | null>,
  units: UnitNode[],
  level: SecurityLevel,
): FieldError[] => {
  if (to.length === 0) return [{ field: 'to', message: 'name at least one recipient', code: 'too_small', origin: 'array', limit: 1 }];
  const reach = new Set(subtreeOf(disposer.unitCode, units));
  const known = new Set(units.map((u) => u.code));
  const seen = new Set<string>();
  const problems: FieldError[] = [];
  for (const [i, t] of to.entries()) {
    const key = 'userId' in t ? `user:${t.userId}` : `unit:${t.unitCode}`;
    const field = 'userId' in t ? `to.${i}.userId` : `to.${i}.unitCode`;
    const problem = seen.has(key)
      ? ({ code: 'duplicate', message: 'named twice' } as const)
      : 'userId' in t
        ? userProblem(disposer, users.get(t.userId) ?? null, reach, level)
        : unitProblem(disposer, t.unitCode, known, reach);
    seen.add(key);
    if (problem) problems.push({ field, ...problem });
  }
  return problems;
};

type RecipientProblem = Pick<FieldError, 'code' | 'message'> | null;

const userProblem = (disposer: Pick<DispositionParty, 'id'>, u: RecipientUser | null, reach: Set<string>, level: SecurityLevel): RecipientProblem => {
  if (!u) return { code: 'unknown_user', message: 'no such user' };
  if (u.id === disposer.id) return { code: 'self_recipient', message: 'you cannot send a disposition to yourself' };
  if (u.disabled) return { code: 'user_disabled', message: 'this account is disabled' };
  if (!receivesDispositions(u)) return { code: 'admin_account', message: 'an administrator account does not receive dispositions' };
  if (!reach.has(u.unitCode)) return { code: 'outside_reach', message: 'outside your unit and the units below it' };
  return clearedFor(u.clearance, level) ? null : { code: 'not_cleared', message: "not cleared for this letter's security level" };
};

const unitProblem = (disposer: Pick<DispositionParty, 'unitCode'>, code: string, known: Set<string>, reach: Set<string>): RecipientProblem => {
  if (!known.has(code)) return { code: 'unknown_unit', message: 'no such unit' };
  if (code === disposer.unitCode) return { code: 'own_unit', message: 'your own unit: name its members instead' };
  return reach.has(code) ? null : { code: 'outside_reach', message: 'outside your unit and the units below it' };
};

/** A due date must lie ahead. */
export const dueAtProblems = (dueAt: Date | null, now: Date): FieldError[] =>
  dueAt && dueAt.getTime() <= now.getTime() ? [{ field: 'dueAt', message: 'the due date is in the past', code: 'in_past' }] : [];

/**
 * Why a holder may not complete a disposition now (null: they may): it is done already, or
 * what they forwarded is still open — a forwarder reports after the people they routed it to.
 */
export const completionBlock = (d: DispositionRecord, letterDispositions: DispositionRecord[]): string | null => {
  if (d.status !== 'open') return `this disposition is ${d.status} already`;
  const open = openChildrenOf(d, letterDispositions).length;
  return open > 0 ? `${open} disposition(s) forwarded from this one are still open` : null;
};

/** The dispositions forwarded from `d` that are still open: while any is, `d` cannot be completed. */
export const openChildrenOf = (d: Pick<DispositionRecord, 'id'>, letterDispositions: DispositionRecord[]): DispositionRecord[] =>
  letterDispositions.filter((c) => c.parentId === d.id && c.status === 'open');

/** The problem type of a completion block: children still open, or the disposition is closed already. */
export const completionProblem = (d: DispositionRecord, letterDispositions: DispositionRecord[]): 'forwarded-still-open' | 'disposition-closed' =>
  d.status === 'open' && openChildrenOf(d, letterDispositions).length > 0 ? 'forwarded-still-open' : 'disposition-closed';

/** The letter's status given all its dispositions: completed once every one is; withdrawn ones do not count. */
export const letterStatusOf = (letterDispositions: Pick<DispositionRecord, 'status'>[]): IncomingStatus => {
  const live = letterDispositions.filter((d) => d.status !== 'withdrawn');
  if (live.length === 0) return 'registered';
  return live.every((d) => d.status === 'completed') ? 'completed' : 'disposed';
};

/**
 * Why its sender may not withdraw a disposition now (null: they may). Read means its holder
 * opened it (readAt, set by getDisposition); forwarding it onwards acts on it just the same.
 */
export const withdrawalBlock = (d: DispositionRecord, letterDispositions: DispositionRecord[]): string | null => {
  if (d.status !== 'open') return `this disposition is ${d.status} already`;
  if (d.readAt !== null) return 'its recipient has read it already; it can no longer be withdrawn';
  if (letterDispositions.some((c) => c.parentId === d.id && c.status !== 'withdrawn'))
    return 'its recipient has forwarded it already; it can no longer be withdrawn';
  return null;
};

export interface RoutingNode {
  disposition: DispositionRecord;
  children: RoutingNode[];
}

/** Who holds a letter now: an open disposition none of whose children is open, and since when. */
export interface Holding {
  disposition: DispositionRecord;
  /** When it was sent, or when the last of what was forwarded from it came back completed. */
  since: Date;
}

/**
 * The routing tree of a letter (oldest first at every level) and its current holders: the open
 * dispositions with no open child. A disposition whose parent is missing is shown as a root.
 */
export const routingTree = (letterDispositions: DispositionRecord[]): { roots: RoutingNode[]; holders: Holding[] } => {
  const sorted = [...letterDispositions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const nodes = new Map(sorted.map((d) => [d.id, { disposition: d, children: [] as RoutingNode[] }]));
  const roots: RoutingNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.disposition.parentId ? nodes.get(n.disposition.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const holders: Holding[] = [];
  for (const n of nodes.values()) {
    if (n.disposition.status !== 'open' || n.children.some((c) => c.disposition.status === 'open')) continue;
    const back = n.children.map((c) => c.disposition.completedAt?.getTime() ?? 0);
    holders.push({ disposition: n.disposition, since: new Date(Math.max(n.disposition.createdAt.getTime(), ...back)) });
  }
  return { roots, holders };
};
