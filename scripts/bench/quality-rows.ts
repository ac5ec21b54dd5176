/**
 * The project's bars live in docs/quality.md, one table row per bar with its id in the first
 * column. A bench figure names its row; this finds the row and says what is wrong when the figure
 * and the document disagree, so a bar cannot drift from the document or exist outside it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchFigure } from './figure.ts';

/** Table rows of docs/quality.md by id (the backticked first cell). */
export const readQualityRows = async (root: string): Promise<Map<string, string>> => {
  const text = await readFile(path.join(root, 'docs', 'quality.md'), 'utf8');
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\| `([a-z0-9-]+)` \|/.exec(line);
    if (m) rows.set(m[1]!, line);
  }
  return rows;
};

/** The row a barred figure checks, or why it cannot be trusted; null for a figure without a bar. */
export const rowOf = (f: BenchFigure, rows: Map<string, string>): { row: string } | { problem: string } | null => {
  if (!f.bar) return null;
  if (!f.bar.row) return { problem: 'its bar names no row of docs/quality.md' };
  const row = rows.get(f.bar.row);
  if (!row) return { problem: `docs/quality.md has no row ${f.bar.row}` };
  const stated = f.bar.stated ?? f.bar.limit;
  // The limit must appear as a number of its own (so 5 does not match inside 500).
  if (!new RegExp(`(^|[^\\d.])${String(stated).replace('.', '\\.')}([^\\d.]|\\.(?!\\d)|$)`).test(row))
    return { problem: `docs/quality.md row ${f.bar.row} does not state the limit ${stated}` };
  return { row };
};
