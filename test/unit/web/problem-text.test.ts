import { expect } from 'chai';
import { FIELD_LABELS } from '../../../src/web/field-labels.ts';
import { en } from '../../../src/web/messages/en.ts';
import { id } from '../../../src/web/messages/id.ts';
import { correlationId, describeProblem, type ProblemLike } from '../../../src/web/problem-text.ts';
import { tEn, tId } from './translate.ts';

/** An ApiError's readable parts, as api.ts builds them from a problem document. */
const problem = (status: number, body: Record<string, unknown> = {}, o: { retryAfter?: number; requestId?: string } = {}): ProblemLike => {
  const type = typeof body.type === 'string' ? body.type : '';
  return {
    status,
    kind: type.replace('https://naskah.invalid/problems/', '') || `http-${status}`,
    detail: typeof body.detail === 'string' ? body.detail : `HTTP ${status}`,
    errors: Array.isArray(body.errors) ? (body.errors as ProblemLike['errors']) : [],
    body,
    retryAfter: o.retryAfter ?? null,
    requestId: o.requestId ?? null,
  };
};
const typed = (kind: string, status: number, detail: string, extra: Record<string, unknown> = {}) =>
  problem(status, { type: `https://naskah.invalid/problems/${kind}`, title: 'x', status, detail, ...extra });

describe('web: problem texts in the reader’s language', () => {
  it('gives every status the UI meets a headline of its own in both languages', () => {
    const seen = new Set<string>();
    for (const status of [0, 400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503]) {
      const p = problem(status, { detail: 'english words' });
      const [inId, inEn] = [describeProblem(p, tId).headline, describeProblem(p, tEn).headline];
      expect(inId, `id ${status}`).to.be.a('string').and.not.equal('').and.not.equal(inEn);
      seen.add(inId);
    }
    expect(seen.size).to.equal(12);
    expect(describeProblem(problem(418), tId).headline).to.equal('Permintaan gagal (HTTP 418).');
  });

  it('never shows the server’s English words: not its detail, not its field messages', () => {
    const p = typed('conflict', 409, 'the certificate was revoked on 2025-01-02T03:04:05.000Z', { errors: [{ field: 'pin', message: 'english words' }] });
    const inId = describeProblem(p, tId);
    expect(inId.headline).to.match(/^Tidak dapat dilakukan karena bertentangan/);
    expect(JSON.stringify(inId)).not.to.match(/revoked|english words/);
    expect(inId.fields[0]!.message).to.equal(id['field.invalid']);
    expect(describeProblem(problem(0, { detail: 'Failed to fetch' }), tId)).to.deep.equal({ headline: id['app.offline'], fields: [] });
    expect(describeProblem(typed('internal', 500, 'something went wrong; quote request id abc-123 when reporting it'), tId).headline).to.include('abc-123');
  });

  it('says each field problem by its kind and bound, in the reader’s language', () => {
    const say = (e: Record<string, unknown>) =>
      describeProblem(typed('invalid', 422, 'x', { errors: [{ field: 'f', message: 'x', ...e }] }), tId).fields[0]!.message;
    expect(say({ code: 'too_small', origin: 'string', limit: 8 })).to.equal('Paling sedikit 8 karakter.');
    expect(say({ code: 'too_small', origin: 'string', limit: 1 })).to.equal('Wajib diisi.');
    expect(say({ code: 'too_big', origin: 'array', limit: 50 })).to.equal('Paling banyak 50.');
    expect(say({ code: 'invalid_format' })).to.equal('Bentuknya tidak sesuai.');
    expect(say({ code: 'invalid_value' })).to.equal('Pilih salah satu pilihan yang tersedia.');
  });

  it('names field errors by the form’s labels, nested names by their named part, unknown ones as sent', () => {
    const p = typed('invalid', 422, 'the PIN is not acceptable: not a run of digits', {
      errors: [
        { field: 'pin', message: 'not a run of digits' },
        { field: 'template.addressee', message: 'required' },
        { field: 'pem.1', message: 'expired' },
        { field: 'mystery', message: 'odd' },
      ],
    });
    const out = describeProblem(p, tId, { ...FIELD_LABELS, pem: 'certs.pem' });
    expect(out.headline).to.equal('Ada isian yang belum benar.');
    expect(out.fields.map((f) => f.label)).to.deep.equal([id['sign.pin'], id['out.addressee'], id['certs.pem'], 'mystery']);
    expect(out.fields[0]).to.deep.include({ field: 'pin', message: id['field.invalid'] });
    expect(describeProblem(p, tEn, FIELD_LABELS).fields[0]!.label).to.equal(en['sign.pin']);
  });

  it('says when to try again after a 429, when the server says', () => {
    expect(describeProblem(typed('rate-limited', 429, 'slow down'), tId, {}).headline).to.equal('Terlalu banyak permintaan. Coba lagi sebentar lagi.');
    const p = problem(429, { detail: 'slow down' }, { retryAfter: 37 });
    expect(describeProblem(p, tId).headline).to.equal('Terlalu banyak permintaan. Coba lagi dalam 37 detik.');
    expect(describeProblem(p, tEn).headline).to.equal('Too many requests. Try again in 37 seconds.');
  });

  it('names the backend that is down, when the problem says which', () => {
    const db = typed('unavailable', 503, 'the database is unavailable', { backend: 'database' });
    expect(describeProblem(db, tId).headline).to.equal('Layanan basis data sedang tidak tersedia. Coba lagi sebentar lagi.');
    expect(describeProblem(db, tEn).headline).to.equal('The database is unavailable. Try again in a moment.');
    expect(describeProblem(typed('timestamp-unavailable', 503, 'the timestamp authority failed: timeout'), tId).headline).to.match(/cap waktu \(TSA\)/);
    expect(describeProblem(typed('unavailable', 503, 'x', { backend: 'queue' }), tId).headline).to.equal(id['problem.503']);
    expect(describeProblem(typed('unavailable', 503, 'x'), tId).headline).to.equal(id['problem.503']);
  });

  it('quotes the correlation id of a server fault: a member, the one in the detail, else the response header', () => {
    const fromDetail = typed('internal', 500, 'something went wrong; quote request id 7f3a-91 when reporting it');
    expect(describeProblem(fromDetail, tId).headline).to.equal('Terjadi kesalahan di server. Sebutkan kode 7f3a-91 saat melapor ke admin.');
    expect(describeProblem(fromDetail, tEn).headline).to.include('Quote the code 7f3a-91');
    expect(correlationId(typed('internal', 500, 'boom', { requestId: 'member-1' }))).to.equal('member-1');
    expect(correlationId(problem(500, { detail: 'Internal Server Error' }, { requestId: 'hdr-2' }))).to.equal('hdr-2');
    expect(describeProblem(problem(500, { detail: 'Internal Server Error' }), tId).headline).to.equal(id['problem.500']);
  });

  it('keeps the precise refusals the signing pages rely on', () => {
    expect(describeProblem(typed('wrong-pin', 403, 'the PIN is wrong'), tId).headline).to.equal(id['sign.wrongPin']);
    expect(describeProblem(typed('no-certificate', 422, 'you have no signing certificate'), tId).headline).to.equal(id['sign.noCertificate']);
    expect(describeProblem(typed('pkcs12-unreadable', 422, 'mac verify failure'), tId).headline).to.equal(id['problem.pkcs12']);
    expect(describeProblem(typed('certificate-expired', 422, 'expired'), tEn).headline).to.equal(en['problem.certificateUnusable']);
    expect(describeProblem(typed('certificate-untrusted', 422, 'no trusted root'), tId).headline).to.equal(id['problem.certificateUntrusted']);
    expect(describeProblem(problem(401, { detail: 'the token is invalid, expired or revoked' }), tId).headline).to.equal(id['app.sessionEnded']);
  });

  it('says why a password was refused as too easy to guess, in both languages', () => {
    const p = typed('password-guessable', 422, 'the password is too easy to guess: must not contain the username', {
      errors: [{ field: 'password', message: 'must not contain the username' }],
    });
    expect(describeProblem(p, tId).headline)
      .to.equal(id['problem.passwordGuessable'])
      .and.match(/mudah ditebak/);
    expect(describeProblem(p, tEn).headline)
      .to.equal(en['problem.passwordGuessable'])
      .and.match(/easy to guess/);
  });

  it('says that an infected file was refused, and names the scanner when it is down', () => {
    const p = typed('malware-found', 422, 'the file "surat.pdf" carries malware (Win.Test.EICAR_HDB-1); it was not stored', {
      signature: 'Win.Test.EICAR_HDB-1',
      errors: [{ field: 'file', message: 'malware found: Win.Test.EICAR_HDB-1' }],
    });
    const inId = describeProblem(p, tId);
    expect(inId.headline).to.equal(id['problem.malwareFound']).and.match(/virus/);
    expect(describeProblem(p, tEn).headline)
      .to.equal(en['problem.malwareFound'])
      .and.match(/malware/);
    const down = typed('unavailable', 503, 'the malware scanner (clamd) could not be reached (ECONNREFUSED)', { backend: 'malware-scanner' });
    expect(describeProblem(down, tId).headline).to.equal('Layanan pemindai virus sedang tidak tersedia. Coba lagi sebentar lagi.');
    expect(describeProblem(down, tEn).headline).to.equal('The malware scanner is unavailable. Try again in a moment.');
  });
});
