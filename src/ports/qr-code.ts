/** Draws QR codes (second-factor enrolment now; the verification mark on signed letters later). */
export interface QrCodeRenderer {
  /** An SVG image of `text` as a QR code, with a quiet zone, black on white. */
  svg(text: string): Promise<string>;
}
