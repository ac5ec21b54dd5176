import type { Actor } from '../../domain/access.ts';
import { suggestLetterFields } from '../../domain/letter-suggestions.ts';
import type { StagedFile } from '../../ports/staging-area.ts';
import type { AppDeps } from '../deps.ts';
import { validateUpload } from '../documents/store-original.ts';
import { requireRegistrar } from './register-incoming.ts';

/** The letter's head is on its first page; its signature block on the second at most. */
const PAGES_READ = 2;

/**
 * What a dropped scan says about itself before it is registered (issue 18): the text layer of a
 * PDF's first pages, read under the upload's checks (type by contents, malware, limits), and the
 * number, date, sender and subject the domain's rules find in it. Nothing is stored and the temp
 * file is removed in every outcome. A scan without a text layer is not OCR'd here (that takes
 * seconds a page, and runs in the worker once registered): `textLayer: false`, no suggestions.
 */
export const suggestIncoming = async (deps: AppDeps, actor: Actor, staged: StagedFile, fileName: string | null) => {
  try {
    requireRegistrar(actor);
    const { mimeType } = await validateUpload(deps, actor, staged, {}, { fileName });
    if (mimeType !== 'application/pdf') return { mimeType, textLayer: false, suggestions: {} };
    const limits = { maxPages: deps.limits.maxPages, maxPixels: deps.limits.maxPixels };
    const pages = await deps.extractor.extract(staged.path, mimeType, limits, { textLayerOnly: true, firstPages: PAGES_READ });
    const text = pages.map((p) => p.text).join('\n');
    return { mimeType, textLayer: text.trim().length > 0, suggestions: suggestLetterFields(text) };
  } finally {
    await deps.staging.discard(staged.path);
  }
};
