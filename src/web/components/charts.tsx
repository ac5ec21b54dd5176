import { currentLang } from '../i18n.ts';

/** A round step for a chart's scale: 1, 2 or 5 times a power of ten. */
const niceMax = (max: number): number => {
  if (max <= 4) return 4;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 4, 6, 8, 10]) if (m * p >= max) return m * p;
  return 10 * p;
};

const locale = () => (currentLang() === 'en' ? 'en-GB' : 'id-ID');

/** `2026-03` → `Mar 26` in the reader's language. */
export const monthLabel = (month: string): string => {
  const d = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? month : d.toLocaleDateString(locale(), { month: 'short', year: '2-digit', timeZone: 'UTC' });
};

export interface Series {
  key: string;
  label: string;
  /** A class for the bars' colour (styles.css). */
  tone: string;
}

/**
 * Grouped vertical bars (one group per category), drawn as inline SVG that scales to its box.
 * The numbers are also in a table for screen readers and for reading exact values.
 */
export const GroupedBars = ({ title, categories, series, values }: { title: string; categories: string[]; series: Series[]; values: number[][] }) => {
  const max = niceMax(Math.max(0, ...values.flat()));
  const W = 640;
  const H = 240;
  const left = 48;
  const bottom = 36;
  const top = 8;
  const plotH = H - bottom - top;
  const groupW = (W - left) / Math.max(1, categories.length);
  const barW = Math.max(2, (groupW * 0.8) / series.length);
  const ticks = [0, max / 2, max];
  const every = Math.ceil(categories.length / 12);
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} preserveAspectRatio="xMinYMin meet">
      {ticks.map((v) => {
        const y = top + plotH - (v / max) * plotH;
        return (
          <g key={v} class="chart-grid">
            <line x1={left} x2={W} y1={y} y2={y} />
            <text x={left - 4} y={y + 4} text-anchor="end">
              {Math.round(v)}
            </text>
          </g>
        );
      })}
      {categories.map((c, i) => (
        <g key={c}>
          {series.map((s, j) => {
            const v = values[i]?.[j] ?? 0;
            const h = (v / max) * plotH;
            return (
              <rect key={s.key} class={`bar ${s.tone}`} x={left + i * groupW + groupW * 0.1 + j * barW} y={top + plotH - h} width={barW - 1} height={h}>
                <title>{`${c} · ${s.label}: ${v}`}</title>
              </rect>
            );
          })}
          {i % every === 0 ? (
            // On a phone only every third month is named (styles.css hides the others), in larger type.
            <text class={`chart-label${(i / every) % 3 === 0 ? '' : ' minor'}`} x={left + i * groupW + groupW / 2} y={H - 8} text-anchor="middle">
              {c}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
};

/**
 * Horizontal bars, one row each: the label and the number as text (they wrap on a phone), the bar
 * as a small inline SVG stretched to the row.
 */
export const HorizontalBars = ({ title, rows, tone }: { title: string; rows: { label: string; value: number }[]; tone: string }) => {
  const max = niceMax(Math.max(0, ...rows.map((r) => r.value)));
  return (
    <ul class="hbars" aria-label={title}>
      {rows.map((r) => (
        <li key={r.label}>
          <span class="hbar-label">{r.label}</span>
          <span class="hbar-row">
            <svg class="hbar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect class={`bar ${tone}`} x={0} y={0} width={Math.max(r.value > 0 ? 1 : 0, (r.value / max) * 100)} height={10} />
            </svg>
            <strong class="hbar-value">{r.value}</strong>
          </span>
        </li>
      ))}
    </ul>
  );
};
