import type { Actor } from '../../domain/access.ts';
import type { StagedFile } from '../../ports/staging-area.ts';
import type { AppDeps } from '../deps.ts';
import { requireClearedToClassify, storeOriginal, type DocumentFields, type StoreResult } from './store-original.ts';

/**
 * Archives one uploaded file. Answers only once the original is durable and its row, audit
 * entry and processing job are committed; the staged temp file is removed in every outcome.
 */
export const uploadDocument = async (
  deps: AppDeps,
  actor: Actor,
  staged: StagedFile,
  fields: DocumentFields,
  originalName: string | null,
): Promise<StoreResult> => {
  try {
    // Here, not in storeOriginal: registering a sealed incoming letter above one's clearance is allowed (see README).
    requireClearedToClassify(actor, fields.securityLevel);
    return await storeOriginal(deps, actor, staged, fields, originalName);
  } finally {
    await deps.staging.discard(staged.path);
  }
};
