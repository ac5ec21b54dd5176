import { useState } from 'preact/hooks';
import type { ApiError } from '../api.ts';
import { t } from '../i18n.ts';
import { unitName, useSession } from '../session.tsx';
import type { OutgoingTemplate, Person } from '../types.ts';
import { PersonSelect } from './person-select.tsx';
import { Field } from './ui.tsx';

/** How a draft's text comes: written in the system's template, or an uploaded PDF. */
export type DraftMode = 'template' | 'file';

/** The choice between the template and a PDF (`name` groups the two radio buttons). */
export const DraftModeChoice = ({ name, mode, onChange }: { name: string; mode: DraftMode; onChange: (m: DraftMode) => void }) => (
  <fieldset class="mode">
    <legend>{t('out.how')}</legend>
    <label class="check">
      <input type="radio" name={name} value="template" checked={mode === 'template'} onChange={() => onChange('template')} /> {t('out.fromTemplate')}
    </label>
    <label class="check">
      <input type="radio" name={name} value="file" checked={mode === 'file'} onChange={() => onChange('file')} /> {t('out.fromFile')}
    </label>
  </fieldset>
);

export type TemplateValues = { addressee: string; body: string; place: string; date: string; attachments: string; signerTitle: string };

export const emptyTemplate = (date = ''): TemplateValues => ({ addressee: '', body: '', place: '', date, attachments: '', signerTitle: '' });

export const templateValuesOf = (tpl: OutgoingTemplate | null, date = ''): TemplateValues => ({
  addressee: tpl?.addressee ?? '',
  body: tpl?.body ?? '',
  place: tpl?.place ?? '',
  date: tpl?.date ?? date,
  attachments: tpl?.attachments ?? '',
  signerTitle: tpl?.signerTitle ?? '',
});

/** The template as the API takes it: required parts, and the optional ones only when filled. */
export const templateBody = (v: TemplateValues) => {
  const optional = (['place', 'date', 'attachments', 'signerTitle'] as const).filter((k) => v[k].trim());
  return { addressee: v.addressee.trim(), body: v.body.trim(), ...Object.fromEntries(optional.map((k) => [k, v[k].trim()])) };
};

/** A field error the server named, also under `template.<name>`. */
const errorFor = (error: ApiError | null, name: string) => error?.fieldError(name) ?? error?.fieldError(`template.${name}`);

/** The letter's text as the template renders it: addressee, body, place and date, attachments, signer's title. */
export const TemplateFields = ({
  v,
  onChange,
  error,
  withAddressee = true,
}: {
  v: TemplateValues;
  onChange: (v: TemplateValues) => void;
  error: ApiError | null;
  withAddressee?: boolean;
}) => {
  const set = (k: keyof TemplateValues, value: string) => onChange({ ...v, [k]: value });
  return (
    <fieldset class="grid-fields">
      <legend>{t('out.letterText')}</legend>
      {withAddressee ? (
        <Field label={t('out.addressee')} required hint={t('out.addresseeHint')} error={errorFor(error, 'addressee')}>
          {(p) => <textarea {...p} name="addressee" rows={3} maxLength={2000} value={v.addressee} onInput={(e) => set('addressee', e.currentTarget.value)} />}
        </Field>
      ) : null}
      <Field label={t('out.place')} error={errorFor(error, 'place')}>
        {(p) => <input {...p} name="place" type="text" maxLength={100} value={v.place} onInput={(e) => set('place', e.currentTarget.value)} />}
      </Field>
      <Field label={t('out.date')} error={errorFor(error, 'date')}>
        {(p) => <input {...p} name="date" type="date" value={v.date} onInput={(e) => set('date', e.currentTarget.value)} />}
      </Field>
      <Field label={t('out.attachments')} hint={t('out.attachmentsHint')} error={errorFor(error, 'attachments')}>
        {(p) => (
          <input {...p} name="attachments" type="text" maxLength={200} value={v.attachments} onInput={(e) => set('attachments', e.currentTarget.value)} />
        )}
      </Field>
      <Field label={t('out.signerTitle')} hint={t('out.signerTitleHint')} error={errorFor(error, 'signerTitle')}>
        {(p) => (
          <input {...p} name="signerTitle" type="text" maxLength={200} value={v.signerTitle} onInput={(e) => set('signerTitle', e.currentTarget.value)} />
        )}
      </Field>
      <div class="wide">
        <Field label={t('out.body')} required error={errorFor(error, 'body')}>
          {(p) => <textarea {...p} name="body" rows={10} maxLength={50000} value={v.body} onInput={(e) => set('body', e.currentTarget.value)} />}
        </Field>
      </div>
    </fieldset>
  );
};

/** Reviewers in the order they review: add from the list, move up or down, remove. */
export const ReviewerPicker = ({
  people,
  value,
  onChange,
  exclude,
  error,
}: {
  people: Person[] | null;
  value: string[];
  onChange: (ids: string[]) => void;
  exclude: string[];
  error: ApiError | null;
}) => {
  const { units } = useSession();
  const [pick, setPick] = useState('');
  const byId = new Map((people ?? []).map((p) => [p.id, p]));
  const nameOf = (id: string) => {
    const p = byId.get(id);
    return p ? `${p.name} — ${unitName(units, p.unitCode)}` : id;
  };
  const candidates =
    people?.filter((p) => !value.includes(p.id) && !exclude.includes(p.id) && p.roles.some((r) => r === 'staff' || r === 'official' || r === 'clerk')) ?? null;
  const move = (i: number, by: number) => {
    const next = [...value];
    const [x] = next.splice(i, 1);
    next.splice(i + by, 0, x!);
    onChange(next);
  };
  const listError = error?.fieldError('reviewerIds') ?? value.map((_, i) => error?.fieldError(`reviewerIds.${i}`)).find(Boolean);
  return (
    <fieldset class="reviewers">
      <legend>{t('out.reviewers')}</legend>
      <p class="hint">{t('out.reviewersHint')}</p>
      {value.length ? (
        <ol class="reviewer-list">
          {value.map((id, i) => (
            <li key={id}>
              <span class="reviewer-name">{nameOf(id)}</span>
              {error?.fieldError(`reviewerIds.${i}`) ? <span class="error-text"> {error.fieldError(`reviewerIds.${i}`)}</span> : null}
              <span class="reviewer-tools">
                <button type="button" class="btn btn-small" disabled={i === 0} aria-label={t('out.moveUp', { name: nameOf(id) })} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  class="btn btn-small"
                  disabled={i === value.length - 1}
                  aria-label={t('out.moveDown', { name: nameOf(id) })}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={t('out.remove', { name: nameOf(id) })}
                  onClick={() => onChange(value.filter((x) => x !== id))}
                >
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted small">{t('out.noReviewers')}</p>
      )}
      {listError && !value.some((_, i) => error?.fieldError(`reviewerIds.${i}`)) ? <p class="error-text">{listError}</p> : null}
      <div class="row add-reviewer">
        <Field label={t('out.addReviewer')} hint={people === null ? t('people.idHint') : undefined}>
          {(p) => <PersonSelect {...p} people={candidates} value={pick} onChange={setPick} />}
        </Field>
        <button
          type="button"
          class="btn"
          disabled={!pick || value.includes(pick)}
          onClick={() => {
            onChange([...value, pick]);
            setPick('');
          }}
        >
          {t('out.add')}
        </button>
      </div>
    </fieldset>
  );
};
