import type { ApiError } from '../api.ts';
import { label, t, type MessageKey } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { SECURITY_LEVELS } from '../types.ts';
import { CLASSIFICATION_LIST, ClassificationOptions } from './classification-options.tsx';
import { Field } from './ui.tsx';
import { UnitSelect } from './unit-select.tsx';

export type DocumentFieldName =
  | 'title'
  | 'letterNumber'
  | 'sender'
  | 'paperLocation'
  | 'documentDate'
  | 'classificationCode'
  | 'securityLevel'
  | 'unitCode'
  | 'tags';
export type DocumentFieldValues = Partial<Record<DocumentFieldName, string>>;

const LABELS: Record<DocumentFieldName, MessageKey> = {
  title: 'upload.titleField',
  letterNumber: 'doc.letterNumber',
  sender: 'doc.sender',
  paperLocation: 'doc.paperLocation',
  documentDate: 'doc.documentDate',
  classificationCode: 'doc.classificationCode',
  securityLevel: 'doc.securityLevel',
  unitCode: 'doc.unit',
  tags: 'upload.tags',
};

/** The optional metadata of an upload; empty fields are left out, so the server's defaults apply. */
export const DocumentFields = ({
  names,
  values,
  onChange,
  error,
}: {
  names: DocumentFieldName[];
  values: DocumentFieldValues;
  onChange: (v: DocumentFieldValues) => void;
  error?: ApiError | null;
}) => {
  const { user } = useSession();
  const set = (name: DocumentFieldName, value: string) => onChange({ ...values, [name]: value });
  return (
    <fieldset class="grid-fields">
      <legend>{t('upload.details')}</legend>
      {names.map((name) => (
        <Field key={name} label={t(LABELS[name])} error={error?.fieldError(name)}>
          {(p) =>
            name === 'securityLevel' ? (
              <select {...p} value={values[name] ?? ''} onChange={(e) => set(name, e.currentTarget.value)}>
                <option value="">{t('form.choose')}</option>
                {SECURITY_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {label('level', l)}
                  </option>
                ))}
              </select>
            ) : name === 'unitCode' ? (
              <UnitSelect {...p} filing value={values[name] ?? ''} onChange={(v) => set(name, v)} emptyLabel={`${t('form.choose')} (${user.unitCode})`} />
            ) : name === 'classificationCode' ? (
              <>
                <input {...p} type="text" list={CLASSIFICATION_LIST} value={values[name] ?? ''} onInput={(e) => set(name, e.currentTarget.value)} />
                <ClassificationOptions />
              </>
            ) : name === 'documentDate' ? (
              <input {...p} type="date" value={values[name] ?? ''} onInput={(e) => set(name, e.currentTarget.value)} />
            ) : (
              <input {...p} type="text" value={values[name] ?? ''} onInput={(e) => set(name, e.currentTarget.value)} />
            )
          }
        </Field>
      ))}
    </fieldset>
  );
};

/** The non-empty values as multipart fields. */
export const appendFields = (form: FormData, values: DocumentFieldValues): void => {
  for (const [k, v] of Object.entries(values)) if (v?.trim()) form.append(k, v.trim());
};
