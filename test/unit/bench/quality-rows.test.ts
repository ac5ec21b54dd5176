import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFigure } from '../../../scripts/bench/figure.ts';
import { readQualityRows, rowOf } from '../../../scripts/bench/quality-rows.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const rows = new Map([
  ['backup-incremental', '| `backup-incremental` | incremental backup ≤ 5 s | — | `backup` |'],
  ['memory-idle', '| `memory-idle` | idle RSS ≤ 600 MB | — | `memory` |'],
]);
const fig = (bar: BenchFigure['bar']): BenchFigure => ({ name: 'x', value: 1, unit: 's', bar });

describe('bench bars and docs/quality.md', () => {
  it('reads the rows of docs/quality.md by their ids', async () => {
    const real = await readQualityRows(ROOT);
    expect(real.size).to.be.greaterThan(25);
    expect(real.get('backup-full')).to.include('0.5');
  });

  it('passes a bar whose row exists and states its limit; prints the row', () => {
    expect(rowOf(fig({ op: '<=', limit: 5, of: 'value', row: 'backup-incremental' }), rows)).to.deep.equal({ row: rows.get('backup-incremental') });
    expect(rowOf({ name: 'no bar', value: 1, unit: 's' }, rows)).to.equal(null);
  });

  it('fails a bar with no row, an unknown row, or a limit the row does not state', () => {
    expect(rowOf(fig({ op: '<=', limit: 5, of: 'value' }), rows)).to.deep.equal({ problem: 'its bar names no row of docs/quality.md' });
    expect(rowOf(fig({ op: '<=', limit: 5, of: 'value', row: 'nope' }), rows)).to.deep.equal({ problem: 'docs/quality.md has no row nope' });
    expect(rowOf(fig({ op: '<=', limit: 4, of: 'value', row: 'backup-incremental' }), rows)).to.have.property('problem');
    // 60 is not 600, nor 6 inside it.
    expect(rowOf(fig({ op: '<=', limit: 60, of: 'value', row: 'memory-idle' }), rows)).to.have.property('problem');
    expect(rowOf(fig({ op: '<=', limit: 1.7, of: 'ratio', row: 'memory-idle', stated: 600 }), rows)).to.have.property('row');
  });
});
