import type { OutgoingTemplate } from '../../domain/correspondence.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import { addresseeBlock, type Assignee, type Party, type PartyInput, printedName } from '../../domain/parties.ts';
import type { AppDeps } from '../deps.ts';
import { resolveParties } from './resolve-parties.ts';

/** What the drafter writes in template mode besides the parties (issue 13). */
export interface TypedTemplateInput {
  body: string;
  /** Overrides the addressee block computed from the addressees. */
  addressee?: string | undefined;
  place?: string | undefined;
  date?: string | undefined;
  attachments?: string | undefined;
  signerTitle?: string | undefined;
  /** The type's extra fields by name (an invitation's day, time, place). */
  fields?: Record<string, string> | undefined;
  /** Surat tugas: the people assigned, by account or by name. */
  assignees?: ({ userId: string } | { name: string; nip?: string | undefined; position?: string | undefined })[] | undefined;
}

export interface TypedDraftInput {
  type: string;
  addressees: PartyInput[];
  copies: PartyInput[];
  recipient?: string | undefined;
  template: TypedTemplateInput;
}

/**
 * Checks a typed draft against its naskah type and resolves what it names: the parties, the
 * people assigned, the type's fields (required ones present, no unknown ones). Returns the
 * letter's parties and the template to render, with the type's heading and field labels copied
 * in so the letter prints as approved even if an admin edits the type later.
 */
export const prepareTypedDraft = async (
  deps: AppDeps,
  input: TypedDraftInput,
): Promise<{ addressees: Party[]; copies: Party[]; recipient: string; template: OutgoingTemplate }> => {
  const type = await deps.db.letterTypes.find(input.type);
  if (!type)
    throw new AppError('invalid', 'unknown letter type', {
      errors: [{ field: 'type', message: `no letter type ${input.type} (GET /api/v1/letter-types)`, code: 'unknown_letter_type' }],
    });
  const errors: FieldError[] = [];
  const given = input.template.fields ?? {};
  for (const f of type.template.fields)
    if (f.required && !given[f.name]?.trim())
      errors.push({ field: `template.fields.${f.name}`, message: `${f.label} is required for ${type.name}`, code: 'required' });
  for (const name of Object.keys(given))
    if (!type.template.fields.some((f) => f.name === name))
      errors.push({ field: `template.fields.${name}`, message: `${type.name} has no field ${name}`, code: 'not_in_type' });
  const assigneesIn = input.template.assignees ?? [];
  if (type.template.assignees && assigneesIn.length === 0)
    errors.push({ field: 'template.assignees', message: `${type.name} names at least one person assigned`, code: 'required' });
  if (!type.template.assignees && assigneesIn.length > 0)
    errors.push({ field: 'template.assignees', message: `${type.name} assigns nobody`, code: 'not_allowed' });
  const assignees: Assignee[] = [];
  for (const [i, a] of assigneesIn.entries()) {
    if ('userId' in a) {
      const u = await deps.db.users.findById(a.userId);
      const unit = u && (await deps.db.units.findByCode(u.unitCode));
      if (u && !u.disabled) assignees.push({ name: u.name, nip: null, position: unit ? `pada ${unit.name}` : null });
      else errors.push({ field: `template.assignees.${i}.userId`, message: 'no such active user', code: 'unknown_user' });
    } else assignees.push({ name: a.name, nip: a.nip ?? null, position: a.position ?? null });
  }
  if (errors.length) throw new AppError('invalid', 'some values are invalid', { errors });
  const [addressees, copies] = await resolveParties(deps, [
    { field: 'addressees', parties: input.addressees },
    { field: 'copies', parties: input.copies },
  ]);
  const t = input.template;
  const template: OutgoingTemplate = {
    addressee: t.addressee ?? addresseeBlock(addressees!),
    body: t.body,
    place: t.place ?? null,
    date: t.date ?? null,
    attachments: type.template.attachmentsLine ? (t.attachments ?? null) : null,
    signerTitle: t.signerTitle ?? null,
    heading: type.template.heading,
    fields: type.template.fields.filter((f) => given[f.name]?.trim()).map((f) => ({ label: f.label, value: given[f.name]!.trim() })),
    assignees,
    copies: copies!.map(printedName),
  };
  const recipient = (input.recipient ?? addressees!.map(printedName).join('; ')).slice(0, 300);
  return { addressees: addressees!, copies: copies!, recipient, template };
};
