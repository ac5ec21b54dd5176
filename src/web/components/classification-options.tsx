import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.ts';
import type { Classification } from '../operations-types.ts';
import type { Page } from '../types.ts';

/** The id of the one list of suggestions; an input offers it with `list={CLASSIFICATION_LIST}`. */
export const CLASSIFICATION_LIST = 'classification-codes';

// One request per page load, shared by every form that offers codes; a failure offers none
// (the field still takes any code, so a form never waits on this).
let loading: Promise<Classification[]> | null = null;
const activeCodes = (): Promise<Classification[]> => {
  loading ??= get<Page<Classification>>('/classifications', { query: { limit: 1000 } }).then(
    (p) => p.items,
    () => {
      loading = null;
      return [];
    },
  );
  return loading;
};

/** After the scheme changed (the admin page): the next form asks the server again. */
export const forgetClassificationCodes = (): void => {
  loading = null;
};

/** The scheme's active codes as the browser's own suggestions under a text field (typing still works). */
export const ClassificationOptions = () => {
  const [codes, setCodes] = useState<Classification[]>([]);
  useEffect(() => {
    let live = true;
    void activeCodes().then((c) => live && setCodes(c));
    return () => void (live = false);
  }, []);
  return (
    <datalist id={CLASSIFICATION_LIST}>
      {codes.map((c) => (
        <option key={c.code} value={c.code}>
          {c.name}
        </option>
      ))}
    </datalist>
  );
};
