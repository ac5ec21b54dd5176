import { expect } from 'chai';
import { type FailureKind, failureKind } from '../../../src/domain/failure-kinds.ts';

/** Texts as the server writes them, and the kind each must be read as (the precise rule first). */
const CASES: [string, FailureKind][] = [
  ['the malware scanner (clamd) did not answer', 'scanner-down'],
  ['malware found: Eicar-Test-Signature', 'malware'],
  ['the PDF is encrypted (password protected); remove the password and upload it again', 'pdf-encrypted'],
  ['the PDF has 900 pages; the limit is 500', 'too-many-pages'],
  ['text extraction failed: job timed out after 120 s', 'timed-out'],
  ['text extraction failed: worker crashed', 'extract-failed'],
  ['indexing failed: search index write failed', 'search-down'],
  ['lease expired on the last attempt (worker stopped or hung)', 'worker-stopped'],
  ['the backup directory /b cannot be used (ENOSPC: no space left on device)', 'disk-full'],
  ['the backup directory /b cannot be used (EACCES: permission denied)', 'backup-dir'],
  ['the mail server cannot be used: connection refused', 'mail-down'],
  ['something nobody wrote a rule for', 'other'],
];

describe('domain: the kind of a stored failure text', () => {
  it('reads each kind from the words the server writes, the precise rule first', () => {
    for (const [text, kind] of CASES) expect(failureKind(text), text).to.equal(kind);
  });

  it('has no kind where there is no error', () => {
    expect(failureKind(null)).to.equal(null);
    expect(failureKind('')).to.equal(null);
  });
});
