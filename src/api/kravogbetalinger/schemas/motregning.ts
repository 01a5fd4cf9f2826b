import Type, { type Static } from 'typebox';
import { Dato, Kroner } from '../../schema-types.js';
import { Kravperiode, MultiSpraakTekst } from './felles.js';

/**
 * Set-off as Skatteetaten's OpenAPI 1.1.1 shows it (decision 0165): the money the debtor had to its
 * good (the main claim, `hovedkrav`: credit items, or a payment's money held by its refund) and the debts it covered
 * (`dekketKrav`). Names, casing and key order as published, including `dekketkrav` (lower-case k)
 * in `MotregningAvKreditkrav` against `dekketKrav` in `MotregningAvInnbetaling`, and
 * `innbetalingBruktImotregning` (lower-case m) against `kreditkravBruktIMotregning`.
 */

export const InnbetalingBruktIMotregning = Type.Object(
  {
    innbetalingsidentifikator: Type.String({ examples: ['84000007'] }),
    uplassertBeloep: Kroner('Det som nå er uplassert av innbetalingen (negativt, eller 0.0).'),
  },
  { title: 'InnbetalingBruktIMotregning', description: 'En innbetaling hvis penger (det som skulle betales tilbake) ble motregnet.' },
);

export const KreditkravBruktIMotregning = Type.Object(
  {
    kravforfallsIdentifikator: Type.String({ examples: ['360000012'] }),
    gjenstaaendeBeloep: Kroner('Det som nå gjenstår av kreditforfallet (negativt, eller 0.0).'),
    kravbeskrivelse: MultiSpraakTekst,
    kravperiode: Kravperiode,
  },
  { title: 'KreditkravBruktIMotregning', description: 'Et kreditforfall som ble brukt i motregningen.' },
);

export const HovedKrav = Type.Object(
  {
    innbetalingBruktImotregning: Type.Optional(Type.Array(InnbetalingBruktIMotregning, { minItems: 1 })),
    kreditkravBruktIMotregning: Type.Optional(Type.Array(KreditkravBruktIMotregning, { minItems: 1 })),
  },
  { title: 'HovedKrav', description: 'Det skyldneren hadde til gode, som motregningen brukte.' },
);

export const DekketKrav = Type.Object(
  {
    motregnetBeloep: Kroner('Beløpet som ble motregnet mot dette forfallet (positivt).'),
    dekketKravBeskrivelse: MultiSpraakTekst,
    innkrevingsmyndighet: MultiSpraakTekst,
    forfallsdato: Dato,
    kreditorsnavn: MultiSpraakTekst,
    forsinkelsesrenter: Type.Optional(Kroner('Forsinkelsesrente den sene dekningen ga på kravet, fram til motregningsdatoen; utelatt for krav uten renter.')),
  },
  { title: 'DekketKrav', description: 'Et forfall som ble dekket ved motregningen.' },
);

const motregningFelter = {
  motregningsidentifikator: Type.String({ description: 'Posteringsnummeret til motregningens første plassering.', examples: ['4211'] }),
  innkrevingsmyndighet: MultiSpraakTekst,
};

export const MotregningAvKreditkrav = Type.Object(
  {
    ...motregningFelter,
    hovedkrav: HovedKrav,
    dekketkrav: Type.Array(DekketKrav, { minItems: 1 }),
    motregnetdato: Dato,
  },
  { title: 'MotregningAvKreditkrav', description: 'Hvordan kreditkravet ble motregnet mot forfalte krav.' },
);
export type MotregningAvKreditkrav = Static<typeof MotregningAvKreditkrav>;

export const MotregningAvInnbetaling = Type.Object(
  {
    ...motregningFelter,
    dekketKrav: Type.Array(DekketKrav, { minItems: 1 }),
    hovedkrav: HovedKrav,
    motregnetdato: Dato,
  },
  { title: 'MotregningAvInnbetaling', description: 'Hvordan pengene innbetalingen skulle få tilbake, ble motregnet mot forfalte krav i stedet (en tilbakebetaling som kom i retur).' },
);
export type MotregningAvInnbetaling = Static<typeof MotregningAvInnbetaling>;
export type DekketKrav = Static<typeof DekketKrav>;
export type HovedKrav = Static<typeof HovedKrav>;
