import { expect } from 'chai';
import type { DispositionRecord } from '../../../src/domain/correspondence.ts';
import {
  completionBlock,
  dueAtProblems,
  holds,
  isAddressee,
  letterStatusOf,
  parentFor,
  recipientProblems,
  routingTree,
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
  ['head', { id: 'head', unitCode: 'ORG', disabled: false }],
  ['kabid', { id: 'kabid', unitCode: 'BKD', disabled: false }],
  ['staf', { id: 'staf', unitCode: 'BKD-MUT', disabled: false }],
  ['guru', { id: 'guru', unitCode: 'DISDIK', disabled: false }],
  ['gone', { id: 'gone', unitCode: 'BKD', disabled: true }],
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
    expect(recipientProblems(head, [{ unitCode: 'BKD' }, { unitCode: 'DISDIK' }, { userId: 'staf' }], users, units)).to.deep.equal([]);
    expect(recipientProblems(kabid, [{ unitCode: 'BKD-MUT' }, { userId: 'staf' }], users, units)).to.deep.equal([]);
  });

  it('names each bad recipient by its field', () => {
    const problems = recipientProblems(
      kabid,
      [{ userId: 'guru' }, { unitCode: 'DISDIK' }, { unitCode: 'ORG' }, { userId: 'ghost' }, { unitCode: 'NOPE' }, { userId: 'gone' }, { userId: 'kabid' }, { unitCode: 'BKD' }, { userId: 'staf' }, { userId: 'staf' }],
      users,
      units,
    );
    expect(problems).to.deep.equal([
      { field: 'to.0.userId', message: 'outside your unit and the units below it' },
      { field: 'to.1.unitCode', message: 'outside your unit and the units below it' },
      { field: 'to.2.unitCode', message: 'outside your unit and the units below it' },
      { field: 'to.3.userId', message: 'no such user' },
      { field: 'to.4.unitCode', message: 'no such unit' },
      { field: 'to.5.userId', message: 'this account is disabled' },
      { field: 'to.6.userId', message: 'you cannot send a disposition to yourself' },
      { field: 'to.7.unitCode', message: 'your own unit: name its members instead' },
      { field: 'to.9.userId', message: 'named twice' },
    ]);
    expect(recipientProblems(kabid, [], users, units)).to.deep.equal([{ field: 'to', message: 'name at least one recipient' }]);
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
