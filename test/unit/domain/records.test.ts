import { expect } from 'chai';
import type { Actor } from '../../../src/domain/access.ts';
import { canEditRecordFields, disposalProblem, type RecordStanding, transferProblem } from '../../../src/domain/records.ts';
import type { Role } from '../../../src/domain/roles.ts';

const due = (o: Partial<RecordStanding> = {}): RecordStanding => ({ phase: 'due', finalDisposition: 'destroy', held: false, pendingAct: null, ...o });

describe('records acts: who may be disposed of or transferred', () => {
  it('disposes only of due records whose schedule says destroy, and nothing held or already in an act', () => {
    expect(disposalProblem(due())).to.equal(null);
    expect(disposalProblem(due({ held: true }))).to.match(/legal hold/);
    expect(disposalProblem(due({ phase: 'held' }))).to.match(/legal hold/);
    expect(disposalProblem(due({ pendingAct: 'd-1' }))).to.match(/already in disposal or transfer d-1/);
    expect(disposalProblem(due({ phase: 'inactive' }))).to.match(/has not ended/);
    expect(disposalProblem(due({ phase: null }))).to.match(/not yet computed/);
    expect(disposalProblem(due({ finalDisposition: 'permanent' }))).to.match(/permanent/);
    expect(disposalProblem(due({ finalDisposition: 'review' }))).to.match(/review/);
    expect(disposalProblem(due({ phase: 'disposed' }))).to.match(/destroyed already/);
  });

  it('transfers only due permanent records, nothing held or already in an act', () => {
    expect(transferProblem(due({ finalDisposition: 'permanent' }))).to.equal(null);
    expect(transferProblem(due())).to.match(/not permanent/);
    expect(transferProblem(due({ finalDisposition: 'permanent', held: true }))).to.match(/legal hold/);
    expect(transferProblem(due({ finalDisposition: 'permanent', phase: 'transferred' }))).to.match(/transferred already/);
    expect(transferProblem(due({ finalDisposition: 'permanent', phase: 'active' }))).to.match(/has not ended/);
  });

  it('lets archivists set a record’s classification code and nothing else of its description', () => {
    const as = (...roles: Role[]): Actor => ({ id: 'u', roles, unitCode: 'ORG', clearance: 'biasa' });
    expect(canEditRecordFields(as('archivist'), ['classificationCode'])).to.equal(true);
    expect(canEditRecordFields(as('archivist'), ['classificationCode', 'title'])).to.equal(false);
    expect(canEditRecordFields(as('archivist'), ['documentDate'])).to.equal(false);
    expect(canEditRecordFields(as('clerk'), ['title', 'classificationCode'])).to.equal(true);
    expect(canEditRecordFields(as('admin'), ['unitCode'])).to.equal(true);
    expect(canEditRecordFields(as('staff', 'auditor'), ['classificationCode'])).to.equal(false);
  });
});
