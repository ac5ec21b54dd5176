import { AppError } from '../../domain/errors.ts';
import type { Repositories } from '../../ports/repositories.ts';

/**
 * A new record must name a code the scheme has and still offers (422 otherwise); without a code
 * it is filed as unclassified and waits on the archivists' list. `field` names the form field.
 */
export const requireActiveCode = async (
  db: Pick<Repositories, 'classifications'>,
  code: string | null | undefined,
  field = 'classificationCode',
): Promise<void> => {
  if (code === null || code === undefined) return;
  const c = await db.classifications.findByCode(code);
  if (!c)
    throw new AppError('invalid', `the classification scheme has no code ${code}`, {
      errors: [{ field, message: `unknown classification code ${code}`, code: 'unknown_classification' }],
    });
  if (!c.active)
    throw new AppError('invalid', `the classification code ${code} is retired; choose a current one`, {
      errors: [{ field, message: `retired classification code ${code}`, code: 'retired_classification' }],
    });
};
