/**
 * `produktomraade` values (the "forretningsområde" code list is not published; decision 0012).
 * The published examples use short ASCII words ("MVA", "Saeravgift"); we follow that. Which
 * claim belongs where is in each kravgruppe's record (data/kodelister/kravgruppe-egenskaper.json).
 */
export const produktomraader = Object.freeze([
  'MVA',
  'A-ordningen',
  'Arbeidsgiveravgift',
  'Forskuddstrekk',
  'Skatt',
  'Saeravgift',
  'AndreKrav',
  'OevrigeOffentligeKrav',
] as const);

export type Produktomraade = (typeof produktomraader)[number];
