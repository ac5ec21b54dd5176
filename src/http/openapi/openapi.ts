/**
 * The published contract (OpenAPI 3.1): the operations declared with zod schemas
 * (../schemas/operations.ts) generated, merged with the areas still kept by hand in this folder;
 * test/integration/openapi.test.ts checks that every path it names is served.
 */
import { declaredOperations } from '../schemas/operations.ts';
import { generatePaths, mergePaths } from './generate-paths.ts';
import { accountPaths, accountSchemas } from './openapi-accounts.ts';
import { peoplePaths } from './openapi-people.ts';
import { auditPaths, auditSchemas } from './openapi-audit.ts';
import { backupPaths, backupSchemas } from './openapi-backups.ts';
import { notificationPaths, notificationSchemas } from './openapi-notifications.ts';
import { operationsPaths, operationsSchemas } from './openapi-operations.ts';
import { recordsPaths, recordsSchemas } from './openapi-records.ts';
import { berkasPaths } from './openapi-berkas.ts';
import { errors, ref } from './openapi-parts.ts';

/** Component schemas merged; one name in two places is an error (one source per shape). */
const mergeSchemas = (...parts: Record<string, unknown>[]) => {
  const out: Record<string, unknown> = {};
  for (const part of parts)
    for (const [name, schema] of Object.entries(part)) {
      if (name in out) throw new Error(`schema ${name} is described twice`);
      out[name] = schema;
    }
  return out;
};

const handKeptPaths = {
  '/healthz': { get: { summary: 'The process runs', security: [], responses: { 200: { description: 'ok' } } } },
  '/readyz': {
    get: {
      summary: 'Database, storage, search (and the malware scanner when configured) answer',
      security: [],
      responses: { 200: { description: 'ready' }, ...errors(503) },
    },
  },
  ...accountPaths,
  ...peoplePaths,
  ...auditPaths,
  ...berkasPaths,
  ...notificationPaths,
  ...operationsPaths,
  ...recordsPaths,
  ...backupPaths,
};

const problemSchema = {
  type: 'object',
  properties: {
    type: {
      type: 'string',
      description:
        'ends in the problem code: an error code (not-found, conflict, …) or a precise type (domain/problem-types.ts); clients show their own words per code',
    },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'English, for logs and developers' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          message: { type: 'string' },
          code: { type: 'string', description: 'what is wrong (too_small, too_big, invalid_format, invalid_value, …) when validation found it' },
          limit: { type: 'number' },
          origin: { type: 'string', description: 'what the limit counts: string (characters), array (items), number' },
        },
      },
    },
  },
};

/**
 * Generated and merged on first use (converting the schemas takes a tenth of a second or more,
 * which a server's start need not wait for); a shape described twice throws there, and the
 * OpenAPI tests call it.
 */
let built: { paths: Record<string, unknown>; schemas: Record<string, unknown> } | undefined;
const contract = () => {
  if (built) return built;
  const generated = generatePaths(declaredOperations);
  const schemas = mergeSchemas(
    { Problem: problemSchema },
    accountSchemas,
    auditSchemas,
    notificationSchemas,
    operationsSchemas,
    recordsSchemas,
    backupSchemas,
    generated.schemas,
  );
  built = { paths: mergePaths(handKeptPaths, generated.paths), schemas };
  return built;
};

export const openApiDocument = (publicUrl: string) => {
  const { paths, schemas } = contract();
  return {
    openapi: '3.1.0',
    info: { title: 'Naskah API', version: '1.0.0', description: 'Archive, find, route and sign the letters of an Indonesian government office.' },
    servers: [{ url: publicUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      responses: { Problem: { description: 'RFC 9457 problem', content: { 'application/problem+json': { schema: ref('Problem') } } } },
      schemas,
    },
  };
};
