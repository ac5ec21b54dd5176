/** One measured figure, printed by scripts/bench/run.ts with its reference and bar. */
export interface BenchFigure {
  /** What was measured, e.g. "search p95, 100k docs". */
  name: string;
  value: number;
  unit: string;
  /** The same quantity measured in the same run on a reference (native CLI, cp, ...). */
  reference?: { name: string; value: number };
  /**
   * The bar from docs/quality.md (the project's copy of the bars; see `row`). `of: 'value'` compares the figure itself, `of: 'ratio'`
   * compares value / reference.value.
   */
  bar?: {
    op: '<=' | '>=';
    limit: number;
    of: 'value' | 'ratio';
    /** The id of the row of docs/quality.md this bar checks (printed under the figure; required). */
    row?: string;
    /** The limit as that row writes it, when it is not `limit` itself (0.85 per worker for 0.85 × N). */
    stated?: number;
  };
  note?: string;
}

export interface BenchOptions {
  /** Smaller sizes for a smoke run (`npm run bench -- --quick`). */
  quick: boolean;
  /** The other `--flags` given to `npm run bench` (e.g. `--tuning-pages` for `ocr`). */
  flags: string[];
}

/** A bench module's default export. */
export type Bench = (opts: BenchOptions) => Promise<BenchFigure[]>;

export const ratioOf = (f: BenchFigure): number | undefined => (f.reference && f.reference.value !== 0 ? f.value / f.reference.value : undefined);

export const passes = (f: BenchFigure): boolean | undefined => {
  if (!f.bar) return undefined;
  const x = f.bar.of === 'ratio' ? ratioOf(f) : f.value;
  if (x === undefined || Number.isNaN(x)) return false;
  return f.bar.op === '<=' ? x <= f.bar.limit : x >= f.bar.limit;
};

/** Median of a non-empty list. */
export const median = (xs: number[]): number => percentile(xs, 50);

export const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
};
