import { t } from '../i18n.ts';
import { unitName, useSession } from '../session.tsx';
import type { Person } from '../types.ts';
import type { ControlProps } from './ui.tsx';

/** A person as pickers name them: name, jabatan (what tells namesakes apart) and unit. */
export const personLabel = (p: Person, unit: string): string => [p.name, p.jabatan, unit].filter(Boolean).join(' — ');

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/**
 * One person from a list (name, jabatan and unit). With no directory to read (`people` null) it is a
 * field for the person's user id, which an admin can look up.
 */
export const PersonSelect = ({
  people,
  value,
  onChange,
  emptyLabel,
  ...p
}: ControlProps & { name?: string; people: Person[] | null; value: string; onChange: (id: string) => void; emptyLabel?: string }) => {
  const { units } = useSession();
  if (people === null) {
    return (
      <input
        {...p}
        type="text"
        inputMode="text"
        autoComplete="off"
        spellcheck={false}
        pattern={UUID}
        title={t('people.idHint')}
        value={value}
        onInput={(e) => onChange(e.currentTarget.value.trim())}
      />
    );
  }
  return (
    <select {...p} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="">{emptyLabel ?? t('form.choose')}</option>
      {people.map((person) => (
        <option key={person.id} value={person.id}>
          {personLabel(person, unitName(units, person.unitCode))}
        </option>
      ))}
    </select>
  );
};
