/**
 * Writes src/web/api-types.generated.ts: a TypeScript declaration of every named schema of the
 * API (a zod schema given `.meta({ id: 'Name' })` in src/http/schemas), as the server sends it,
 * from the same JSON Schema the OpenAPI document is generated from. The web UI cannot import the
 * schema modules (zod, Node), so its API types come from this file instead of being kept by hand.
 *
 *   node --import tsx scripts/generate-web-types.ts           (npm run build:web runs it first)
 *   node --import tsx scripts/generate-web-types.ts --check   (fails when the file is stale)
 *
 * test/unit/web/api-types.test.ts fails when the committed file differs from what this writes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generatePaths } from '../src/http/openapi/generate-paths.ts';
import { declaredOperations } from '../src/http/schemas/operations.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_API_TYPES = path.join(ROOT, 'src/web/api-types.generated.ts');

export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  propertyNames?: Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  description?: string;
}

const KNOWN = new Set(['type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'enum', 'const', 'anyOf', 'oneOf', 'allOf']);
/** Keywords that narrow a value without changing its TypeScript type. */
const IGNORED = new Set(['$ref', 'description', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength']);
const IGNORED_TOO = new Set([
  'minItems',
  'maxItems',
  'default',
  'examples',
  'title',
  'id',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentEncoding',
  'contentMediaType',
]);

const doc = (s: Schema, indent: string) => (s.description ? `${indent}/** ${s.description.replaceAll('*/', '*\\/')} */\n` : '');
const key = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
const union = (parts: string[]) => [...new Set(parts)].join(' | ');

/** The TypeScript type of one JSON Schema (as zod's conversion writes them; anything else is an error, not a silent `unknown`). */
const typeOf = (s: Schema, indent: string): string => {
  for (const k of Object.keys(s))
    if (!KNOWN.has(k) && !IGNORED.has(k) && !IGNORED_TOO.has(k)) throw new Error(`no TypeScript for the JSON Schema keyword ${k}`);
  if (s.$ref) return s.$ref.replace('#/components/schemas/', '');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return union(s.enum.map((v) => JSON.stringify(v)));
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return union(alts.map((a) => wrap(typeOf(a, indent))));
  if (s.allOf) return s.allOf.map((a) => wrap(typeOf(a, indent))).join(' & ');
  if (Array.isArray(s.type)) return union(s.type.map((t) => typeOf({ ...s, type: t }, indent)));
  switch (s.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return s.items ? `${wrap(typeOf(s.items, indent))}[]` : 'unknown[]';
    case 'object':
      return objectOf(s, indent);
    case undefined:
      return 'unknown';
    default:
      throw new Error(`no TypeScript for the JSON Schema type ${s.type}`);
  }
};

/** A union or intersection (outside any braces or brackets) keeps its parentheses inside an array or another union. */
const wrap = (t: string) => {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if ('{(<['.includes(c)) depth++;
    else if ('})>]'.includes(c)) depth--;
    else if (depth === 0 && (c === '|' || c === '&') && t[i - 1] === ' ') return `(${t})`;
  }
  return t;
};

const objectOf = (s: Schema, indent: string): string => {
  const props = Object.entries(s.properties ?? {});
  const extra = typeof s.additionalProperties === 'object' ? typeOf(s.additionalProperties, indent) : s.additionalProperties === false ? null : 'unknown';
  if (!props.length) {
    if (extra === null) return 'Record<string, never>';
    const names = s.propertyNames ? typeOf(s.propertyNames, indent) : 'string';
    return `Record<${names}, ${extra}>`;
  }
  const inner = `${indent}  `;
  const required = new Set(s.required ?? []);
  const lines = props.map(([k, p]) => `${doc(p, inner)}${inner}${key(k)}${required.has(k) ? '' : '?'}: ${typeOf(p, inner)};`);
  if (extra !== null && s.additionalProperties !== undefined) lines.push(`${inner}[key: string]: ${extra};`);
  return `{\n${lines.join('\n')}\n${indent}}`;
};

/** One named schema as a TypeScript declaration: an interface for an object, a type alias otherwise. */
export const declaration = (name: string, s: Schema): string => {
  const t = typeOf(s, '');
  return `${doc(s, '')}${t.startsWith('{') && wrap(t) === t ? `export interface ${name} ${t}` : `export type ${name} = ${t};`}`;
};

const HEADER = `/**
 * GENERATED by scripts/generate-web-types.ts from the API's declared schemas (src/http/schemas,
 * each \`.meta({ id })\` a type here, as the server sends it). Do not edit: change the schema and run
 *   node --import tsx scripts/generate-web-types.ts      (npm run build:web runs it too)
 * test/unit/web/api-types.test.ts fails while this file is stale.
 */`;

/** The file's text, formatted as the linter wants it. */
export const webApiTypes = (): string => {
  const { schemas } = generatePaths(declaredOperations);
  const names = Object.keys(schemas).sort();
  const text = [HEADER, ...names.map((n) => declaration(n, schemas[n] as Schema))].join('\n\n');
  return execFileSync(path.join(ROOT, 'node_modules/.bin/biome'), ['format', `--stdin-file-path=${WEB_API_TYPES}`], {
    input: `${text}\n`,
    encoding: 'utf8',
    cwd: ROOT,
  });
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = webApiTypes();
  const now = existsSync(WEB_API_TYPES) ? readFileSync(WEB_API_TYPES, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (now !== text) throw new Error(`${path.relative(ROOT, WEB_API_TYPES)} is stale: run node --import tsx scripts/generate-web-types.ts`);
  } else if (now !== text) {
    writeFileSync(WEB_API_TYPES, text);
    console.log(`wrote ${path.relative(ROOT, WEB_API_TYPES)}`);
  }
}
