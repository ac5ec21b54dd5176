/**
 * The fast path for scanned PDFs: a scanner usually wraps one JPEG per page, and taking
 * those bytes as they are (what `pdfimages -j` does) is ~25× faster than rendering the page.
 * pdf.js does not expose raw streams, so pdf-lib reads the file; it loads it whole, so this
 * path is only taken for files up to a size cap and rendering serves the rest.
 */
import { readFile, stat } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFObject } from 'pdf-lib';

export interface EmbeddedJpeg {
  jpeg: Buffer;
  width: number;
  height: number;
}

export interface PageImageSource {
  /** The page's single embedded JPEG, or null when the page is anything else. */
  pageJpeg(pageIndex: number): EmbeddedJpeg | null;
}

const NONE: PageImageSource = { pageJpeg: () => null };

const nameOf = (o: PDFObject | undefined): string | null => (o instanceof PDFName ? o.decodeText() : null);

const isPlainJpeg = (dict: PDFDict): boolean => {
  if (nameOf(dict.get(PDFName.of('Subtype'))) !== 'Image') return false;
  let filter = dict.get(PDFName.of('Filter'));
  if (filter instanceof PDFArray) filter = filter.size() === 1 ? filter.get(0) : undefined;
  if (nameOf(filter) !== 'DCTDecode') return false;
  // Masks, decode arrays and unusual colour spaces change what the JPEG means on the page.
  if (dict.has(PDFName.of('SMask')) || dict.has(PDFName.of('Mask')) || dict.has(PDFName.of('Decode'))) return false;
  const cs = nameOf(dict.get(PDFName.of('ColorSpace')));
  return cs === 'DeviceGray' || cs === 'DeviceRGB';
};

const jpegOfPage = (doc: PDFDocument, pageIndex: number): EmbeddedJpeg | null => {
  const page = doc.getPages()[pageIndex];
  const xobjects = page?.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return null;
  const entries = xobjects.entries();
  if (entries.length !== 1) return null;
  const stream = doc.context.lookup(entries[0]![1]);
  if (!(stream instanceof PDFRawStream) || !isPlainJpeg(stream.dict)) return null;
  const width = stream.dict.lookupMaybe(PDFName.of('Width'), PDFNumber)?.asNumber() ?? 0;
  const height = stream.dict.lookupMaybe(PDFName.of('Height'), PDFNumber)?.asNumber() ?? 0;
  if (width <= 0 || height <= 0) return null;
  const bytes = stream.getContents();
  return { jpeg: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), width, height };
};

/**
 * Reads `filePath` with pdf-lib when it is at most `maxBytes`; any parse problem just means
 * "no shortcut" (pdf.js, which already opened the file, renders the page instead).
 */
export const openPageImages = async (filePath: string, maxBytes: number): Promise<PageImageSource> => {
  if ((await stat(filePath)).size > maxBytes) return NONE;
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(await readFile(filePath), { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return NONE;
  }
  return {
    pageJpeg: (i) => {
      try {
        return jpegOfPage(doc, i);
      } catch {
        return null;
      }
    },
  };
};
