import { randomUUID } from 'node:crypto';
import { QueryTypes, type QueryInterface } from 'sequelize';

/**
 * Emails move onto the job table (issue 17): each notification whose email is wanted gets a
 * `send-email` job when it is recorded. Emails still pending from before (they were mailed by the
 * reminder timer's round) get their job here, so none is left behind. `sending` ones are not:
 * their sender died mid-way and they may have gone out.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  const pending = await qi.sequelize.query<{ id: string }>("SELECT id FROM notifications WHERE email_state = 'pending' ORDER BY created_at", {
    type: QueryTypes.SELECT,
  });
  const now = new Date();
  const rows = pending.map((n) => ({
    id: randomUUID(),
    type: 'send-email',
    payload: JSON.stringify({ notificationId: n.id }),
    state: 'queued',
    attempts: 0,
    max_attempts: 5,
    run_at: now,
    lease_owner: null,
    lease_until: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await qi.bulkInsert('jobs', rows.slice(i, i + 500));
};

/** Back to the timer's round: it mails whatever is `pending`, so the queued jobs can simply go. */
export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.sequelize.query("DELETE FROM jobs WHERE type = 'send-email' AND state IN ('queued', 'running')");
};
