/**
 * Reads a Document Security Store added after a signature (PAdES B-LT, see dss.writer.ts), and
 * decides whether the bytes after the signed revision are nothing but that: validation data a
 * reader may ignore, which therefore leaves the signature covering the whole document.
 *
 * Anything else appended after signing (an annotation, new page content, a changed object)
 * stays "added after the signed part". So the update must be one revision with a classic xref
 * table whose entries all point into the update; it may define no object of the signed revision
 * again except the catalog, which may only gain /DSS; the trailer keeps its /Root and /Info and
 * adds no /Encrypt. New objects are then reachable only through /DSS.
 *
 * The update is parsed by itself (its objects are exactly what it defines), and of the signed
 * revision only its trailer and catalog (signed-revision.ts): verification stays cheap.
 */
import { decodePDFRawStream, PDFArray, type PDFContext, PDFDict, PDFName, type PDFObject, PDFRawStream, PDFStream } from 'pdf-lib';
import { parsePiece, readSignedRevision, startxrefOf, xrefTable } from './signed-revision.ts';

export interface EmbeddedValidationData {
  certificates: Uint8Array[];
  crls: Uint8Array[];
  /** OCSP responses embedded (counted; Naskah writes none and checks none). */
  ocsps: number;
  /** VRI entries by key (upper-case hex SHA-1 of a signature's /Contents). */
  vri: Map<string, { certificates: Uint8Array[]; crls: Uint8Array[] }>;
}

export type DssUpdate = { data: EmbeddedValidationData; problem?: never } | { data?: never; problem: string };

/** More than this many certificates or lists is not validation data for a letter. */
const MAX_ITEMS = 64;

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/** The xref of the update: a classic table whose every entry is an object inside the update. */
const xrefProblem = (pdf: Uint8Array, signedEnd: number): string | null => {
  const tail = latin1(pdf.subarray(signedEnd));
  if (count(tail, /%%EOF/g) !== 1 || count(tail, /startxref/g) !== 1 || count(tail, /\btrailer\b/g) !== 1) return 'it is not a single revision';
  const at = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const xrefAt = at ? Number(at[1]) - signedEnd : -1;
  if (xrefAt < 0 || !tail.startsWith('xref', xrefAt)) return 'its cross-reference section is not a table inside it';
  // Readers follow /Prev to the signed revision's own xref: it must be that one.
  const prev = startxrefOf(pdf.subarray(0, signedEnd));
  const prevs = [...tail.slice(tail.indexOf('trailer')).matchAll(/\/Prev\s+(\d+)/g)];
  if (prev < 0 || prevs.length !== 1 || Number(prevs[0]![1]) !== prev) return 'its trailer does not continue the signed revision';
  const text = tail.slice(xrefAt + 4, tail.indexOf('trailer', xrefAt));
  const table = xrefTable(text);
  if (!table || /\d{10} \d{5} f/.test(text)) return 'its cross-reference table cannot be read, or frees objects';
  for (const [number, { offset, generation }] of table) {
    const obj = offset - signedEnd;
    if (obj < 0 || !tail.startsWith(`${number} ${generation} obj`, obj)) return 'its cross-reference table names objects outside it';
  }
  return null;
};

/** Two direct values (catalog entries, trailer references) written alike. */
const same = (a: PDFObject | undefined, b: PDFObject | undefined): boolean => (!a || !b ? a === b : a.toString() === b.toString());

const streamsOf = (doc: PDFContext, holder: PDFDict, key: string): Uint8Array[] => {
  const list = holder.lookupMaybe(PDFName.of(key), PDFArray);
  if (!list) return [];
  if (list.size() > MAX_ITEMS) throw new Error(`more than ${MAX_ITEMS} entries in /${key}`);
  return list.asArray().map((ref) => {
    const s = doc.lookup(ref);
    if (!(s instanceof PDFRawStream)) throw new Error(`an entry of /${key} is not a stream`);
    return decodePDFRawStream(s).decode();
  });
};

const readDss = (doc: PDFContext, dss: PDFDict): EmbeddedValidationData => {
  const vri = new Map<string, { certificates: Uint8Array[]; crls: Uint8Array[] }>();
  const vriDict = dss.lookupMaybe(PDFName.of('VRI'), PDFDict);
  for (const [key, value] of vriDict?.entries() ?? []) {
    const entry = doc.lookup(value);
    if (entry instanceof PDFDict && vri.size < MAX_ITEMS) vri.set(key.asString().slice(1).toUpperCase(), { certificates: streamsOf(doc, entry, 'Cert'), crls: streamsOf(doc, entry, 'CRL') });
  }
  return { certificates: streamsOf(doc, dss, 'Certs'), crls: streamsOf(doc, dss, 'CRLs'), ocsps: dss.lookupMaybe(PDFName.of('OCSPs'), PDFArray)?.size() ?? 0, vri };
};

/**
 * What follows the signed revision (`pdf[signedEnd..]`): its DSS when it is a validation-data
 * update and nothing else, otherwise why not; null when what follows names no DSS at all.
 */
export const readDssUpdate = async (pdf: Uint8Array, signedEnd: number): Promise<DssUpdate | null> => {
  // Most files have nothing after the signature, or an update that names no DSS: not ours to read.
  if (signedEnd <= 0 || signedEnd >= pdf.length || Buffer.from(pdf.buffer, pdf.byteOffset + signedEnd, pdf.length - signedEnd).indexOf('/DSS', 0, 'latin1') < 0) return null;
  const xref = xrefProblem(pdf, signedEnd);
  if (xref) return { problem: `the update after signing is not validation data only: ${xref}` };
  try {
    const not = (why: string): DssUpdate => ({ problem: `the update after signing is not validation data only: ${why}` });
    const signed = await readSignedRevision(pdf.subarray(0, signedEnd));
    if (!signed) return not('the signed revision has no plain catalog');
    const update = await parsePiece(pdf.subarray(signedEnd));
    const after = update.trailerInfo;
    if (!same(signed.root, after.Root)) return not('it replaces the catalog');
    if (!same(signed.info, after.Info) || after.Encrypt) return not('it changes the trailer');
    // Numbers up to the signed revision's largest are its objects (or its free ones): only the catalog may come again.
    for (const [ref] of update.enumerateIndirectObjects()) {
      if (ref !== signed.root && ref.objectNumber <= signed.largest) return not(`it changes object ${ref.objectNumber}`);
    }
    const oldCatalog = signed.catalog;
    const newCatalog = update.lookupMaybe(signed.root, PDFDict);
    if (!newCatalog) return not('it adds no Document Security Store');
    const keys = (d: PDFDict) => d.keys().map((k) => k.asString()).filter((k) => k !== '/DSS').sort();
    if (oldCatalog.has(PDFName.of('DSS')) || keys(oldCatalog).join() !== keys(newCatalog).join()) return not('it changes the catalog');
    for (const k of oldCatalog.keys()) if (!same(oldCatalog.get(k), newCatalog.get(k))) return not(`it changes the catalog's ${k.asString()}`);
    const dss = newCatalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
    if (!dss || dss instanceof PDFStream) return not('it adds no Document Security Store');
    return { data: readDss(update, dss) };
  } catch (err) {
    return { problem: `the update after signing cannot be read (${(err as Error).message})` };
  }
};
