import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { declaration, type Schema, WEB_API_TYPES, webApiTypes } from '../../../scripts/generate-web-types.ts';

const ts = (name: string, schema: z.ZodType) => {
  const { $schema: _, ...s } = z.toJSONSchema(schema, { io: 'output' });
  return declaration(name, s as Schema);
};

describe('web: API types generated from the declared schemas', () => {
  it('the committed src/web/api-types.generated.ts is what the schemas give now (run scripts/generate-web-types.ts)', function () {
    this.timeout(20_000);
    expect(readFileSync(WEB_API_TYPES, 'utf8') === webApiTypes(), 'src/web/api-types.generated.ts is stale').to.equal(true);
  });

  it('writes what the server sends: optional and nullable fields, unions inside arrays, records, and a default as present', () => {
    const thing = z
      .object({
        id: z.string().meta({ description: 'the id' }),
        at: z.iso.datetime().nullable(),
        note: z.string().optional(),
        kinds: z.array(z.enum(['a', 'b'])),
        mixed: z.array(z.union([z.number(), z.object({ n: z.number() })])),
        counts: z.record(z.string(), z.number().int()),
        limit: z.number().int().default(20),
      })
      .strict();
    expect(ts('Thing', thing)).to.equal(
      [
        'export interface Thing {',
        '  /** the id */',
        '  id: string;',
        '  at: string | null;',
        '  note?: string;',
        '  kinds: ("a" | "b")[];', // before formatting: the file's quotes are the formatter's
        '  mixed: (number | {',
        '    n: number;',
        '  })[];',
        '  counts: Record<string, number>;',
        '  limit: number;',
        '}',
      ].join('\n'),
    );
    expect(ts('Either', z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), reason: z.string() })]))).to.match(
      /^export type Either =/,
    );
  });

  it('refuses a JSON Schema keyword it has no TypeScript for, rather than writing unknown', () => {
    expect(() => declaration('Odd', { type: 'object', patternProperties: {} } as Schema)).to.throw(/patternProperties/);
  });
});
