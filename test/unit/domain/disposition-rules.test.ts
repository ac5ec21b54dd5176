import { expect } from 'chai';
import type { DispositionRecord } from '../../../src/domain/correspondence.ts';
import {
  completionBlock,
  dueAtProblems,
  holds,
  isAddressee,
  letterStatusOf,
  dispositionLevel,
  parentFor,
  recipientProblems,
  routingTree,
  seesLetterSummary,
  unitGrantees,
  withdrawalBlock,
  type DispositionParty,
  type RecipientUser,
} from '../../../src/domain/disposition-rules.ts';
import { AppError } from '../../../src/domain/errors.ts';

const units = [
  { code: 'ORG', parentCode: null },
  { code: 'BKD', parentCode: 'ORG' },
  { code: 'BKD-MUT', parentCode: 'BKD' },
  { code: 'DISDIK', parentCode: 'ORG' },
];
const head: DispositionParty = { id: 'head', roles: ['official'], unitCode: 'ORG' };
const kabid: DispositionParty = { id: 'kabid', roles: ['official'], unitCode: 'BKD' };
const staffMut: DispositionParty = { id: 'staf', roles: ['staff'], unitCode: 'BKD-MUT' };
const users = new Map<string, RecipientUser | null>([
  ['head', { id: 'head', roles: ['official'], unitCode: 'ORG', disabled: false, clearance: 'rahasia' }],
  ['kabid', { id: 'kabid', roles: ['official'], unitCode: 'BKD', disabled: false, clearance: 'terbatas' }],
  ['staf', { id: 'staf', roles: ['staff'], unitCode: 'BKD-MUT', disabled: false, clearance: 'biasa' }],
  ['guru', { id: 'guru', roles: ['staff'], unitCode: 'DISDIK', disabled: false, clearance: 'biasa' }],
  ['gone', { id: 'gone', roles: ['staff'], unitCode: 'BKD', disabled: true, clearance: 'biasa' }],
  ['admin', { id: 'admin', roles: ['admin'], unitCode: 'BKD', disabled: false, clearance: 'rahasia' }],
  ['ghost', null],
]);

const t0 = new Date('2025-03-01T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const disp = (id: string, p: Partial<DispositionRecord> = {}): DispositionRecord => ({
  id,
  letterId: 'L1',
  parentId: null,
  fromUserId: 'head',
  toUserId: null,
  toUnitCode: null,
  instruction: 'tindak lanjuti',
  actions: [],
  dueAt: null,
  status: 'open',
  readAt: null,
  completedAt: null,
  completedBy: null,
  report: null,
  reportDocumentId: null,
  createdAt: t0,
  ...p,
});

const fails = (fn: () => unknown, code: string, field?: string): AppError => {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(AppError);
    expect((e as AppError).code).to.equal(code);
    if (field) expect((e as AppError).errors?.map((x) => x.field)).to.include(field);
    return e as AppError;
  }
  throw new Error('expected an AppError');
};

describe('domain/disposition-rules', () => {
  it('a holder is the addressee, directly or through their unit, while it is open', () => {
    const toUnit = disp('a', { toUnitCode: 'BKD' });
    expect(holds(toUnit, kabid)).to.equal(true);
    expect(holds(toUnit, staffMut)).to.equal(false); // a unit below is not the unit
    expect(holds(disp('b', { toUserId: 'staf' }), staffMut)).to.equal(true);
    const done = disp('c', { toUnitCode: 'BKD', status: 'completed' });
    expect(holds(done, kabid)).to.equal(false);
    expect(isAddressee(done, kabid)).to.equal(true);
  });

  it('an official holding nothing disposes afresh; anyone else holding nothing may not', () => {
    expect(parentFor(head, [], undefined)).to.equal(null);
    fails(() => parentFor(staffMut, [], undefined), 'forbidden');
    fails(() => parentFor(staffMut, [disp('x', { toUnitCode: 'BKD' })], undefined), 'forbidden');
  });

  it('a holder forwards the one they hold; with several they must name it', () => {
    const mine = disp('m', { toUserId: 'staf' });
    expect(parentFor(staffMut, [disp('x', { toUnitCode: 'BKD' }), mine], undefined)).to.equal(mine);
    const viaUnit = disp('u', { toUnitCode: 'BKD-MUT' });
    fails(() => parentFor(staffMut, [mine, viaUnit], undefined), 'invalid', 'parentId');
    expect(parentFor(staffMut, [mine, viaUnit], 'u')).to.equal(viaUnit);
    // naming one they do not hold, or a completed one, is refused
    fails(() => parentFor(staffMut, [mine, disp('x', { toUnitCode: 'BKD' })], 'x'), 'invalid', 'parentId');
    fails(() => parentFor(staffMut, [mine, disp('done', { toUserId: 'staf', status: 'completed' })], 'done'), 'invalid', 'parentId');
    // an official who holds one forwards it too
    expect(parentFor(kabid, [disp('k', { toUnitCode: 'BKD' })], undefined)?.id).to.equal('k');
  });

  it('accepts recipients in the disposer’s unit and below; the root reaches everyone', () => {
    expect(recipientProblems(head, [{ unitCode: 'BKD' }, { unitCode: 'DISDIK' }, { userId: 'staf' }], users, units, 'biasa')).to.deep.equal([]);
    expect(recipientProblems(kabid, [{ unitCode: 'BKD-MUT' }, { userId: 'staf' }], users, units, 'biasa')).to.deep.equal([]);
  });

  it('names each bad recipient by its field', () => {
    const problems = recipientProblems(
      kabid,
      [
        { userId: 'guru' },
        { unitCode: 'DISDIK' },
        { unitCode: 'ORG' },
        { userId: 'ghost' },
        { unitCode: 'NOPE' },
        { userId: 'gone' },
        { userId: 'kabid' },
        { unitCode: 'BKD' },
        { userId: 'staf' },
        { userId: 'staf' },
      ],
      users,
      units,
      'biasa',
    );
    expect(problems).to.deep.equal([
      { field: 'to.0.userId', message: 'outside your unit and the units below it', code: 'outside_reach' },
      { field: 'to.1.unitCode', message: 'outside your unit and the units below it', code: 'outside_reach' },
      { field: 'to.2.unitCode', message: 'outside your unit and the units below it', code: 'outside_reach' },
      { field: 'to.3.userId', message: 'no such user', code: 'unknown_user' },
      { field: 'to.4.unitCode', message: 'no such unit', code: 'unknown_unit' },
      { field: 'to.5.userId', message: 'this account is disabled', code: 'user_disabled' },
      { field: 'to.6.userId', message: 'you cannot send a disposition to yourself', code: 'self_recipient' },
      { field: 'to.7.unitCode', message: 'your own unit: name its members instead', code: 'own_unit' },
      { field: 'to.9.userId', message: 'named twice', code: 'duplicate' },
    ]);
    expect(recipientProblems(kabid, [], users, units, 'biasa')).to.deep.equal([
      { field: 'to', message: 'name at least one recipient', code: 'too_small', origin: 'array', limit: 1 },
    ]);
  });

  it('refuses an account that only administers as a recipient (issue 18)', () => {
    expect(recipientProblems(kabid, [{ userId: 'admin' }], users, units, 'biasa')).to.deep.equal([
      { field: 'to.0.userId', message: 'an administrator account does not receive dispositions', code: 'admin_account' },
    ]);
  });

  it('sends a letter only to people cleared for its level; a unit goes whatever its members are cleared for', () => {
    const to = [{ userId: 'staf' }, { userId: 'kabid' }, { unitCode: 'BKD-MUT' }];
    expect(recipientProblems(head, to, users, units, 'terbatas')).to.deep.equal([
      { field: 'to.0.userId', message: "not cleared for this letter's security level", code: 'not_cleared' },
    ]);
    expect(recipientProblems(head, to, users, units, 'rahasia')).to.deep.equal([
      { field: 'to.0.userId', message: "not cleared for this letter's security level", code: 'not_cleared' },
      { field: 'to.1.userId', message: "not cleared for this letter's security level", code: 'not_cleared' },
    ]);
    expect(recipientProblems(head, to, users, units, 'biasa')).to.deep.equal([]);
    // Other problems come first: clearance is checked only for an account that could receive it.
    expect(recipientProblems(kabid, [{ userId: 'guru' }, { userId: 'gone' }], users, units, 'sangat_rahasia').map((p) => p.message)).to.deep.equal([
      'outside your unit and the units below it',
      'this account is disabled',
    ]);
  });

  it('works at the stricter of the letter’s and its document’s level', () => {
    expect(dispositionLevel('terbatas', 'rahasia')).to.equal('rahasia');
    expect(dispositionLevel('rahasia', 'biasa')).to.equal('rahasia');
    expect(dispositionLevel('biasa', 'biasa')).to.equal('biasa');
    expect(dispositionLevel('terbatas', null)).to.equal('terbatas');
  });

  it('grants a unit’s letter only to its active members cleared for the level, and withholds the summary from the rest', () => {
    const members = [
      { id: 'a', roles: ['staff' as const], disabled: false, clearance: 'biasa' as const },
      { id: 'b', roles: ['official' as const], disabled: false, clearance: 'rahasia' as const },
      { id: 'c', roles: ['admin' as const, 'clerk' as const], disabled: false, clearance: 'terbatas' as const },
      { id: 'd', roles: ['staff' as const], disabled: true, clearance: 'sangat_rahasia' as const },
      // An account that only administers is no grantee, whatever its clearance.
      { id: 'e', roles: ['admin' as const], disabled: false, clearance: 'sangat_rahasia' as const },
    ];
    expect(unitGrantees(members, 'biasa')).to.deep.equal(['a', 'b', 'c']);
    expect(unitGrantees(members, 'terbatas')).to.deep.equal(['b', 'c']);
    expect(unitGrantees(members, 'rahasia')).to.deep.equal(['b']);
    expect(unitGrantees(members, 'sangat_rahasia')).to.deep.equal([]);
    expect(seesLetterSummary({ clearance: 'biasa' }, 'biasa')).to.equal(true);
    expect(seesLetterSummary({ clearance: 'biasa' }, 'terbatas')).to.equal(false);
    expect(seesLetterSummary({ clearance: 'rahasia' }, 'rahasia')).to.equal(true);
    expect(seesLetterSummary({ clearance: 'rahasia' }, 'sangat_rahasia')).to.equal(false);
  });

  it('refuses a due date that is not ahead', () => {
    expect(dueAtProblems(null, t0)).to.deep.equal([]);
    expect(dueAtProblems(at(1), t0)).to.deep.equal([]);
    expect(dueAtProblems(t0, t0)).to.have.length(1);
    expect(dueAtProblems(at(-60), t0)[0]?.field).to.equal('dueAt');
  });

  it('completes only an open disposition whose forwarded children are done', () => {
    const parent = disp('p', { toUnitCode: 'BKD' });
    const child = disp('c', { parentId: 'p', toUserId: 'staf' });
    expect(completionBlock(parent, [parent, child])).to.match(/still open/);
    expect(completionBlock(parent, [parent, { ...child, status: 'completed' }])).to.equal(null);
    expect(completionBlock({ ...parent, status: 'completed' }, [parent])).to.match(/completed already/);
  });

  it('moves the letter: registered with none, disposed while any is open, completed when all are', () => {
    expect(letterStatusOf([])).to.equal('registered');
    expect(letterStatusOf([{ status: 'open' }, { status: 'completed' }])).to.equal('disposed');
    expect(letterStatusOf([{ status: 'completed' }, { status: 'completed' }])).to.equal('completed');
    // Withdrawn ones count for nothing: alone they leave the letter registered again.
    expect(letterStatusOf([{ status: 'withdrawn' }])).to.equal('registered');
    expect(letterStatusOf([{ status: 'withdrawn' }, { status: 'completed' }])).to.equal('completed');
    expect(letterStatusOf([{ status: 'withdrawn' }, { status: 'open' }])).to.equal('disposed');
  });

  it('lets its sender withdraw a disposition only while it is open, unread and not forwarded', () => {
    const d = disp('d', { toUserId: 'staf' });
    expect(withdrawalBlock(d, [d])).to.equal(null);
    expect(withdrawalBlock({ ...d, readAt: at(5) }, [d])).to.match(/read it already/);
    expect(withdrawalBlock({ ...d, status: 'completed' }, [d])).to.match(/completed already/);
    expect(withdrawalBlock({ ...d, status: 'withdrawn' }, [d])).to.match(/withdrawn already/);
    const child = disp('e', { parentId: 'd', fromUserId: 'staf', toUserId: 'kabid' });
    expect(withdrawalBlock(d, [d, child])).to.match(/forwarded it already/);
    expect(withdrawalBlock(d, [d, { ...child, status: 'withdrawn' }])).to.equal(null);
  });

  it('builds the routing tree and finds who holds the letter now, and since when', () => {
    const a = disp('a', { toUnitCode: 'BKD', createdAt: at(0) });
    const b = disp('b', { toUnitCode: 'DISDIK', createdAt: at(0) });
    const c = disp('c', { parentId: 'a', fromUserId: 'kabid', toUserId: 'staf', createdAt: at(10) });
    let { roots, holders } = routingTree([c, b, a]);
    expect(roots.map((n) => n.disposition.id)).to.deep.equal(['a', 'b']);
    expect(roots[0]!.children.map((n) => n.disposition.id)).to.deep.equal(['c']);
    expect(holders.map((h) => [h.disposition.id, h.since.toISOString()])).to.deep.equal([
      ['b', at(0).toISOString()],
      ['c', at(10).toISOString()],
    ]);
    // Once the staff member reports, the letter is back with the unit that forwarded it.
    ({ holders } = routingTree([a, b, { ...c, status: 'completed', completedAt: at(30) }]));
    expect(holders.map((h) => [h.disposition.id, h.since.toISOString()])).to.deep.equal([
      ['a', at(30).toISOString()],
      ['b', at(0).toISOString()],
    ]);
    // A child whose parent is missing still shows (as a root).
    expect(routingTree([c]).roots.map((n) => n.disposition.id)).to.deep.equal(['c']);
  });
});
