import { expect } from 'chai';
import { AppError } from '../../../../src/domain/errors.ts';
import { createPadesVerifier } from '../../../../src/infra/signing/pades.verifier.ts';
import { createThreadedVerifier } from '../../../../src/infra/signing/threaded.verifier.ts';

/** 2 MB of a fragment that makes every occurrence a signature candidate to check. */
const hostile = new Uint8Array(Buffer.from(`%PDF-1.7\n${'1 0 obj /Type/Sig /Contents </M (D:'.repeat(60_000)}`, 'latin1'));

describe('signing: the verifier runs in threads (anyone may upload a file to check)', function () {
  this.timeout(60_000);

  it('answers in a thread exactly what the verifier answers in process', async () => {
    const threaded = createThreadedVerifier({ threads: 1 });
    try {
      for (const pdf of [hostile, new Uint8Array(Buffer.from('not a pdf'))]) {
        const here = await createPadesVerifier().verify(pdf, []);
        expect(await threaded.verify(pdf, [])).to.deep.equal(here);
      }
    } finally {
      await threaded.close();
    }
  });

  it('refuses a file that takes longer than its limit as invalid (the pool replaces that thread)', async () => {
    const threaded = createThreadedVerifier({ threads: 1, timeoutMs: 1 });
    try {
      const err = await threaded.verify(hostile, []).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(AppError);
      expect(err).to.deep.include({ code: 'invalid' });
      expect((err as AppError).detail).to.match(/checking the signatures of the file takes longer than/);
    } finally {
      await threaded.close();
    }
  });
});
