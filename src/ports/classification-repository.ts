import type { Classification } from '../domain/classification.ts';

/** The classification scheme's codes. */
export interface ClassificationRepository {
  /** Inserts a code; AppError `conflict` when it exists. */
  create(c: Classification): Promise<void>;
  findByCode(code: string): Promise<Classification | null>;
  /** Changes what the patch names; false when the code does not exist. */
  update(code: string, patch: Partial<Omit<Classification, 'code'>>): Promise<boolean>;
  /** Every code (retired ones included), in no particular order: schemes are hundreds, not millions. */
  all(): Promise<Classification[]>;
}
