import Type, { type Static } from 'typebox';
import { Dato } from '../../schema-types.js';

/**
 * The small objects shared by claims, payments and payouts (spec §4.3, §4.4, §4.9).
 *
 * Every object schema carries a `title`: the OpenAPI document hoists titled schemas into named
 * components, so generated clients get the published object names. Objects stay open (no
 * `additionalProperties: false`) because clients must tolerate fields Skatteetaten adds; what
 * we send is bounded by the serializer, which writes only the properties listed here.
 */

export const SpraakTekst = Type.Object(
  {
    tekst: Type.String({ examples: ['Restskatt'] }),
    spraak: Type.String({ description: 'Språkkode; bare `nb` er sett.', examples: ['nb'] }),
  },
  { title: 'SpraakTekst' },
);
export type SpraakTekst = Static<typeof SpraakTekst>;

export const Tekst = Type.Object(
  {
    spraakTekst: Type.Array(SpraakTekst, {
      minItems: 1,
      description: 'Språkvarianter; velg foretrukket språk og falle tilbake til den første.',
    }),
  },
  { title: 'Tekst' },
);
export type Tekst = Static<typeof Tekst>;

export const Kravperiode = Type.Object(
  {
    periodeBeskrivelse: Tekst,
    aar: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', examples: ['2022'] })),
    fraDato: Type.Optional(Dato),
    tilDato: Type.Optional(Dato),
    terminTekniskNavn: Type.Optional(
      Type.String({ description: 'Teknisk terminnummer: `01`–`06` for mva, `1`–`6` for arbeidsgiveravgift og forskuddstrekk.', examples: ['05'] }),
    ),
  },
  { title: 'Kravperiode', description: 'Perioden (termin, inntektsår) kravet gjelder.' },
);
export type Kravperiode = Static<typeof Kravperiode>;

export const Konto = Type.Object(
  {
    kontoeiersNavn: Type.Optional(Type.String()),
    bankinformasjon: Type.Optional(Type.String({ description: 'Bankens navn og adresse.' })),
    kontonummer: Type.Optional(Type.String({ description: '11 sifre; kan være maskert (`******43210`, `627xxxxxx`).' })),
    iban: Type.Optional(Type.String({ examples: ['NO5876940518888'] })),
    swiftBIC: Type.Optional(Type.String({ examples: ['DNBANOKK'] })),
  },
  { title: 'Konto' },
);
export type Konto = Static<typeof Konto>;

export const Betalingsinformasjon = Type.Object(
  {
    kidnummer: Type.Optional(Type.String()),
    konto: Type.Optional(Konto),
  },
  { title: 'Betalingsinformasjon', description: 'Hvordan kravet betales: KID og/eller konto. Tom (`{}`) for kreditkrav.' },
);
export type Betalingsinformasjon = Static<typeof Betalingsinformasjon>;

export const Avsender = Type.Object(
  {
    kidnummer: Type.Optional(Type.String()),
    meldingSendtTilMottaker: Type.Optional(Type.String({ description: 'Betalers melding eller KID slik betaler oppga den.' })),
    konto: Type.Optional(Konto),
    valutakode: Type.Optional(Type.String({ examples: ['NOK'] })),
  },
  { title: 'Avsender', description: 'Den som betalte.' },
);
export type Avsender = Static<typeof Avsender>;

export const Mottaker = Type.Object(
  {
    meldingSendtTilMottaker: Type.Optional(Type.String({ examples: ['Tilgode skatt 2023'] })),
    konto: Type.Optional(Konto),
    valutakode: Type.Optional(Type.String({ examples: ['NOK'] })),
  },
  { title: 'Mottaker', description: 'Kontoen en utbetaling gikk til.' },
);
export type Mottaker = Static<typeof Mottaker>;

export const Periode = Type.Object(
  {
    fraOgMed: Dato,
    tilOgMed: Dato,
  },
  { title: 'Periode', description: 'Perioden som faktisk ble brukt (begge dager med).' },
);
export type Periode = Static<typeof Periode>;
