/** Building blocks of the OpenAPI document, shared by the files that describe each area. */
export const problem = { $ref: '#/components/responses/Problem' };
export const json = (schema: object) => ({ content: { 'application/json': { schema } } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
