/** The people directory (any logged-in user): requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { ROLES } from '../../domain/roles.ts';
import { operation } from '../openapi/operation.ts';
import { directoryQuery } from './accounts.schemas.ts';
import { pageOf } from './common.schemas.ts';

export const personId = z.string().uuid('not a person id');

const personSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    unitCode: z.string(),
    roles: z.array(z.enum(ROLES)),
    disabled: z.boolean(),
    jabatan: z.string().nullable().meta({ description: 'position title: printed on letters and in the register' }),
    nip: z.string().nullable().meta({ description: 'NIP, for officials only (it tells a date of birth); null for others' }),
    receivesDispositions: z.boolean().meta({ description: 'false for an account that only administers' }),
  })
  .meta({ id: 'Person' });

export const peopleOps = {
  list: operation({
    method: 'get',
    path: '/api/v1/people',
    summary: 'The people directory (any logged-in user): id, name, unit and roles of each account, for routing letters and naming reviewers and signers',
    query: directoryQuery,
    responses: { 200: { description: 'a page of people', schema: pageOf(personSchema) } },
    errors: [401, 422],
  }),
  person: operation({
    method: 'get',
    path: '/api/v1/people/:id',
    summary: 'One person of the directory',
    params: z.object({ id: personId }),
    responses: { 200: { description: 'the person', schema: personSchema } },
    errors: [401, 404, 422],
  }),
};
