/**
 * Bench-only files: born-digital letter PDFs (one generated letter per page), optionally padded
 * to a target size with a stream of random bytes the catalog points at, so the file stays a
 * valid PDF whose text layer is the letter.
 */
import { randomBytes } from 'node:crypto';
import { PDFDocument, PDFName } from 'pdf-lib';
import { addLetterPages } from '../../fixtures/letter-pdf.ts';
import { generateLetter, type GeneratedLetter } from '../../fixtures/letter-text.ts';

export interface LetterFile {
  seeds: number[];
  bytes: Uint8Array;
  /** The first letter's signer NIP, an 18-digit token; distinctLetters() keeps these unique within a set. */
  word: string;
}

/** A letter's 18-digit NIP: printed once on its page, drawn at random per letter. */
export const nipOf = (l: GeneratedLetter): string => l.signerNip;

/** A born-digital PDF of the letters from `seeds`, padded with random bytes to about `padTo` bytes. */
export const letterFile = async (seeds: number[], padTo = 0): Promise<LetterFile> => {
  const letters = seeds.map(generateLetter);
  const doc = await PDFDocument.create();
  doc.setProducer('naskah bench');
  await addLetterPages(doc, letters);
  if (padTo > 0) {
    const base = (await doc.save({ useObjectStreams: false })).length;
    const need = Math.max(0, padTo - base - 64);
    const ref = doc.context.register(doc.context.stream(randomBytes(need), { Type: 'NaskahBenchPadding' }));
    doc.catalog.set(PDFName.of('NaskahBenchPadding'), ref);
  }
  return { seeds, bytes: await doc.save({ useObjectStreams: false }), word: nipOf(letters[0]!) };
};

/**
 * `count` one-page letters from `firstSeed` on whose NIPs are distinct within the set, so a
 * search for one finds exactly that letter.
 */
export const distinctLetters = async (firstSeed: number, count: number, padTo = 0): Promise<LetterFile[]> => {
  const seen = new Set<string>();
  const out: LetterFile[] = [];
  for (let seed = firstSeed; out.length < count; seed++) {
    const nip = nipOf(generateLetter(seed));
    if (seen.has(nip)) continue;
    seen.add(nip);
    out.push(await letterFile([seed], padTo));
  }
  return out;
};
