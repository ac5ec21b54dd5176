import { expect } from 'chai';
import type { AppDeps } from '../../../../src/app/deps.ts';
import { queueLetterEmails } from '../../../../src/app/outgoing/email-externally.ts';
import type { OutgoingLetterRecord } from '../../../../src/domain/correspondence.ts';
import type { Repositories } from '../../../../src/ports/repositories.ts';

/** What the signing's transaction is asked to write, kept in memory. */
const transaction = () => {
  const rows: { address: string }[] = [];
  const jobs: { type: string }[] = [];
  const tx = {
    letterEmails: { ofLetter: async () => rows, create: async (r: { address: string }) => void rows.push(r) },
    jobs: { enqueue: async (j: { type: string }) => void jobs.push(j) },
  } as unknown as Pick<Repositories, 'letterEmails' | 'jobs'>;
  return { tx, rows, jobs };
};

const deps = { mailer: { configured: true }, clock: { now: () => new Date('2026-12-03T03:00:00Z') }, jobs: { maxAttempts: 3 } } as unknown as AppDeps;

const letter = (securityLevel: string) =>
  ({
    id: 'l-1',
    securityLevel,
    addressees: [{ kind: 'external', name: 'BPS Sleman', email: 'bps3404@bps.go.id' }],
    copies: [],
  }) as unknown as OutgoingLetterRecord;

describe('e-mailing a signed letter to external parties (unit)', () => {
  it('queues one e-mail and its job for a letter of level biasa', async () => {
    const t = transaction();
    await queueLetterEmails(deps, t.tx, letter('biasa'));
    expect(t.rows.map((r) => r.address)).to.deep.equal(['bps3404@bps.go.id']);
    expect(t.jobs.map((j) => j.type)).to.deep.equal(['send-email']);
  });

  it('queues none for a letter above biasa: plain e-mail is no channel for a classified letter', async () => {
    for (const level of ['terbatas', 'rahasia', 'sangat_rahasia']) {
      const t = transaction();
      await queueLetterEmails(deps, t.tx, letter(level));
      expect([t.rows, t.jobs], level).to.deep.equal([[], []]);
    }
  });
});
