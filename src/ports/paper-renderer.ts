/** A column of a printed table: its heading and its share of the table's width (relative). */
export interface PaperColumn {
  label: string;
  width: number;
}

/**
 * A paper the office prints or files (the register's table, a disposition sheet), as display
 * text: the renderer formats nothing, it lays out what it is given.
 */
export interface PaperContent {
  orientation: 'portrait' | 'landscape';
  /** Lines at the top of every page: the office first (bold), then unit, period and the like. */
  heading: string[];
  /** The paper's title under the heading (BUKU AGENDA SURAT MASUK, LEMBAR DISPOSISI). */
  title: string;
  /** Label and value pairs in a ruled box on the first page, two to a row; may be empty. */
  fields: { label: string; value: string }[];
  /** The table: its header row repeats on every page; cells wrap. */
  columns: PaperColumn[];
  rows: string[][];
  /** Printed instead of the table's rows when there are none. */
  emptyText: string;
  /** Left of each page's footer, e.g. when it was printed. */
  footer: string;
  /** Right of each page's footer: `{n}` and `{total}` become the page number and the count of pages. */
  pageLabel: string;
  /** The PDF's creation date. */
  renderedAt: Date;
}

/** Lays out office papers as A4 PDFs with embedded fonts (so any Latin text prints and is searchable). */
export interface PaperRenderer {
  /** Renders one paper; rejects with AppError `invalid` when the text cannot be laid out. */
  render(content: PaperContent): Promise<Uint8Array>;
}
