import { expect } from 'chai';
import { AppError } from '../../../../src/domain/errors.ts';
import { Admission } from '../../../../src/infra/threads/admission.ts';
import { rejection } from '../../../support/rejection.ts';

const gate = () => new Admission({ running: 1, queued: 1, busy: { detail: 'busy', retryAfterSeconds: 10 } });

describe('Admission (the urgent share of the OCR pool)', () => {
  it('runs one, queues one, refuses the next at once with reading-busy and a Retry-After', async () => {
    const a = gate();
    let release!: () => void;
    const order: string[] = [];
    const first = a.run(() => new Promise<void>((r) => (release = r)).then(() => void order.push('first')));
    const second = a.run(async () => void order.push('second'));
    const refused = await rejection(a.run(async () => order.push('third')));
    expect(refused).to.be.instanceOf(AppError);
    expect(refused).to.include({ code: 'rate_limited', problemType: 'reading-busy', retryAfterSeconds: 10 });
    release();
    await Promise.all([first, second]);
    expect(order).to.deep.equal(['first', 'second']);
    // Both places are free again.
    expect(await a.run(async () => 'again')).to.equal('again');
  });

  it('lets a waiting request give up its place in the queue (time limit, clerk gone)', async () => {
    const a = gate();
    let release!: () => void;
    const first = a.run(() => new Promise<void>((r) => (release = r)));
    const gone = new AbortController();
    const waiting = rejection(a.run(async () => 'never', gone.signal));
    gone.abort(new Error('clerk left'));
    expect(await waiting).to.have.property('message', 'clerk left');
    // The freed queue place takes the next request.
    const next = a.run(async () => 'next');
    release();
    await first;
    expect(await next).to.equal('next');
  });
});
