import { PREVIEW_JOB } from '../../domain/job-types.ts';
import type { AppDeps } from '../deps.ts';
import { thumbnailKey } from '../documents/keys.ts';

const DERIVED_PREFIX = 'derived/';
const THUMBNAIL = '/thumbnail.jpg';

/**
 * The ids of documents whose thumbnail is stored. The render job writes the thumbnail last, so
 * it stands for the whole set of page images. Page-image keys are passed over, not held.
 */
export const thumbnailIds = async (blobs: AppDeps['blobs']): Promise<Set<string>> => {
  const out = new Set<string>();
  for await (const key of blobs.list(DERIVED_PREFIX)) if (key.endsWith(THUMBNAIL)) out.add(key.slice(DERIVED_PREFIX.length, -THUMBNAIL.length));
  return out;
};

/**
 * Of `candidates` (ready documents with pages whose thumbnail was not listed), those still
 * without one and with no preview job queued or running: documents archived before previews
 * existed, or whose render job gave up. Looked at again one by one, so a preview rendered
 * during the run is not reported.
 */
export const stillUnpreviewed = async (deps: Pick<AppDeps, 'db' | 'blobs'>, candidates: string[]): Promise<string[]> => {
  if (candidates.length === 0) return [];
  const pending = await deps.db.jobs.activeSubjects([PREVIEW_JOB], 'documentId');
  const out: string[] = [];
  for (const id of candidates) if (!pending.has(id) && (await deps.blobs.stat(thumbnailKey(id))) === null) out.push(id);
  return out;
};
