import type { idSearch } from './id-search.ts';

/** Search results and saved searches in English. */
export const enSearch: Record<keyof typeof idSearch, string> = {
  'hit.agenda': 'Agenda {n}',
  'hit.page': 'page {n}',
  'hit.incoming': 'Open the incoming letter',
  'hit.dispositions': 'Its dispositions',
  'hit.outgoing': 'Open the outgoing draft',
  'hit.outgoingSigned': 'Open the outgoing letter (signed)',
  'hit.reply': 'Reply: {subject}',
  'hit.collapsed': 'includes {n} other versions of this letter',
  'search.sort': 'Sort by',
  'search.sort.relevance': 'Best match',
  'search.sort.date': 'Newest date',
  'saved.title': 'Saved searches',
  'saved.none': 'No saved searches yet.',
  'saved.name': 'Name of this search',
  'saved.save': 'Save search',
  'saved.saved': 'Search "{name}" saved.',
  'saved.run': 'Run',
  'saved.delete': 'Delete',
  'saved.deleteLabel': 'Delete the search "{name}"',
  'saved.runLabel': 'Run the search "{name}"',
};
