import { expect } from 'chai';
import { DEFAULT_SAMPLE_LIMITS, coveredRows, sampleSize, sampleWindows } from '../../../../src/infra/search/fts5/fts5-sample.ts';

/**
 * How much of a big embedded index a query's estimated total reads: an eighth of it by default,
 * never more than sampleRows and never less than a sixteenth of that, in windows spread over every
 * rowid from the oldest (-span) to the newest (-1).
 */
describe('the embedded index: sample size and windows', () => {
  it('reads an eighth of the index, between sampleRows / 16 and sampleRows', () => {
    expect(sampleSize(100_000, DEFAULT_SAMPLE_LIMITS)).to.equal(12_500);
    expect(sampleSize(1_000_000, DEFAULT_SAMPLE_LIMITS)).to.equal(65_536);
    expect(sampleSize(21_000, DEFAULT_SAMPLE_LIMITS)).to.equal(4_096);
    expect(sampleSize(100_000, { exactUpToRows: 1_000, exactUpToMatches: 300, sampleRows: 640 })).to.equal(640); // no share: sampleRows
  });

  it('spreads windows of that many rowids evenly from the oldest to the newest, inside the index', () => {
    for (const span of [25_000, 100_000, 1_000_000]) {
      const rows = sampleSize(span, DEFAULT_SAMPLE_LIMITS);
      const windows = sampleWindows(span, rows);
      expect(coveredRows(windows)).to.be.within(rows - windows.length, rows);
      expect(windows[0]![0]).to.equal(-span);
      for (const [from, to] of windows) expect(from >= -span && from <= to && to <= -1, `${from}..${to}`).to.equal(true);
      for (let i = 1; i < windows.length; i++) expect(windows[i]![0]).to.be.above(windows[i - 1]![1]); // no rowid read twice
      expect(windows.at(-1)![0]).to.be.above(-span / windows.length - 1); // the newest stretch is sampled too
    }
  });
});
