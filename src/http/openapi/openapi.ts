/**
 * The published contract (OpenAPI 3.1), generated from the operations declared with zod schemas
 * (../schemas/operations.ts); test/integration/openapi.test.ts checks that every path it names is
 * served.
 */
import { declaredOperations } from '../schemas/operations.ts';
import { generatePaths } from './generate-paths.ts';
import { ref } from './openapi-parts.ts';

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
 * Generated on first use (converting the schemas takes a tenth of a second or more,
 * which a server's start need not wait for); a shape described twice throws there, and the
 * OpenAPI tests call it.
 */
let built: { paths: Record<string, unknown>; schemas: Record<string, unknown> } | undefined;
const contract = () => {
  if (built) return built;
  const generated = generatePaths(declaredOperations);
  if ('Problem' in generated.schemas) throw new Error('a declared schema is named Problem, which the problem+json answers use');
  built = { paths: generated.paths, schemas: { Problem: problemSchema, ...generated.schemas } };
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
