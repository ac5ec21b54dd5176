import type { AppDeps } from '../deps.ts';
import { derivedPrefix } from './keys.ts';

/** Removes every file derived from a document (searchable copy, thumbnail, page images). */
export const removeDerivedFiles = async (deps: Pick<AppDeps, 'blobs'>, documentId: string): Promise<void> => {
  const keys: string[] = [];
  for await (const key of deps.blobs.list(derivedPrefix(documentId))) keys.push(key);
  for (const key of keys) await deps.blobs.delete(key);
};
