import { expect } from 'chai';
import { checkpointText } from '../../../../src/app/audit/checkpoint-text.ts';

describe('checkpointText', () => {
  const c = { seq: 42, hash: 'ab'.repeat(32), at: '2026-03-01T08:00:00.000Z' };

  it('prints seq, hash and time, and how to check them later', () => {
    const text = checkpointText(c);
    expect(text).to.include('Entry (seq): 42').and.include(`Hash:        ${c.hash}`).and.include('Recorded at: 2026-03-01T08:00:00.000Z');
    expect(text).to.include(`verify-audit --checkpoint 42:${c.hash}`).and.include('/api/v1/audit/verify?seq=42');
  });

  it('wraps prose for paper, never splitting the hash', () => {
    const lines = checkpointText(c).split('\n');
    expect(lines.filter((l) => !l.includes(c.hash)).every((l) => l.length <= 78)).to.equal(true);
  });
});
