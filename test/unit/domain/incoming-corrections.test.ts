import { expect } from 'chai';
import { detailChanges, documentMirror, voidBlock } from '../../../src/domain/incoming-corrections.ts';

const letter = {
  letterNumber: '800/1/BKD/2025',
  letterDate: '2025-03-12',
  sender: 'Badan Kepegawaian Daerah Kabupaten Sleman',
  subject: 'Undangan rapat',
  urgency: 'biasa' as const,
  receivedAt: new Date('2025-03-13T02:00:00Z'),
  classificationCode: null,
  securityLevel: 'biasa' as const,
  unitCode: 'BKD',
};

describe('correcting and voiding incoming letters (issue 18)', () => {
  it('names only the fields that really change, with their values before and after (instants as text)', () => {
    const c = detailChanges(letter, {
      subject: 'Undangan rapat',
      sender: 'BKD Sleman',
      receivedAt: new Date('2025-03-14T02:00:00Z'),
      classificationCode: '800',
    });
    expect(c).to.deep.equal({
      changed: ['sender', 'receivedAt', 'classificationCode'],
      before: { sender: letter.sender, receivedAt: '2025-03-13T02:00:00.000Z', classificationCode: null },
      after: { sender: 'BKD Sleman', receivedAt: '2025-03-14T02:00:00.000Z', classificationCode: '800' },
    });
    expect(detailChanges(letter, { receivedAt: new Date(letter.receivedAt.getTime()) }).changed).to.deep.equal([]);
  });

  it('carries the letter’s subject and date to its scan as title and document date', () => {
    expect(documentMirror({ subject: 'Baru', letterDate: '2025-01-02', urgency: 'segera' })).to.deep.equal({ title: 'Baru', documentDate: '2025-01-02' });
    expect(documentMirror({ classificationCode: null })).to.deep.equal({ classificationCode: null });
  });

  it('carries a corrected security level and unit to its scan, so who may read it follows', () => {
    expect(documentMirror({ securityLevel: 'rahasia', unitCode: 'SET' })).to.deep.equal({ securityLevel: 'rahasia', unitCode: 'SET' });
    expect(detailChanges(letter, { securityLevel: 'terbatas', unitCode: 'BKD' }).changed).to.deep.equal(['securityLevel']);
  });

  it('voids an entry once, and not while its routing is open', () => {
    expect(voidBlock({ voided: null }, 0)).to.equal(null);
    expect(voidBlock({ voided: null }, 2)).to.match(/2 disposition/);
    expect(voidBlock({ voided: { at: new Date(), by: 'u', reason: 'r' } }, 0)).to.match(/void already/);
  });
});
