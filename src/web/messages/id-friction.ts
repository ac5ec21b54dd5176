/** Words of the friction fixes of issue 18 in Indonesian (merged into id.ts; en-friction.ts gives the English). */
export const idFriction = {
  'scope.legend': 'Unit yang dilayani petugas agenda',
  'scope.own': 'Unit sendiri (dan unit di bawahnya)',
  'scope.office': 'Seluruh kantor (TU pusat)',
  'scope.units': 'Unit sendiri dan unit yang dipilih',
  'scope.unitsLegend': 'Unit yang dipilih',
  'scope.pickOne': 'Pilih paling sedikit satu unit.',
};
