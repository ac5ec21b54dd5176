import type { Sequelize, Transaction } from 'sequelize';

export type TransactionRunner = <T>(fn: (t: Transaction) => Promise<T>) => Promise<T>;

/**
 * Runs managed transactions. On SQLite they queue in-process first: SQLite has one writer,
 * and letting many transactions wait for its lock inside the driver parks every libuv thread
 * in the busy handler, so the holder can no longer run its own statements (a deadlock until
 * the busy timeout). Other processes sharing the file still queue through busy_timeout.
 */
export const transactionRunner = (sequelize: Sequelize): TransactionRunner => {
  if (sequelize.getDialect() !== 'sqlite') return (fn) => sequelize.transaction(fn);
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: (t: Transaction) => Promise<T>): Promise<T> => {
    const run = tail.then(() => sequelize.transaction(fn));
    tail = run.catch(() => undefined);
    return run;
  };
};
