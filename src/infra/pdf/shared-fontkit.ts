import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

type ParsedFont = ReturnType<Fontkit['create']>;

// Keyed by the font file's bytes: the renderer and the stamper read each file once per process.
const parsed = new WeakMap<Uint8Array, ParsedFont>();

/**
 * fontkit for pdf-lib, keeping each font file parsed across documents. pdf-lib parses the font
 * again for every document it embeds it in, and the first text laid out in a fresh parse pays
 * for reading its glyph, kerning and substitution tables: about 60 ms of a letter's rendering
 * and as much of its stamping (issue 13 measured it while signing 50 letters in a batch). The
 * parsed font is only read from: each document still makes its own subset of the glyphs it uses.
 */
export const sharedFontkit: Fontkit = {
  create(data, postscriptName) {
    if (postscriptName !== undefined) return fontkit.create(data, postscriptName);
    let font = parsed.get(data);
    if (!font) {
      font = fontkit.create(data);
      parsed.set(data, font);
    }
    return font;
  },
};
