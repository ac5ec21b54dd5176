/** Building blocks of the OpenAPI document, shared by the files that describe each area. */
export const problem = { $ref: '#/components/responses/Problem' };
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), problem]));
export const json = (schema: object) => ({ content: { 'application/json': { schema } } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
export const q = (name: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, schema });
