import type { idFriction } from './id-friction.ts';

/** Words of the friction fixes of issue 18 in English. */
export const enFriction: Record<keyof typeof idFriction, string> = {
  'scope.legend': 'Units the clerk registers for',
  'scope.own': 'Own unit (and the units below it)',
  'scope.office': 'The whole office (central front office)',
  'scope.units': 'Own unit and the chosen units',
  'scope.unitsLegend': 'Chosen units',
  'scope.pickOne': 'Choose at least one unit.',
};
