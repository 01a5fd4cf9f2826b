/**
 * `produktomraade` values (the "forretningsområde" code list is not published; decision 0012).
 * The published examples use short ASCII words ("MVA", "Saeravgift"); we follow that.
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

// Keys are kravgruppe codes (data/kodelister/kravgruppe.xml) and labels, folded by `foldKravgruppe`:
// the API prints labels and kravtype.xml writes "Særavgift" where kravgruppe.xml has "særavgifter".
const byKravgruppe: ReadonlyMap<string, Produktomraade> = new Map([
  ['merverdiavgift', 'MVA'],
  ['arbeidsgiveravgift', 'Arbeidsgiveravgift'],
  ['forskuddstrekk', 'Forskuddstrekk'],
  ['skatt', 'Skatt'],
  ['særavgift', 'Saeravgift'],
  ['særavgifter', 'Saeravgift'],
  ['andrekrav', 'AndreKrav'],
  ['øvrigeoffentligekrav', 'OevrigeOffentligeKrav'],
]);

function foldKravgruppe(kravgruppe: string): string {
  return kravgruppe.replace(/\s+/g, '').toLowerCase();
}

/**
 * The product area of a claim, from its kravgruppe code or label.
 * Groups outside the published list (Tilbakebetalingskrav, Bidragssak) count as "AndreKrav".
 *
 * @example produktomraadeForKravgruppe('merverdiavgift') === 'MVA'
 * @example produktomraadeForKravgruppe('Øvrige offentlige krav') === 'OevrigeOffentligeKrav'
 */
export function produktomraadeForKravgruppe(kravgruppe: string): Produktomraade {
  return byKravgruppe.get(foldKravgruppe(kravgruppe)) ?? 'AndreKrav';
}
