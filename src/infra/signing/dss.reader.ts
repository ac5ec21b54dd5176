/**
 * Reads a Document Security Store added after a signature (PAdES B-LT, see dss.writer.ts), and
 * decides whether the bytes after the signed revision are nothing but that: validation data a
 * reader may ignore, which therefore leaves the signature covering the whole document.
 *
 * Anything else appended after signing (an annotation, new page content, a changed object)
 * stays "added after the signed part". So the update must be one revision with a classic xref
 * table whose entries all point into the update; every object of the signed revision must be
 * unchanged except the catalog, which may only gain /DSS; the trailer keeps its /Root and /Info
 * and adds no /Encrypt. New objects are then reachable only through /DSS.
 */
import { decodePDFRawStream, ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';

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
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(latin1(pdf.subarray(Math.max(0, signedEnd - 1024), signedEnd)));
  const prevs = [...tail.slice(tail.indexOf('trailer')).matchAll(/\/Prev\s+(\d+)/g)];
  if (!prev || prevs.length !== 1 || prevs[0]![1] !== prev[1]) return 'its trailer does not continue the signed revision';
  const lines = tail.slice(xrefAt + 4, tail.indexOf('trailer', xrefAt)).trim().split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; ) {
    const head = /^(\d+) (\d+)\s*$/.exec(lines[i++]!);
    if (!head) return 'its cross-reference table cannot be read';
    for (let k = 0; k < Number(head[2]); k++) {
      const entry = /^(\d{10}) (\d{5}) n\s*$/.exec(lines[i++] ?? '');
      const obj = entry ? Number(entry[1]) - signedEnd : -1;
      const number = Number(head[1]) + k;
      if (obj < 0 || !new RegExp(`^${number} ${Number(entry![2])} obj\\b`).test(tail.slice(obj, obj + 24))) return 'its cross-reference table names objects outside it';
    }
  }
  return null;
};

/** One object as a comparable value (a stream's dictionary and raw bytes). */
const same = (a: PDFObject | undefined, b: PDFObject | undefined): boolean => {
  if (!a || !b) return a === b;
  if (a instanceof PDFRawStream || b instanceof PDFRawStream) {
    return a instanceof PDFRawStream && b instanceof PDFRawStream && a.dict.toString() === b.dict.toString() && Buffer.from(a.contents).equals(Buffer.from(b.contents));
  }
  return a.toString() === b.toString();
};

const streamsOf = (doc: PDFDocument, holder: PDFDict, key: string): Uint8Array[] => {
  const list = holder.lookupMaybe(PDFName.of(key), PDFArray);
  if (!list) return [];
  if (list.size() > MAX_ITEMS) throw new Error(`more than ${MAX_ITEMS} entries in /${key}`);
  return list.asArray().map((ref) => {
    const s = doc.context.lookup(ref);
    if (!(s instanceof PDFRawStream)) throw new Error(`an entry of /${key} is not a stream`);
    return decodePDFRawStream(s).decode();
  });
};

const readDss = (doc: PDFDocument, dss: PDFDict): EmbeddedValidationData => {
  const vri = new Map<string, { certificates: Uint8Array[]; crls: Uint8Array[] }>();
  const vriDict = dss.lookupMaybe(PDFName.of('VRI'), PDFDict);
  for (const [key, value] of vriDict?.entries() ?? []) {
    const entry = doc.context.lookup(value);
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
    const load = (b: Uint8Array) => PDFDocument.load(b, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, throwOnInvalidObject: true });
    const [signed, full] = await Promise.all([load(pdf.subarray(0, signedEnd)), load(pdf)]);
    const before = signed.context.trailerInfo;
    const after = full.context.trailerInfo;
    const not = (why: string): DssUpdate => ({ problem: `the update after signing is not validation data only: ${why}` });
    if (!(before.Root instanceof PDFRef) || !same(before.Root, after.Root)) return not('it replaces the catalog');
    if (!same(before.Info, after.Info) || after.Encrypt) return not('it changes the trailer');
    for (const [ref, obj] of signed.context.enumerateIndirectObjects()) {
      if (ref === before.Root) continue;
      if (!same(obj, full.context.lookup(ref))) return not(`it changes object ${ref.objectNumber}`);
    }
    const oldCatalog = signed.context.lookup(before.Root, PDFDict);
    const newCatalog = full.context.lookup(before.Root, PDFDict);
    const keys = (d: PDFDict) => d.keys().map((k) => k.asString()).filter((k) => k !== '/DSS').sort();
    if (oldCatalog.has(PDFName.of('DSS')) || keys(oldCatalog).join() !== keys(newCatalog).join()) return not('it changes the catalog');
    for (const k of oldCatalog.keys()) if (!same(oldCatalog.get(k), newCatalog.get(k))) return not(`it changes the catalog's ${k.asString()}`);
    const dss = newCatalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
    if (!dss || dss instanceof PDFStream) return not('it adds no Document Security Store');
    return { data: readDss(full, dss) };
  } catch (err) {
    return { problem: `the update after signing cannot be read (${(err as Error).message})` };
  }
};
