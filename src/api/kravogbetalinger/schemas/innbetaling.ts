import Type, { type Static } from 'typebox';
import { Dato, Kroner } from '../../schema-types.js';
import { Avsender, Tekst } from './felles.js';

/**
 * A payment and where it was placed (spec §4.7). Published casing kept: `innbetalingsidentifikator`
 * (lower-case i, unlike `PlassertInnbetaling`) and `kravforfallIdentifikator` (no "s", unlike
 * `Kravforfall`).
 */

export const PlasseringAvInnbetaling = Type.Object(
  {
    kravforfallIdentifikator: Type.String({ description: 'Forfallet som ble dekket.', examples: ['KRAV-33158653'] }),
    plassertBeloep: Kroner(),
    plassertDato: Dato,
    kravbeskrivelse: Tekst,
    kravforfallsdato: Dato,
    opprinneligKravforfallsbeloep: Kroner(),
    gjenstaaendeKravforfallsbeloep: Kroner('Det som nå gjenstår av det dekkede forfallet.'),
  },
  { title: 'PlasseringAvInnbetaling', description: 'Et kravforfall som (en del av) innbetalingen ble plassert på.' },
);
export type PlasseringAvInnbetaling = Static<typeof PlasseringAvInnbetaling>;

export const MottakersKontonummer = Type.Object(
  { kontonummer: Type.String({ examples: ['76940524802'] }) },
  { title: 'MottakersKontonummer', description: 'Skatteetatens konto som mottok pengene.' },
);
export type MottakersKontonummer = Static<typeof MottakersKontonummer>;

export const Innbetaling = Type.Object(
  {
    partIdentifikator: Type.String({ examples: ['871978433'] }),
    innbetalingsidentifikator: Type.String({ examples: ['FORF-91264797'] }),
    innbetalingsdato: Dato,
    innbetaltBeloep: Kroner(),
    plassertKrav: Type.Optional(Type.Array(PlasseringAvInnbetaling, { minItems: 1 })),
    uplassertBeloep: Kroner('Den delen av innbetalingen som ikke er plassert på noe krav.'),
    mottakersKontonummer: Type.Optional(MottakersKontonummer),
    innbetaltFra: Avsender,
    innbetalingstype: Type.String({ examples: ['bankoverføring', 'Innbetalt OCR'] }),
  },
  { title: 'Innbetaling', description: 'En innbetaling Skatteetaten har mottatt.' },
);
export type Innbetaling = Static<typeof Innbetaling>;
