import type { AcceptedMimeType } from './document.ts';

/**
 * Decides a file's type from its first bytes. Names and client-sent Content-Types are never
 * trusted: a PNG renamed .pdf is a PNG, an executable renamed .pdf is rejected.
 */
export const sniffMimeType = (head: Uint8Array): AcceptedMimeType | null => {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  return null;
};

/** A ZIP archive (local file header or the empty-archive end record). */
export const isZip = (head: Uint8Array): boolean =>
  head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06));

export const extensionFor = (mime: AcceptedMimeType): string =>
  ({ 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tiff' })[mime];
