import type { ApiError } from '../api.ts';
import { t } from '../i18n.ts';
import type { LetterType } from '../types.ts';
import { Field } from './ui.tsx';

/** What a type's own part of the form holds: its fields by name, and (surat tugas) the people assigned, one per line. */
export type TypeValues = { fields: Record<string, string>; assignees: string };

export const emptyTypeValues = (): TypeValues => ({ fields: {}, assignees: '' });

/**
 * The type's part of the template as the API takes it: filled fields only, and the people
 * assigned from lines "Nama; NIP; Jabatan" (NIP and position optional).
 */
export const typeTemplateBody = (type: LetterType | undefined, v: TypeValues) => {
  if (!type) return {};
  const fields = Object.fromEntries(type.template.fields.map((f) => [f.name, (v.fields[f.name] ?? '').trim()]).filter(([, value]) => value));
  const assignees = type.template.assignees
    ? v.assignees
        .split('\n')
        .map((l) => l.split(';').map((s) => s.trim()))
        .filter(([name]) => name)
        .map(([name, nip, position]) => ({ name: name!, ...(nip ? { nip } : {}), ...(position ? { position } : {}) }))
    : [];
  return { ...(Object.keys(fields).length ? { fields } : {}), ...(assignees.length ? { assignees } : {}) };
};

/** The type picker. */
export const TypePicker = ({
  types,
  value,
  onChange,
  error,
}: {
  types: LetterType[];
  value: string;
  onChange: (code: string) => void;
  error: ApiError | null;
}) => (
  <Field label={t('out.type')} required error={error?.fieldError('type')}>
    {(p) => (
      <select {...p} name="type" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {types.map((ty) => (
          <option key={ty.code} value={ty.code}>
            {ty.name}
          </option>
        ))}
      </select>
    )}
  </Field>
);

/** The fields the chosen type asks for (an invitation's day, time and place; a surat tugas's people). */
export const TypeFields = ({
  type,
  v,
  onChange,
  error,
}: {
  type: LetterType | undefined;
  v: TypeValues;
  onChange: (v: TypeValues) => void;
  error: ApiError | null;
}) => {
  if (!type || (type.template.fields.length === 0 && !type.template.assignees)) return null;
  return (
    <fieldset class="grid-fields">
      <legend>{t('out.typeFields', { type: type.name })}</legend>
      {type.template.fields.map((f) => (
        <Field key={f.name} label={f.label} required={f.required} error={error?.fieldError(`template.fields.${f.name}`)}>
          {(p) => (
            <input
              {...p}
              name={`field-${f.name}`}
              type="text"
              maxLength={1000}
              value={v.fields[f.name] ?? ''}
              onInput={(e) => onChange({ ...v, fields: { ...v.fields, [f.name]: e.currentTarget.value } })}
            />
          )}
        </Field>
      ))}
      {type.template.assignees ? (
        <div class="wide">
          <Field label={t('out.assignees')} required hint={t('out.assigneesHint')} error={error?.fieldError('template.assignees')}>
            {(p) => (
              <textarea
                {...p}
                name="assignees"
                rows={4}
                maxLength={20000}
                value={v.assignees}
                onInput={(e) => onChange({ ...v, assignees: e.currentTarget.value })}
              />
            )}
          </Field>
        </div>
      ) : null}
    </fieldset>
  );
};
