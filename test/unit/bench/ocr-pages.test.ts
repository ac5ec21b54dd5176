import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELD_OUT_SEEDS, seedsOf, TUNING_SEEDS } from '../../../scripts/bench/ocr/pages.ts';
import { scanLook } from '../../../scripts/fixtures/scan-degrade.ts';
import { ACCURACY_BAR, poolBar, TIME_BAR, WORST_PAGE_BAR } from '../../../scripts/bench/ocr/bars.ts';
import { readQualityRows, rowOf } from '../../../scripts/bench/quality-rows.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('OCR bench pages', () => {
  it('reports on seeds that share none with the tuning seeds', () => {
    for (const quick of [false, true]) {
      const tuned = new Set(seedsOf(TUNING_SEEDS, quick));
      const held = seedsOf(HELD_OUT_SEEDS, quick);
      expect(held.filter((s) => tuned.has(s))).to.deep.equal([]);
      expect(held).to.have.length(tuned.size);
    }
    expect(seedsOf(TUNING_SEEDS, false)).to.deep.equal([100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111]);
    expect(seedsOf(HELD_OUT_SEEDS, false)).to.deep.equal([300, 301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311]);
  });

  it('holds as many hard pages in the held-out range as in the tuning range, quick included', () => {
    const hard = (seeds: number[]) => seeds.filter((s) => scanLook(s).noise >= 20).length;
    for (const quick of [false, true]) {
      expect(hard(seedsOf(HELD_OUT_SEEDS, quick))).to.equal(hard(seedsOf(TUNING_SEEDS, quick)));
      expect(hard(seedsOf(HELD_OUT_SEEDS, quick))).to.be.greaterThan(0);
    }
  });

  it('holds its bars to the OCR rows of docs/quality.md', async () => {
    const rows = await readQualityRows(ROOT);
    const bars = [TIME_BAR, ACCURACY_BAR, WORST_PAGE_BAR, poolBar(2), poolBar(8)];
    for (const bar of bars) expect(rowOf({ name: 'x', value: 1, unit: 's', bar }, rows), bar.row).to.have.property('row');
    expect(rowOf({ name: 'x', value: 1, unit: 's', bar: { ...TIME_BAR, limit: 2 } }, rows)).to.have.property('problem');
  });
});
