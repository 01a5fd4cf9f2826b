import Type, { type Static } from 'typebox';
import { Dato, Kroner } from '../../schema-types.js';
import { Bankkonto, Betalingsinformasjon, MultiSpraakTekst } from './felles.js';
import { MotregningAvInnbetaling } from './motregning.js';

/**
 * A payment and where it was placed (spec §4.7). Published casing kept: `innbetalingsidentifikator`
 * (lower-case i, unlike `InnbetalingPlassertMotKrav`) and `kravforfallIdentifikator` (no "s", unlike
 * `Kravforfall`).
 */

export const KravPlassertMotInnbetaling = Type.Object(
  {
    kravforfallIdentifikator: Type.String({ description: 'Forfallet som ble dekket.', examples: ['KRAV-33158653'] }),
    plassertBeloep: Kroner(),
    plassertDato: Dato,
    kravbeskrivelse: MultiSpraakTekst,
    kravforfallsdato: Dato,
    opprinneligKravforfallsbeloep: Kroner(),
    gjenstaaendeKravforfallsbeloep: Kroner('Det som nå gjenstår av det dekkede forfallet.'),
  },
  { title: 'KravPlassertMotInnbetaling', description: 'Et kravforfall som (en del av) innbetalingen ble plassert på.' },
);
export type KravPlassertMotInnbetaling = Static<typeof KravPlassertMotInnbetaling>;

export const UtbetalingPlassertMotInnbetaling = Type.Object(
  {
    utbetalingsidentifikator: Type.String({ examples: ['74000003'] }),
    utbetaltdato: Dato,
    utbetaltBeloep: Kroner('Den delen av utbetalingen som betalte tilbake denne innbetalingen (positivt).'),
    betaltTil: Betalingsinformasjon,
  },
  { title: 'UtbetalingPlassertMotInnbetaling', description: 'En utbetaling som betalte tilbake (noe av) innbetalingen.' },
);

export const Innbetaling = Type.Object(
  {
    partIdentifikator: Type.String({ examples: ['871978433'] }),
    innbetalingsidentifikator: Type.String({ examples: ['FORF-91264797'] }),
    innbetalingsdato: Dato,
    innbetaltBeloep: Kroner(),
    plassertKrav: Type.Optional(Type.Array(KravPlassertMotInnbetaling, { minItems: 1 })),
    uplassertBeloep: Kroner('Den delen av innbetalingen som ikke er plassert på noe krav.'),
    mottakersKontonummer: Type.Optional(Bankkonto),
    innbetaltFra: Betalingsinformasjon,
    innbetalingstype: Type.String({ examples: ['bankoverføring', 'Innbetalt OCR'] }),
    plassertUtbetaling: Type.Optional(Type.Array(UtbetalingPlassertMotInnbetaling, { minItems: 1 })),
    motregningAvInnbetaling: Type.Optional(MotregningAvInnbetaling),
  },
  {
    title: 'Innbetaling',
    description:
      'En innbetaling Skatteetaten har mottatt; `mottakersKontonummer` er Skatteetatens konto som mottok pengene. ' +
      'Det som ble igjen uplassert kan være motregnet (`motregningAvInnbetaling`) eller betalt tilbake (`plassertUtbetaling`).',
  },
);
export type Innbetaling = Static<typeof Innbetaling>;
