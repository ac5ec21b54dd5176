import { expect } from 'chai';
import { Readable } from 'node:stream';
import { readTableLines, tableLines } from '../../../../src/app/backup/table-lines.ts';
import type { PortableValue, TableDump } from '../../../../src/ports/database-snapshot.ts';

const columns: TableDump['columns'] = [
  { name: 'id', kind: 'string' },
  { name: 'n', kind: 'integer' },
  { name: 'ok', kind: 'boolean' },
  { name: 'at', kind: 'date' },
];
const rows: PortableValue[][] = [
  ['a', 1, true, '2026-12-01T02:03:04.005Z'],
  ['Surat “penting” — Yogyakarta ✓\nbaris dua', null, false, null],
];
async function* chunks(list: PortableValue[][][]) {
  yield* list;
}
const drain = async (dump: TableDump) => {
  const out: PortableValue[][] = [];
  for await (const c of dump.rows) out.push(...c);
  return out;
};

describe('app/backup: a table as NDJSON', () => {
  it('reads back what it wrote, whatever the chunk boundaries cut (multi-byte characters too)', async () => {
    const counted = { rows: 0 };
    const parts: Buffer[] = [];
    for await (const b of tableLines({ name: 'letters', columns, rows: chunks([[rows[0]!], [rows[1]!]]) }, counted)) parts.push(b);
    const whole = Buffer.concat(parts);
    expect(counted.rows).to.equal(2);
    // One byte at a time: every UTF-8 sequence is split.
    const dump = await readTableLines(Readable.from([...whole].map((b) => Buffer.from([b]))), 'letters', 1);
    expect(dump.columns).to.deep.equal(columns);
    expect(await drain(dump)).to.deep.equal(rows);
  });

  it('refuses a dump of another table, a row of the wrong width and a last line cut short', async () => {
    const text = `${JSON.stringify({ table: 'letters', columns })}\n${JSON.stringify(rows[0])}\n`;
    const fails = async (p: Promise<unknown>, re: RegExp) => {
      try {
        await p;
      } catch (e) {
        expect((e as Error).message).to.match(re);
        return;
      }
      throw new Error('expected a failure');
    };
    await fails(readTableLines(Readable.from([text]), 'users'), /dump of table users is damaged: it names table letters/);
    await fails(readTableLines(Readable.from(['not json\n']), 'users'), /first line is not a header/);
    await fails(readTableLines(Readable.from([`${text}["x"]\n`]), 'letters').then(drain), /wrong number of values/);
    await fails(readTableLines(Readable.from([`${text}["x", 1`]), 'letters').then(drain), /cut short/);
  });
});
