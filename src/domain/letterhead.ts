/**
 * The office's letterhead (kop surat, issue 13) as data: what an admin sets once and every
 * rendered letter prints above its text, in the usual TNDE order: the logo on the left, the
 * government line ("PEMERINTAH KABUPATEN SLEMAN"), the office, the letter's unit, then the
 * address and the ways to reach the office, and a rule under it all.
 */
import type { SecurityLevel } from './security-level.ts';

export type LogoType = 'image/png' | 'image/jpeg';

export interface LetterheadLogo {
  type: LogoType;
  bytes: Uint8Array;
  width: number;
  height: number;
}

export interface Letterhead {
  /** "PEMERINTAH KABUPATEN SLEMAN"; null: not printed. */
  governmentLine: string | null;
  /** The office as printed; null: the name of the unit tree's root. */
  officeName: string | null;
  address: string | null;
  telephone: string | null;
  email: string | null;
  website: string | null;
  logo: LetterheadLogo | null;
  updatedAt: Date | null;
}

export const EMPTY_LETTERHEAD: Letterhead = {
  governmentLine: null,
  officeName: null,
  address: null,
  telephone: null,
  email: null,
  website: null,
  logo: null,
  updatedAt: null,
};

/** The text fields an admin edits (the logo has its own route). */
export type LetterheadText = Omit<Letterhead, 'logo' | 'updatedAt'>;

/** A logo is a small image: at most this many bytes, and between these sizes in pixels on each side. */
export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_MIN_PIXELS = 32;
export const LOGO_MAX_PIXELS = 4000;

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32 = (b: Uint8Array, i: number) => u16(b, i) * 65536 + u16(b, i + 2);

/** A PNG's size from its IHDR chunk (always first). */
const pngSize = (b: Uint8Array): { width: number; height: number } | null => {
  if (b.length < 33 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return null;
  return { width: u32(b, 16), height: u32(b, 20) };
};

/** A JPEG's size from its first start-of-frame marker (SOF0–SOF15 less DHT, JPG and DAC). */
const jpegSize = (b: Uint8Array): { width: number; height: number } | null => {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = u16(b, i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: u16(b, i + 5), width: u16(b, i + 7) };
    i += 2 + length;
  }
  return null;
};

/**
 * The logo an admin sent, or why it is refused: a PNG or JPEG (by its first bytes), small
 * enough, with a readable size within bounds. Whether it draws is checked by drawing it.
 */
export const readLogo = (bytes: Uint8Array): LetterheadLogo | string => {
  if (bytes.length === 0) return 'the logo is empty';
  if (bytes.length > LOGO_MAX_BYTES) return `the logo is larger than ${LOGO_MAX_BYTES / 1024} KB`;
  const png = bytes[0] === 0x89 && String.fromCharCode(...bytes.subarray(1, 4)) === 'PNG';
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpeg) return 'the logo must be a PNG or JPEG image';
  const size = png ? pngSize(bytes) : jpegSize(bytes);
  if (!size) return 'the image is damaged: its size cannot be read';
  const { width, height } = size;
  if (Math.min(width, height) < LOGO_MIN_PIXELS || Math.max(width, height) > LOGO_MAX_PIXELS)
    return `the logo must be ${LOGO_MIN_PIXELS}–${LOGO_MAX_PIXELS} pixels on each side (this one is ${width} × ${height})`;
  return { type: png ? 'image/png' : 'image/jpeg', bytes, width, height };
};

/** The contact line under the address: "Telepon (0274) 868405, Pos-el bkd@slemankab.go.id, Laman bkd.slemankab.go.id". */
export const contactLine = (h: Pick<Letterhead, 'telephone' | 'email' | 'website'>): string | null => {
  const parts = [h.telephone && `Telepon ${h.telephone}`, h.email && `Pos-el ${h.email}`, h.website && `Laman ${h.website}`].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
};

/** The Sifat line: a letter's security level as TNDE names it. */
export const sifatOf = (level: SecurityLevel): string =>
  ({ biasa: 'Biasa', terbatas: 'Terbatas', rahasia: 'Rahasia', sangat_rahasia: 'Sangat Rahasia' })[level];
