import { useEffect, useId, useState } from 'preact/hooks';
import { type ApiError, get, isAbort } from '../api.ts';
import { t } from '../i18n.ts';
import { unitName, useSession } from '../session.tsx';
import type { Contact } from '../types.ts';
import { UnitSelect } from './unit-select.tsx';
import { Field } from './ui.tsx';

/** An addressee or copy as the form holds it: what the API takes, and how to show it. */
export type PartyChoice = { label: string } & ({ unitCode: string } | { contactId: string } | { name: string });

/** The party as the API takes it (without the form's label). */
export const partyBody = (p: PartyChoice) => ('unitCode' in p ? { unitCode: p.unitCode } : 'contactId' in p ? { contactId: p.contactId } : { name: p.name });

/** Contacts whose name starts as typed (the server folds accents and case), while one types. */
const useContactSearch = (q: string): Contact[] => {
  const [found, setFound] = useState<Contact[]>([]);
  useEffect(() => {
    if (!q.trim()) return setFound([]);
    const ac = new AbortController();
    // A short pause, so typing a word asks once rather than per letter.
    const timer = setTimeout(() => {
      get<{ items: Contact[] }>('/contacts', { query: { q: q.trim(), limit: 8 }, signal: ac.signal }).then(
        (r) => setFound(r.items),
        (e: unknown) => (isAbort(e) ? undefined : setFound([])),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [q]);
  return found;
};

/**
 * Addressees or copies (tembusan): units of this office from the tree, bodies from the contact
 * book found as one types, or a name typed in. The chosen ones are listed in order with a
 * remove button each; `field` is the API's field, for its errors.
 */
export const PartyPicker = ({
  legend,
  field,
  value,
  onChange,
  error,
}: {
  legend: string;
  field: 'addressees' | 'copies';
  value: PartyChoice[];
  onChange: (v: PartyChoice[]) => void;
  error: ApiError | null;
}) => {
  const { units } = useSession();
  const [unit, setUnit] = useState('');
  const [q, setQ] = useState('');
  const found = useContactSearch(q);
  const listId = useId();
  const add = (p: PartyChoice) => onChange([...value, p]);
  const errors = [
    error?.fieldError(field),
    ...value.map(
      (_, i) => error?.fieldError(`${field}.${i}.unitCode`) ?? error?.fieldError(`${field}.${i}.contactId`) ?? error?.fieldError(`${field}.${i}.name`),
    ),
  ].filter(Boolean);
  return (
    <fieldset class="parties" data-field={field}>
      <legend>{legend}</legend>
      {value.length ? (
        <ol class="party-list">
          {value.map((p, i) => (
            <li key={`${i}-${p.label}`}>
              <span>{p.label}</span>{' '}
              <button
                type="button"
                class="btn btn-small"
                aria-label={t('out.remove', { name: p.label })}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted small">{t('party.none')}</p>
      )}
      {errors.map((e) => (
        <p class="error-text" key={e}>
          {e}
        </p>
      ))}
      <div class="row add-party">
        <Field label={t('party.unit')}>{(p) => <UnitSelect {...p} value={unit} onChange={setUnit} emptyLabel={t('party.chooseUnit')} />}</Field>
        <button type="button" class="btn" disabled={!unit} onClick={() => (add({ unitCode: unit, label: unitName(units, unit) }), setUnit(''))}>
          {t('party.addUnit')}
        </button>
      </div>
      <div class="row add-party">
        <Field label={t('party.search')} hint={t('party.searchHint')}>
          {(p) => (
            <input
              {...p}
              name={`${field}-search`}
              type="search"
              autoComplete="off"
              maxLength={100}
              aria-controls={listId}
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="button" class="btn" disabled={!q.trim()} onClick={() => (add({ name: q.trim(), label: q.trim() }), setQ(''))}>
          {t('party.addName')}
        </button>
      </div>
      <ul id={listId} class="contact-suggestions" aria-live="polite">
        {found.map((c) => (
          <li key={c.id}>
            <button type="button" class="btn btn-small" onClick={() => (add({ contactId: c.id, label: c.name }), setQ(''))}>
              {t('party.pick', { name: c.name })}
            </button>
            {c.address ? <span class="muted small"> {c.address}</span> : null}
          </li>
        ))}
      </ul>
    </fieldset>
  );
};
