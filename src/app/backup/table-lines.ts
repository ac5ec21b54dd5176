import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../domain/errors.ts';
import type { PortableColumn, PortableValue, TableDump } from '../../ports/database-snapshot.ts';

/**
 * A table in a backup is NDJSON: a first line naming the table and its columns, then one JSON
 * array of values per row. Plain text that either database loads, readable with any tool.
 */
interface Header {
  table: string;
  columns: PortableColumn[];
}

/** Encodes a table dump as NDJSON, a buffer per chunk of rows; `counted` learns the row count. */
export async function* tableLines(dump: TableDump, counted: { rows: number }): AsyncGenerator<Buffer> {
  yield Buffer.from(`${JSON.stringify({ table: dump.name, columns: dump.columns } satisfies Header)}\n`);
  for await (const chunk of dump.rows) {
    counted.rows += chunk.length;
    yield Buffer.from(chunk.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
}

const damaged = (table: string, why: string) => new AppError('invalid', `the dump of table ${table} is damaged: ${why}`);

/** The lines of a stream, decoded as UTF-8 across chunk boundaries. */
async function* lines(source: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of source) {
    rest += decoder.write(chunk as Buffer);
    const parts = rest.split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  rest += decoder.end();
  if (rest !== '') throw new Error('the last line is cut short');
}

/** Reads a table back from its NDJSON lines, `chunk` rows at a time. */
export const readTableLines = async (source: Readable, expected: string, chunk = 500): Promise<TableDump> => {
  const it = lines(source)[Symbol.asyncIterator]();
  const first = await it.next();
  let header: Header;
  try {
    header = JSON.parse(first.done ? '' : first.value) as Header;
  } catch {
    throw damaged(expected, 'its first line is not a header');
  }
  if (header.table !== expected || !Array.isArray(header.columns)) throw damaged(expected, `it names table ${String(header.table)}`);
  const width = header.columns.length;
  async function* rows(): AsyncGenerator<PortableValue[][]> {
    let batch: PortableValue[][] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) {
      const values = JSON.parse(r.value) as unknown;
      if (!Array.isArray(values) || values.length !== width) throw damaged(expected, 'a row has the wrong number of values');
      batch.push(values as PortableValue[]);
      if (batch.length >= chunk) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  return { name: header.table, columns: header.columns, rows: rows() };
};
