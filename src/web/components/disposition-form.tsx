import { useState } from 'preact/hooks';
import { useSuccess } from '../hooks.ts';
import { post } from '../api.ts';
import { label, t } from '../i18n.ts';
import { id as indonesian } from '../messages/id.ts';
import { usePeople } from '../people.ts';
import { useSession } from '../session.tsx';
import { DISPOSITION_ACTIONS, type Disposition, type DispositionAction } from '../types.ts';
import { endOfDay, todayYmd } from './letter-bits.tsx';
import { ErrorBox, Field, Loading, Notice } from './ui.tsx';
import { flatTree, type UnitNode, unitTree } from './unit-select.tsx';

type Key = `unit:${string}` | `user:${string}`;

const findNode = (roots: UnitNode[], code: string): UnitNode | null => {
  for (const r of roots) {
    if (r.code === code) return r;
    const below = findNode(r.children, code);
    if (below) return below;
  }
  return null;
};

/** The people of one unit as checkboxes, read when the unit is opened. */
const UnitPeople = ({ unitCode, chosen, toggle }: { unitCode: string; chosen: Set<Key>; toggle: (k: Key) => void }) => {
  const { user } = useSession();
  const people = usePeople(user, { unitCode });
  if (people.loading && !people.data) return <Loading />;
  if (people.error) return <ErrorBox error={people.error} onRetry={people.reload} />;
  // Accounts that only administer receive no dispositions (the server refuses them too).
  const list = (people.data ?? []).filter((p) => p.id !== user.id && p.unitCode === unitCode && p.receivesDispositions !== false);
  if (!list.length) return <p class="muted small">{t('dispo.nobodyHere')}</p>;
  return (
    <ul class="people-picks">
      {list.map((p) => (
        <li key={p.id}>
          <label class="check">
            <input type="checkbox" name="to-user" value={p.id} checked={chosen.has(`user:${p.id}`)} onChange={() => toggle(`user:${p.id}`)} />{' '}
            <span>
              {p.name}
              {p.jabatan ? <span class="muted small"> — {p.jabatan}</span> : null}
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
};

const UnitRow = ({
  unit,
  depth,
  own,
  directory,
  chosen,
  toggle,
}: {
  unit: UnitNode;
  depth: number;
  own: boolean;
  directory: boolean;
  chosen: Set<Key>;
  toggle: (k: Key) => void;
}) => {
  const [open, setOpen] = useState(own);
  return (
    <li class={`unit-pick depth-${Math.min(depth, 4)}`}>
      {own ? (
        <strong class="unit-own">{unit.name}</strong>
      ) : (
        <label class="check">
          <input type="checkbox" name="to-unit" value={unit.code} checked={chosen.has(`unit:${unit.code}`)} onChange={() => toggle(`unit:${unit.code}`)} />
          <span>
            {unit.name} <span class="muted small">({t('dispo.wholeUnit')})</span>
          </span>
        </label>
      )}
      {directory ? (
        <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{t('dispo.peopleOf', { unit: unit.code })}</summary>
          {open ? <UnitPeople unitCode={unit.code} chosen={chosen} toggle={toggle} /> : null}
        </details>
      ) : null}
    </li>
  );
};

/**
 * Routing a letter (disposisi) in a few clicks: recipients from the unit tree (the units below
 * one's own, and their people when the directory can be read), instruction checkboxes, a note and
 * a due date. With `parentId` it forwards that disposition down.
 */
export const DispositionForm = ({
  letterId,
  parentId,
  onDone,
  heading,
}: {
  letterId: string;
  parentId?: string | undefined;
  onDone: (created: Disposition[]) => void;
  heading: string;
}) => {
  const { user, units } = useSession();
  const own = findNode(unitTree(units), user.unitCode);
  const reach = own ? flatTree([own]) : [];
  const probe = usePeople(user, { unitCode: user.unitCode });
  const directory = Array.isArray(probe.data);
  const [chosen, setChosen] = useState<Set<Key>>(new Set());
  const [actions, setActions] = useState<DispositionAction[]>([]);
  const [note, setNote] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [sent, setSent] = useSuccess<number>();

  const toggle = (k: Key) => {
    const next = new Set(chosen);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setChosen(next);
    setSent(null);
  };
  const toggleAction = (a: DispositionAction) =>
    setActions(actions.includes(a) ? actions.filter((x) => x !== a) : DISPOSITION_ACTIONS.filter((x) => x === a || actions.includes(x)));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (chosen.size === 0) return setMissing(t('dispo.needRecipient'));
    if (!note.trim() && actions.length === 0) return setMissing(t('dispo.needInstruction'));
    setMissing(null);
    setBusy(true);
    setError(null);
    try {
      const to = [...chosen].map((k) => (k.startsWith('unit:') ? { unitCode: k.slice(5) } : { userId: k.slice(5) }));
      // The note is the instruction; without one, the ticked instructions say it (in the office's language).
      const instruction = note.trim() || actions.map((a) => indonesian[`action.${a}`]).join('; ');
      const out = await post<{ items: Disposition[] }>(`/letters/incoming/${encodeURIComponent(letterId)}/dispositions`, {
        to,
        instruction,
        actions,
        ...(due ? { dueAt: endOfDay(due) } : {}),
        ...(parentId ? { parentId } : {}),
      });
      setChosen(new Set());
      setActions([]);
      setNote('');
      setDue('');
      setSent(out.items.length);
      onDone(out.items);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="dispose-form" onSubmit={submit} aria-labelledby="dispose-title">
      <h2 id="dispose-title">{heading}</h2>
      <fieldset class="recipients">
        <legend>{t('dispo.to')}</legend>
        {probe.loading && probe.data === undefined ? <Loading /> : null}
        <ul class="unit-picks">
          {reach.map((u) => (
            <UnitRow
              key={u.code}
              unit={u}
              depth={u.depth - (own?.depth ?? 0)}
              own={u.code === user.unitCode}
              directory={directory}
              chosen={chosen}
              toggle={toggle}
            />
          ))}
        </ul>
        {!directory && !probe.loading ? <p class="hint">{t('dispo.unitsOnly')}</p> : null}
        <p class="hint" aria-live="polite">
          {t('dispo.chosen', { n: chosen.size })}
        </p>
      </fieldset>
      <fieldset>
        <legend>{t('dispo.actions')}</legend>
        {DISPOSITION_ACTIONS.map((a) => (
          <label key={a} class="check">
            <input type="checkbox" name="action" value={a} checked={actions.includes(a)} onChange={() => toggleAction(a)} /> <span>{label('action', a)}</span>
          </label>
        ))}
      </fieldset>
      <div class="grid-fields">
        <Field label={t('dispo.note')} hint={t('dispo.noteHint')}>
          {(p) => <textarea {...p} name="instruction" rows={3} maxLength={4000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
        </Field>
        <Field label={t('dispo.due')} hint={t('dispo.dueHint')}>
          {(p) => <input {...p} type="date" name="due" min={todayYmd()} value={due} onInput={(e) => setDue(e.currentTarget.value)} />}
        </Field>
      </div>
      {missing ? (
        <p class="error-text" role="alert">
          {missing}
        </p>
      ) : null}
      <ErrorBox error={error} />
      {sent !== null ? <Notice tone="ok">{t('dispo.sent', { n: sent })}</Notice> : null}
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? t('dispo.sending') : t('dispo.send')}
      </button>
    </form>
  );
};
