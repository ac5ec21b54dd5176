import type { Sequelize } from 'sequelize';
import { defineAccountModels } from './models/accounts.models.ts';
import { defineCorrespondenceModels } from './models/correspondence.models.ts';
import { defineDocumentModels } from './models/documents.models.ts';
import { defineLetterModels } from './models/letters.models.ts';
import { defineRecordsModels } from './models/records.models.ts';
import { defineSigningModels } from './models/signing.models.ts';

/**
 * Sequelize models mirroring the migrations (the migrations are the source of truth), one row
 * interface per table in `models/`: read raw, a table's rows come back typed as its interface.
 */
export const defineModels = (s: Sequelize) => ({
  ...defineAccountModels(s),
  ...defineDocumentModels(s),
  ...defineCorrespondenceModels(s),
  ...defineSigningModels(s),
  ...defineRecordsModels(s),
  ...defineLetterModels(s),
});

export type Models = ReturnType<typeof defineModels>;
