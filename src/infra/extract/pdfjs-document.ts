/**
 * Opens a PDF with pdf.js reading the file on demand: pdf.js asks for byte ranges and we
 * serve them with fs reads, so a 500 MB PDF never sits in memory (only the xref and the
 * objects a page needs are fetched).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, PDFDataRangeTransport, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppError } from '../../domain/errors.ts';

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** pdf.js wants folder URLs with a trailing slash; in Node they are plain paths. */
const STANDARD_FONTS = path.join(pdfjsRoot, 'standard_fonts') + path.sep;
const WASM = path.join(pdfjsRoot, 'wasm') + path.sep;
const CMAPS = path.join(pdfjsRoot, 'cmaps') + path.sep;
const CHUNK = 64 * 1024;

/** Where pdf.js finds its bundled fonts, decoders and CMaps, and the options every load uses. */
export const PDFJS_ASSETS = {
  standardFontDataUrl: STANDARD_FONTS,
  wasmUrl: WASM,
  cMapUrl: CMAPS,
  cMapPacked: true,
  isEvalSupported: false,
  enableXfa: false,
  useSystemFonts: false,
  verbosity: 0,
} as const;

/** Serves pdf.js range requests from an open file handle. */
class FileRangeTransport extends PDFDataRangeTransport {
  failure: unknown = null;
  constructor(
    private readonly fh: FileHandle,
    size: number,
    private readonly onFailure: () => void,
  ) {
    super(size, null);
  }

  override requestDataRange(begin: number, end: number): void {
    const buf = Buffer.alloc(end - begin);
    this.fh.read(buf, 0, buf.length, begin).then(
      ({ bytesRead }) => this.onDataRange(begin, new Uint8Array(buf.buffer, buf.byteOffset, bytesRead)),
      (err: unknown) => {
        this.failure = err;
        this.onFailure();
      },
    );
  }
}

export interface OpenedPdf {
  doc: PDFDocumentProxy;
  close(): Promise<void>;
}

const pdfError = (err: unknown): AppError => {
  const name = (err as { name?: string } | null)?.name ?? '';
  if (name === 'PasswordException') {
    return new AppError('invalid', 'the PDF is encrypted (password protected); remove the password and upload it again', { cause: err });
  }
  return new AppError('invalid', 'the PDF is damaged or truncated and cannot be read', { cause: err });
};

/**
 * Opens `filePath` as a PDF. Throws AppError `invalid` when pdf.js cannot parse it or it is
 * encrypted; file system errors are passed through (they are transient, not the file's fault).
 * Images over `maxImagePixels` are never decoded (pdf.js leaves them out of the rendering).
 */
export const openPdf = async (filePath: string, o: { maxImagePixels?: number } = {}): Promise<OpenedPdf> => {
  const fh = await open(filePath, 'r');
  const { size } = await fh.stat();
  if (size === 0) {
    await fh.close();
    throw new AppError('invalid', 'the PDF is empty');
  }
  let destroy = () => {};
  const transport = new FileRangeTransport(fh, size, () => destroy());
  const task = getDocument({
    range: transport,
    length: size,
    rangeChunkSize: CHUNK,
    disableAutoFetch: true,
    disableStream: true,
    ...(o.maxImagePixels ? { maxImageSize: o.maxImagePixels } : {}),
    ...PDFJS_ASSETS,
  });
  destroy = () => void task.destroy();
  const release = async () => {
    await task.destroy().catch(() => {});
    await fh.close().catch(() => {});
  };
  try {
    const doc = await task.promise;
    return { doc, close: release };
  } catch (err) {
    await release();
    if (transport.failure) throw transport.failure;
    throw pdfError(err);
  }
};

/** Wraps a pdf.js call on an opened document: parse failures become AppError `invalid`. */
export const pdfCall = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw pdfError(err);
  }
};
