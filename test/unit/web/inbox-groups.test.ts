import { expect } from 'chai';
import { groupInbox } from '../../../src/web/inbox-groups.ts';

describe('inbox cards (web)', () => {
  it('one card per letter: a disposition to the person and one to their unit share it, personal first', () => {
    const groups = groupInbox([
      { id: 'u1', letterId: 'A', via: 'unit' as const },
      { id: 'b1', letterId: 'B', via: 'personal' as const },
      { id: 'p1', letterId: 'A', via: 'personal' as const },
    ]);
    expect(groups.map((g) => [g.lead.id, g.all.map((d) => d.id)])).to.deep.equal([
      ['p1', ['p1', 'u1']],
      ['b1', ['b1']],
    ]);
  });
});
