/** A rectangle on a rendered page, in PDF points from the page's bottom-left corner. */
export interface PageArea {
  /** 1-based page number. */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a line of text goes: its box, and the baseline and size its label was written at. */
export interface TextSlot extends PageArea {
  baseline: number;
  size: number;
}

/** Everything printed on an outgoing letter, as display text (the renderer formats nothing). */
export interface LetterContent {
  /** Letterhead (kop surat): the office, then the issuing unit (null when it is the office itself). */
  officeName: string;
  unitName: string | null;
  /** Above the office: "PEMERINTAH KABUPATEN SLEMAN"; null or absent: none. */
  governmentLine?: string | null;
  /** Under the office and unit, smaller: the address, then the telephone, e-mail and website line. */
  headLines?: string[];
  /** Drawn on the left of the letterhead. */
  logo?: { type: 'image/png' | 'image/jpeg'; bytes: Uint8Array } | null;
  /** The Sifat line (Biasa, Rahasia …); null or absent: none. */
  sifat?: string | null;
  /** "Yogyakarta, 5 Maret 2025" or just the date. */
  placeAndDate: string;
  /** Null while a draft: the "Nomor" line is left blank for signing to fill. */
  letterNumber: string | null;
  /** The Lampiran line; null prints "-". */
  attachments: string | null;
  /** Perihal. */
  subject: string;
  /** Yth. …, one line per line (long lines wrap). */
  addressee: string;
  /** Paragraphs separated by a blank line; a single newline breaks a line. */
  body: string;
  signer: { title: string; name: string; nip?: string | null };
  /** A centred title above the number (NOTA DINAS, SURAT TUGAS); null or absent: none. */
  heading?: string | null;
  /** Tembusan, one per entry, printed as a numbered list after the signer block. */
  copies?: string[];
  /** Written into the PDF's metadata: two renderings of the same text for two drafts stay two files. */
  documentKey: string;
  /** The PDF's creation date; with the same content and date the bytes are the same. */
  renderedAt: Date;
}

export interface RenderedLetter {
  pdf: Uint8Array;
  pages: number;
  /** The blank space in the signer block kept for the signature mark and QR code. */
  signatureArea: PageArea;
  /** Where the letter number goes on the "Nomor" line (what signing fills when stamping), in the label's font. */
  numberArea: TextSlot;
}

/**
 * Writes letters as PDF from the office's template: letterhead, place and date, number,
 * attachments and subject, addressee, body (wrapped, across pages), signer block. Fonts are
 * embedded, so any Latin text (Indonesian names with diacritics included) prints and its text
 * layer can be searched.
 */
export interface LetterRenderer {
  /** Renders one letter; rejects with AppError `invalid` when the text cannot be laid out. */
  render(content: LetterContent): Promise<RenderedLetter>;
}
