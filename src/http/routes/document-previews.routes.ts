/**
 * What the worker derived from a document's original, for people to look at: the searchable
 * PDF of a scan, the thumbnail, and page images (so any document, a TIFF or a PDF on a phone
 * included, can be paged through in the browser as plain images).
 */
import type { Response } from 'express';
import { Router } from 'express';
import type { Readable } from 'node:stream';
import type { AppDeps } from '../../app/deps.ts';
import { openPreview, openSearchable } from '../../app/documents/read-derived.ts';
import { contentDisposition } from '../content-disposition.ts';
import { parse } from '../validate.ts';
import { routePath } from '../openapi/operation.ts';
import { documentId as id, documentOps as ops, pageNumber } from '../schemas/documents.schemas.ts';

const send = (res: Response, stream: Readable, size: number) => {
  res.setHeader('Content-Length', String(size));
  stream.on('error', () => res.destroy());
  stream.pipe(res);
};

/** Image previews are shown inline, as images only; they are private to the person who may see them. */
const sendImage = (res: Response, image: { stream: Readable; size: number }) => {
  res.setHeader('Content-Type', 'image/jpeg');
  res.setHeader('Content-Disposition', 'inline');
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('Cache-Control', 'private, max-age=300');
  send(res, image.stream, image.size);
};

/** The base of a download's file name: the original's name without its extension. */
const baseName = (name: string | null, fallback: string) => (name ?? fallback).replace(/\.[^.]{1,5}$/, '') || fallback;

export const documentPreviewRoutes = (deps: AppDeps): Router => {
  const r = Router();

  r.get(routePath(ops.searchable), async (req, res) => {
    const out = await openSearchable(deps, req.actor!, parse(id, req.params.id));
    const name = out.copy
      ? `${baseName(out.document.originalName, out.document.id)}-dapat-dicari.pdf`
      : (out.document.originalName ?? `${out.document.id}.pdf`);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(name));
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    res.setHeader('Cache-Control', 'private, no-store');
    // Says which file this is: the searchable copy, or the original that is searchable itself.
    res.setHeader('X-Naskah-Searchable', out.copy ? 'copy' : 'original');
    send(res, out.stream, out.size);
  });

  r.get(routePath(ops.thumbnail), async (req, res) => {
    sendImage(res, await openPreview(deps, req.actor!, parse(id, req.params.id), 'thumbnail'));
  });

  r.get(routePath(ops.pageImage), async (req, res) => {
    sendImage(res, await openPreview(deps, req.actor!, parse(id, req.params.id), parse(pageNumber, req.params.n)));
  });

  return r;
};
