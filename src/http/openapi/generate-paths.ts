/**
 * The OpenAPI paths and component schemas of the declared operations (operation.ts), generated
 * from their zod schemas with zod's own JSON Schema conversion (draft 2020-12, which OpenAPI 3.1
 * uses). A schema given `.meta({ id: 'Name' })` becomes `#/components/schemas/Name`.
 */
import { z } from 'zod';
import { json, problem } from './openapi-parts.ts';
import { type Operation, openApiPath, type Reply } from './operation.ts';

type Json = Record<string, unknown>;

const SAFE = Number.MAX_SAFE_INTEGER;

/** Drops what zod adds but a reader gains nothing from: ±MAX_SAFE_INTEGER bounds, the regex behind a `format`. */
const tidy: NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override'] = ({ jsonSchema: s }) => {
  if (s.minimum === -SAFE) delete s.minimum;
  if (s.maximum === SAFE) delete s.maximum;
  if (s.format && s.pattern) delete s.pattern;
};

/** Points `#/$defs/X` at `#/components/schemas/X` throughout a converted schema. */
const relink = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(relink);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace('#/$defs/', '#/components/schemas/') : relink(x)]),
  );
};

/** Converts one schema; its named parts go into `components` (the same name twice must be the same schema). */
const convert = (schema: z.ZodType, io: 'input' | 'output', components: Json): Json => {
  const { $schema: _, $defs, ...rest } = z.toJSONSchema(schema, { io, override: tidy }) as Json & { $defs?: Json };
  for (const [name, def] of Object.entries($defs ?? {})) {
    const linked = relink(def);
    if (name in components && JSON.stringify(components[name]) !== JSON.stringify(linked))
      throw new Error(`two different schemas are named ${name} (a request's input and a response's output?)`);
    components[name] = linked;
  }
  return relink(rest) as Json;
};

/** One parameter per property of an object schema (its description moves up to the parameter). */
const parameters = (where: 'path' | 'query' | 'header', schema: z.ZodObject | undefined, components: Json) => {
  if (!schema) return [];
  const s = convert(schema, 'input', components) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, { description, ...p }]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    ...(description ? { description } : {}),
    schema: p,
  }));
};

/** A non-JSON answer's body: NDJSON lines of a declared shape, a text, or bytes. */
const otherBody = (r: Reply, type: string, components: Json) =>
  r.lines ? convert(r.lines, 'output', components) : type.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' };

const responses = (o: Operation, components: Json) => ({
  ...Object.fromEntries(
    Object.entries(o.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.schema || r.type
          ? {
              content: {
                ...(r.schema ? json(convert(r.schema, 'output', components)).content : {}),
                ...Object.fromEntries([r.type ?? []].flat().map((t) => [t, { schema: otherBody(r, t, components) }])),
              },
            }
          : {}),
      },
    ]),
  ),
  ...Object.fromEntries((o.errors ?? []).map((c) => [String(c), problem])),
});

/** The `paths` and `components.schemas` of these operations. */
export const generatePaths = (ops: readonly Operation[]) => {
  const components: Json = {};
  const paths: Record<string, Record<string, Json>> = {};
  for (const o of ops) {
    const p = openApiPath(o.path);
    paths[p] ??= {};
    if (paths[p][o.method]) throw new Error(`${o.method.toUpperCase()} ${p} is declared twice`);
    const params = [...parameters('path', o.params, components), ...parameters('query', o.query, components), ...parameters('header', o.headers, components)];
    paths[p][o.method] = {
      summary: o.summary,
      ...(o.public ? { security: [] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(o.body
        ? {
            requestBody: {
              content: Object.fromEntries(Object.entries(o.body).map(([type, schema]) => [type, { schema: convert(schema, 'input', components) }])),
            },
          }
        : {}),
      responses: responses(o, components),
    };
  }
  return { paths, schemas: components };
};
