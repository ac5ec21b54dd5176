import type { ComponentChildren } from 'preact';
import { dateTime } from '../format.ts';
import type { Loaded } from '../hooks.ts';
import { t } from '../i18n.ts';
import { usePersonNames } from '../people.ts';
import type { RecordItemState } from '../records-types.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { RecordItems } from './records-bits.tsx';
import { ErrorBox, Loading, PageTitle } from './ui.tsx';

/**
 * The frame of one records act's page (a hold, a disposal, a transfer): the title, loading and
 * failure, then two cards side by side (one above the other on a phone): the facts and what to
 * do, and the records.
 */
export const ActPage = <T,>({ title, loaded, children }: { title: string; loaded: Loaded<T>; children: (x: T) => ComponentChildren }) => (
  <>
    <PageTitle>{title}</PageTitle>
    {loaded.loading && !loaded.data ? <Loading /> : null}
    <ErrorBox error={loaded.error} onRetry={loaded.reload} />
    {loaded.data ? <div class="two-col">{children(loaded.data)}</div> : null}
  </>
);

/** The facts card: a list of terms and what they are, then the act's forms. */
export const FactsCard = ({ children, after }: { children: ComponentChildren; after?: ComponentChildren }) => (
  <section class="card" aria-labelledby="act-facts-title">
    <h2 id="act-facts-title">{t('acts.facts')}</h2>
    <dl class="act-facts">{children}</dl>
    {after}
  </section>
);

export const Fact = ({ term, children }: { term: string; children: ComponentChildren }) => (
  <>
    <dt>{term}</dt>
    <dd>{children}</dd>
  </>
);

/** The records an act names, in their own card. */
export const RecordsCard = ({ heading, ids, states }: { heading: string; ids: string[]; states?: Map<string, RecordItemState> }) => (
  <section class="card" aria-labelledby="act-records-title">
    <h2 id="act-records-title">{heading}</h2>
    <RecordItems ids={ids} label={heading} {...(states ? { states } : {})} />
  </section>
);

/** "Name · when" for the people an act names by id (a dash for nobody, "someone" when the name cannot be known). */
export const useByWhom = (ids: (string | null | undefined)[]) => {
  const { user } = useSession();
  const names = usePersonNames(user, ids);
  return (uid: string | null, at?: string | null): string =>
    [uid ? (names.get(uid) ?? t('people.someone')) : t('doc.none'), at ? dateTime(at) : ''].filter(Boolean).join(' · ');
};

/** The minutes (berita acara) an act produced, once it has them: a link to the sealed document. */
export const MinutesFact = ({ term, act }: { term: string; act: { minutesDocumentId: string | null; minutesNumber: string | null } }) =>
  act.minutesDocumentId ? (
    <Fact term={term}>
      <Link href={`/documents/${act.minutesDocumentId}`}>{t('acts.minutesOpen', { number: act.minutesNumber ?? '' })}</Link>
    </Fact>
  ) : null;
