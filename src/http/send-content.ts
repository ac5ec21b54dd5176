import type { Response } from 'express';
import type { AppDeps } from '../app/deps.ts';
import { openContent } from '../app/documents/read-documents.ts';
import type { Actor } from '../domain/access.ts';
import { extensionFor } from '../domain/file-types.ts';
import { contentDisposition } from './content-disposition.ts';

/**
 * Streams a stored document's original bytes as a download, under the caller's read access:
 * the one answer of /documents/:id/content, a draft's PDF and a signed letter, so none of those
 * routes rewrites the request to re-enter another router.
 */
export const sendDocumentContent = async (deps: AppDeps, actor: Actor, documentId: string, res: Response): Promise<void> => {
  const { document, stream } = await openContent(deps, actor, documentId);
  res.setHeader('Content-Type', document.mimeType);
  res.setHeader('Content-Length', String(document.size));
  res.setHeader('Content-Disposition', contentDisposition(document.originalName ?? `${document.id}.${extensionFor(document.mimeType)}`));
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('Cache-Control', 'private, no-store');
  stream.on('error', () => res.destroy());
  stream.pipe(res);
};
