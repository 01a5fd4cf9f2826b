import Type, { type Static } from 'typebox';
import { Dato, Kroner } from '../../schema-types.js';
import { Betalingsinformasjon, Kravperiode, MultiSpraakTekst } from './felles.js';

/**
 * A payout and the credit claims it paid out (spec §4.8). Published casing kept: `utbetaltdato`
 * (lower-case d, unlike `UtbetalingPlassertMotKrav`) and `kravforfallidentifikator` (all lower-case).
 */

export const KreditKrav = Type.Object(
  {
    kravforfallidentifikator: Type.String({ examples: ['6412123'] }),
    opprinneligBeloep: Kroner('Opprinnelig kreditbeløp (negativt).'),
    gjenstaaendeBeloep: Kroner('Det som ennå ikke er utbetalt.'),
    utbetaltBeloep: Kroner('Det som ble utbetalt av dette kreditkravet i denne utbetalingen (positivt).'),
    kravbeskrivelse: MultiSpraakTekst,
    kravtype: Type.String({ examples: ['RESTERENDE_SKT_TILB'] }),
    kravperiode: Kravperiode,
  },
  { title: 'KreditKrav', description: 'Et kreditkrav som (delvis) er utbetalt.' },
);
export type KreditKrav = Static<typeof KreditKrav>;

export const InnbetalingPlassertMotUtbetaling = Type.Object(
  {
    innbetalingsIdentifikator: Type.String({ examples: ['84000007'] }),
    innbetalingstype: Type.String({ examples: ['Bankoverføring'] }),
    innbetalingsdato: Dato,
    innbetaltBeloep: Kroner('Hele innbetalingen (negativt).'),
    innbetaltFra: Betalingsinformasjon,
    utbetaltBeloep: Kroner('Det som ble betalt tilbake av innbetalingen i denne utbetalingen (positivt).'),
  },
  { title: 'InnbetalingPlassertMotUtbetaling', description: 'En innbetaling som (delvis) ble betalt tilbake i utbetalingen.' },
);

export const GrunnlagForUtbetaling = Type.Object(
  {
    kreditKrav: Type.Array(KreditKrav, { minItems: 1 }),
    tilbakebetalingAv: Type.Optional(Type.Array(InnbetalingPlassertMotUtbetaling, { minItems: 1 })),
  },
  { title: 'GrunnlagForUtbetaling', description: 'Kreditkravene utbetalingen gjorde opp, og innbetalingene den betalte tilbake.' },
);
export type GrunnlagForUtbetaling = Static<typeof GrunnlagForUtbetaling>;

export const Utbetalingstatus = Type.Enum(['bekreftet', 'underUtbetaling'], {
  title: 'Utbetalingstatus',
  description: '`bekreftet` når banken har bekreftet utbetalingen, `underUtbetaling` før det.',
});
export type Utbetalingstatus = Static<typeof Utbetalingstatus>;

export const Utbetaling = Type.Object(
  {
    partIdentifikator: Type.String({ examples: ['312438623'] }),
    utbetalingsidentifikator: Type.String({ examples: ['147654'] }),
    utbetaltdato: Dato,
    utbetaltBeloep: Kroner('Utbetalt beløp (positivt); summen over kreditkravene.'),
    betaltTil: Betalingsinformasjon,
    grunnlagForUtbetaling: GrunnlagForUtbetaling,
    utbetalingstatus: Utbetalingstatus,
  },
  { title: 'Utbetaling', description: 'En utbetaling fra Skatteetaten til parten.' },
);
export type Utbetaling = Static<typeof Utbetaling>;
