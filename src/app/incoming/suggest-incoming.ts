import type { Actor } from '../../domain/access.ts';
import { suggestLetterFields } from '../../domain/letter-suggestions.ts';
import type { StagedFile } from '../../ports/staging-area.ts';
import type { AppDeps } from '../deps.ts';
import { validateUpload } from '../documents/store-original.ts';
import { requireRegistrar } from './register-incoming.ts';

/** The letter's head is on its first page; its signature block on the second at most. */
const PAGES_READ = 2;
/** How the suggestions were read: a PDF's text layer, OCR of the first page, or OCR given up at the time limit. */
export type SuggestionSource = 'text-layer' | 'ocr' | 'ocr-timed-out';

/**
 * What a dropped file says about itself before it is registered (issue 18): the text of its
 * first page(s), read under the upload's checks (type by contents, malware, page and pixel
 * limits), and the number, date, sender and subject the domain's rules find in it. A PDF's text
 * layer is taken as it is; a scan (an image, or a PDF of page images) has its first page OCR'd
 * on the urgent share of the OCR pool under a time limit, refused at once (429 reading-busy)
 * when that share is full. Nothing is stored and the temp file is removed in every outcome.
 */
export const suggestIncoming = async (deps: AppDeps, actor: Actor, staged: StagedFile, fileName: string | null, signal?: AbortSignal) => {
  try {
    requireRegistrar(actor);
    const { mimeType } = await validateUpload(deps, actor, staged, {}, { fileName });
    const limits = { maxPages: deps.limits.maxPages, maxPixels: deps.limits.maxPixels };
    if (mimeType === 'application/pdf') {
      const pages = await deps.extractor.extract(staged.path, mimeType, limits, { textLayerOnly: true, firstPages: PAGES_READ, ...(signal ? { signal } : {}) });
      const text = pages.map((p) => p.text).join('\n');
      if (text.trim()) return { mimeType, textLayer: true, source: 'text-layer' as SuggestionSource, suggestions: suggestLetterFields(text) };
    }
    // Past the limit the page is given up (its worker replaced) and the clerk types; the
    // pipeline reads it anyway once the letter is registered.
    const limit = AbortSignal.timeout(deps.limits.suggestOcrMs);
    try {
      const [first] = await deps.extractor.extract(staged.path, mimeType, limits, {
        firstPages: 1,
        urgent: true,
        signal: signal ? AbortSignal.any([signal, limit]) : limit,
      });
      return { mimeType, textLayer: false, source: 'ocr' as SuggestionSource, suggestions: suggestLetterFields(first?.text ?? '') };
    } catch (err) {
      if (!limit.aborted || signal?.aborted) throw err;
      return { mimeType, textLayer: false, source: 'ocr-timed-out' as SuggestionSource, suggestions: {} };
    }
  } finally {
    await deps.staging.discard(staged.path);
  }
};
