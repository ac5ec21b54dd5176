import type { NumberPlan } from '../../src/app/outgoing/assign-letter-number.ts';
import { assignLetterNumber } from '../../src/app/outgoing/assign-letter-number.ts';
import type { Database } from '../../src/ports/repositories.ts';

/**
 * 20 signers each taking 10 numbers from `plan` at once; every fifth signing of a worker fails
 * after taking its number (its transaction rolls back) and is tried again. Returns the numbers
 * that committed and how many signings failed.
 */
export const takeNumbersInParallel = async (db: Database, plan: NumberPlan): Promise<{ taken: string[]; failures: number }> => {
  const taken: string[] = [];
  let failures = 0;
  await Promise.all(
    Array.from({ length: 20 }, async (_, worker) => {
      for (let i = 0; i < 10; i++) {
        for (let attempt = 0; ; attempt++) {
          const ok = await db
            .transaction(async (tx) => {
              const n = await assignLetterNumber(tx, plan);
              if (attempt === 0 && (worker + i) % 5 === 0) throw new Error('signing failed');
              return n;
            })
            .then(
              (n) => (taken.push(n.letterNumber), true),
              () => (failures++, false),
            );
          if (ok) break;
        }
      }
    }),
  );
  return { taken, failures };
};
