/**
 * What a DSS update is compared with: the signed revision's catalog, its trailer's /Root and
 * /Info, and its largest object number. Read from its last cross-reference table and trailer and
 * the catalog object alone when they are one classic section (as Naskah's signer writes them), because
 * parsing a whole letter with pdf-lib costs more than the rest of its verification; any other
 * layout (an xref stream, a catalog from an older section) is parsed whole.
 */
import { ParseSpeeds, type PDFContext, PDFDict, PDFDocument, PDFName, type PDFObject, PDFParser, PDFRef } from 'pdf-lib';

export interface SignedRevision {
  root: PDFRef;
  info: PDFObject | undefined;
  id: PDFObject | undefined;
  /** Where its cross-reference section begins (its last startxref): an update's /Prev. */
  xrefAt: number;
  /** The largest object number the revision may use (its trailer's /Size − 1). */
  largest: number;
  catalog: PDFDict;
}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** pdf-lib reads a piece of a file only after a header. */
export const parsePiece = (piece: Uint8Array): Promise<PDFContext> =>
  PDFParser.forBytesWithOptions(new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), piece])), Infinity, true).parseDocument();

/** Object number → offset, from a classic table's text (null when it is not one). */
export const xrefTable = (text: string): Map<number, { offset: number; generation: number }> | null => {
  const entries = new Map<number, { offset: number; generation: number }>();
  const lines = text.trim().split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; ) {
    const head = /^(\d+) (\d+)\s*$/.exec(lines[i++]!);
    if (!head) return null;
    for (let k = 0; k < Number(head[2]); k++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])\s*$/.exec(lines[i++] ?? '');
      if (!entry) return null;
      if (entry[3] === 'n') entries.set(Number(head[1]) + k, { offset: Number(entry[1]), generation: Number(entry[2]) });
    }
  }
  return entries;
};

/** The offset its final startxref names, or -1 when the file does not end with startxref and %%EOF. */
export const startxrefOf = (pdf: Uint8Array): number => {
  const at = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(latin1(pdf.subarray(Math.max(0, pdf.length - 1024))));
  return at ? Number(at[1]) : -1;
};

const quick = async (pdf: Uint8Array, xrefAt: number): Promise<SignedRevision | null> => {
  if (xrefAt < 0 || xrefAt >= pdf.length || latin1(pdf.subarray(xrefAt, xrefAt + 4)) !== 'xref') return null;
  const section = latin1(pdf.subarray(xrefAt));
  const trailerAt = section.indexOf('trailer');
  const size = /\/Size\s+(\d+)/.exec(section.slice(trailerAt));
  const tableText = trailerAt > 0 ? section.slice(4, trailerAt) : '';
  const table = xrefTable(tableText);
  // One revision whose table lists every number below /Size: then /Size bounds its objects (a
  // smaller /Size would let an update pass a changed object off as a new one).
  const oneSection = size && new RegExp(`^\\s*0 ${size[1]}\\s`).test(tableText) && !/\/Prev\b/.test(section.slice(trailerAt));
  if (!table || !size || !oneSection) return null;
  // The trailer's dictionary read as an object's (pdf-lib is slow over a whole xref section).
  const dictText = section.slice(trailerAt + 'trailer'.length, section.indexOf('startxref', trailerAt));
  const trailer = (await parsePiece(new Uint8Array(Buffer.from(`1 0 obj\n${dictText}\nendobj\n`, 'latin1')))).lookupMaybe(PDFRef.of(1), PDFDict);
  if (!trailer) return null;
  const [root, info, id, encrypt] = ['Root', 'Info', 'ID', 'Encrypt'].map((k) => trailer.get(PDFName.of(k)));
  const place = root instanceof PDFRef ? table.get(root.objectNumber) : undefined;
  if (!(root instanceof PDFRef) || !place || place.generation !== root.generationNumber || encrypt) return null;
  const objEnd = latin1(pdf.subarray(place.offset, xrefAt)).indexOf('endobj');
  if (objEnd < 0) return null;
  const catalog = (await parsePiece(pdf.subarray(place.offset, place.offset + objEnd + 6))).lookupMaybe(root, PDFDict);
  return catalog ? { root, info, id, xrefAt, largest: Number(size[1]) - 1, catalog } : null;
};

const whole = async (pdf: Uint8Array, xrefAt: number): Promise<SignedRevision | null> => {
  const context = (await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, throwOnInvalidObject: true })).context;
  const root = context.trailerInfo.Root;
  if (!(root instanceof PDFRef) || context.trailerInfo.Encrypt) return null;
  return { root, info: context.trailerInfo.Info, id: context.trailerInfo.ID, xrefAt, largest: context.largestObjectNumber, catalog: context.lookup(root, PDFDict) };
};

/** The signed revision `pdf` (the file up to its signature's end); null when it has no plain catalog. */
export const readSignedRevision = async (pdf: Uint8Array): Promise<SignedRevision | null> => {
  const xrefAt = startxrefOf(pdf);
  if (xrefAt < 0) return null;
  return (await quick(pdf, xrefAt).catch(() => null)) ?? whole(pdf, xrefAt);
};
