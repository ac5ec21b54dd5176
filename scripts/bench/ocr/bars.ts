/** The OCR bench's bars, each naming its row of docs/quality.md (the unit test checks the rows state them). */
import type { BenchFigure } from '../figure.ts';

type Bar = NonNullable<BenchFigure['bar']>;

/** Ours ≤ 1.5 × the native CLI's warm-equivalent time (-l ind, Debian models). */
export const TIME_BAR: Bar = { op: '<=', limit: 1.5, of: 'ratio', row: 'ocr-time' };
/** Pooled CER ≤ the best peer run's. */
export const ACCURACY_BAR: Bar = { op: '<=', limit: 1, of: 'ratio', row: 'ocr-accuracy' };
/** No page more than 1 CER point worse than the best peer run on that page. */
export const WORST_PAGE_BAR: Bar = { op: '<=', limit: 1, of: 'value', row: 'ocr-worst-page' };
/** N workers ≥ 0.85 × N × one worker. */
export const poolBar = (cores: number): Bar => ({ op: '>=', limit: 0.85 * cores, of: 'ratio', row: 'ocr-pool', stated: 0.85 });
