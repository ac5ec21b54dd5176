import { expect } from 'chai';
import { en } from '../../../src/web/messages/en.ts';
import { id } from '../../../src/web/messages/id.ts';
import { describeProblem, type ProblemLike } from '../../../src/web/problem-text.ts';
import { summarise } from '../../../src/web/records-summary.ts';
import { refusedRecords, schemeContentType, schemeLines } from '../../../src/web/refusals.ts';
import { tEn, tId } from './translate.ts';

const A = '0b6f3c2e-1d4a-4c8e-9f00-123456789abc';
const B = '7d1e2f3a-4b5c-4d6e-8f90-abcdef012345';

describe('web: the records lifecycle, read for people', () => {
  it('splits due records per unit by what their schedule says at the end, and counts every phase', () => {
    const o = summarise([
      { unitCode: 'ORG', phase: 'due', finalDisposition: 'destroy', count: 3 },
      { unitCode: 'BKD', phase: 'due', finalDisposition: 'permanent', count: 2 },
      { unitCode: 'ORG', phase: 'due', finalDisposition: 'review', count: 1 },
      { unitCode: 'ORG', phase: 'active', finalDisposition: 'destroy', count: 7 },
      { unitCode: 'BKD', phase: 'unclassified', finalDisposition: null, count: 4 },
      { unitCode: 'ORG', phase: 'unclassified', finalDisposition: null, count: 1 },
    ]);
    expect(o.due).to.deep.equal([
      { unitCode: 'BKD', destroy: 0, permanent: 2, review: 0, total: 2 },
      { unitCode: 'ORG', destroy: 3, permanent: 0, review: 1, total: 4 },
    ]);
    expect(o.dueTotal).to.deep.equal({ unitCode: '', destroy: 3, permanent: 2, review: 1, total: 6 });
    expect(o.byPhase).to.include({ due: 6, active: 7, unclassified: 5, held: 0 });
    expect(summarise([]).due).to.deep.equal([]);
  });

  it('names each record an act refused, with why in the reader’s language', () => {
    const errors = [
      { field: 'documentIds', message: `${A} (Peraturan daerah 2010): its schedule says permanent at the end, not destroy` },
      { field: 'documentIds', message: `${B} (Daftar hadir (rapat) 2015): its retention has not ended (phase: inactive)` },
      { field: 'documentIds', message: `${A}: no such record` },
      { field: 'documentIds', message: `${B} (x): it is already in disposal or transfer ${A}` },
      { field: 'documentIds', message: `${A}: disposed` },
      { field: 'documentIds', message: 'something the UI does not know' },
      { field: 'reason', message: 'too short' },
    ];
    const inId = refusedRecords(errors, tId);
    expect(inId).to.have.length(6);
    expect(inId[0]).to.deep.equal({ documentId: A, title: 'Peraturan daerah 2010', why: 'keterangan akhirnya Permanen, bukan Musnah' });
    expect(inId[1]).to.deep.equal({ documentId: B, title: 'Daftar hadir (rapat) 2015', why: 'retensinya belum habis (tahap: Inaktif)' });
    expect(inId[2]).to.deep.equal({ documentId: A, title: null, why: 'tidak ditemukan' });
    expect(inId[3]!.why).to.equal('sudah termasuk usul musnah atau penyerahan lain');
    expect(inId[4]!.why).to.equal('sudah dimusnahkan');
    expect(inId[5]).to.deep.equal({ documentId: null, title: null, why: 'tidak memenuhi syarat untuk tindakan ini' });
    expect(refusedRecords(errors, tEn)[0]!.why).to.equal('its schedule ends in Keep permanently, not Destroy');
    expect(refusedRecords([{ field: 'documentIds', message: `${A} (t): its retention has not ended (phase: later)` }], tId)[0]!.why).to.equal(
      'retensinya belum habis (tahap: later)',
    );
  });

  it('lists a refused scheme file’s bad lines in order, in Indonesian by each rule, reading the line from the field when it must', () => {
    expect(
      schemeLines(
        [
          { field: 'line 4', line: 4, code: 'scheme_parent', message: 'its parent 123.4 is neither in the scheme nor in the file' },
          { field: 'line 3', code: 'scheme_duplicate', limit: 2, message: 'code 800 is on line 2 already' },
          { field: 'file', code: 'file_empty', message: 'no codes' },
          { field: 'line 5', line: 5, message: 'a rule this client does not know' },
        ],
        tId,
      ),
    ).to.deep.equal([
      { line: null, message: tId('fieldCode.file_empty') },
      { line: 3, message: 'Kode ini sudah ada di baris 2.' },
      { line: 4, message: tId('fieldCode.scheme_parent') },
      { line: 5, message: tId('field.invalid') },
    ]);
  });

  it('sends a scheme as JSON only when the file says so, else as CSV', () => {
    expect(schemeContentType({ name: 'pola.json', type: '' })).to.equal('application/json');
    expect(schemeContentType({ name: 'pola', type: 'application/json' })).to.equal('application/json');
    expect(schemeContentType({ name: 'pola-klasifikasi-nasional.csv', type: 'text/csv' })).to.equal('text/csv');
    expect(schemeContentType({ name: 'POLA.TXT', type: 'text/plain' })).to.equal('text/csv');
  });

  it('says what 410 means, and lets a records form say more about a conflict than the status does', () => {
    const problem = (status: number, kind = `http-${status}`): ProblemLike => ({ status, kind, detail: 'english', errors: [], body: {}, retryAfter: null });
    expect(describeProblem(problem(410), tId).headline).to.equal(id['problem.410']);
    expect(describeProblem(problem(410), tEn).headline).to.equal(en['problem.410']);
    expect(describeProblem(problem(409), tId).headline).to.equal(id['problem.409']);
    expect(describeProblem(problem(409), tId, {}, { 409: 'problem.409.act' }).headline).to.equal(id['problem.409.act']);
    // A precise problem type still wins over the form's own headline for its status.
    expect(describeProblem(problem(409, 'totp-invalid'), tId, {}, { 409: 'problem.409.act' }).headline).to.equal(id['sign.wrongCode']);
  });
});
