import QRCode from 'qrcode';
import type { QrCodeRenderer } from '../../ports/qr-code.ts';

/** QR codes by the `qrcode` package (pure JavaScript, no native parts). */
export const qrcodeRenderer = (): QrCodeRenderer => ({
  // Level M survives a smudge on a printed page and keeps an otpauth URL at a scannable size.
  svg: (text) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }),
});
