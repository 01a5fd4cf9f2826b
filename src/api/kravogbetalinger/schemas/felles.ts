import Type, { type Static } from 'typebox';
import { Dato } from '../../schema-types.js';

/**
 * The small objects shared by claims, payments and payouts (spec §4.3, §4.4, §4.9).
 *
 * Every object schema carries a `title`: the OpenAPI document hoists titled schemas into named
 * components, so generated clients get the object names of Skatteetaten's OpenAPI 1.1.1
 * (decision 0152; the generated models in TheTechArch/altinn-systemuser,
 * `src/SystemUserClientSystem/SuperSystem/SuperSystem.Server/Models/KravOgBetalinger/`). Objects stay open (no
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

export const MultiSpraakTekst = Type.Object(
  {
    spraakTekst: Type.Array(SpraakTekst, {
      minItems: 1,
      description: 'Språkvarianter; velg foretrukket språk og falle tilbake til den første.',
    }),
  },
  { title: 'MultiSpraakTekst', description: 'Samme tekst på ett eller flere språk.' },
);
export type MultiSpraakTekst = Static<typeof MultiSpraakTekst>;

export const Kravperiode = Type.Object(
  {
    periodeBeskrivelse: MultiSpraakTekst,
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

export const Bankkonto = Type.Object(
  {
    kontoeiersNavn: Type.Optional(Type.String()),
    bankinformasjon: Type.Optional(Type.String({ description: 'Bankens navn og adresse.' })),
    kontonummer: Type.Optional(Type.String({ description: '11 sifre; kan være maskert (`******43210`, `627xxxxxx`).' })),
    iban: Type.Optional(Type.String({ examples: ['NO5876940518888'] })),
    swiftBIC: Type.Optional(Type.String({ examples: ['DNBANOKK'] })),
  },
  { title: 'Bankkonto' },
);
export type Bankkonto = Static<typeof Bankkonto>;

/** A postal address as published (`AdresseFrittFormat`). */
export const AdresseFrittFormat = Type.Object(
  {
    adressetekst: Type.Array(Type.String(), { minItems: 1, description: 'Linjene før postnummer og poststed.' }),
    poststedsnavn: Type.String({ examples: ['OSLO'] }),
    postnummer: Type.String({ examples: ['0150'] }),
    landkode: Type.String({ description: 'ISO 3166-1 alfa-2.', examples: ['NO'] }),
  },
  { title: 'AdresseFrittFormat' },
);
export type AdresseFrittFormat = Static<typeof AdresseFrittFormat>;

/** Who a cheque or payout card was sent to (published casing: `mottakersAddresse`). */
export const Mottaker = Type.Object(
  {
    mottakersNavn: Type.String(),
    mottakersAddresse: AdresseFrittFormat,
  },
  { title: 'Mottaker', description: 'Navn og adresse en sjekk eller et utbetalingskort ble sendt til.' },
);
export type Mottaker = Static<typeof Mottaker>;

/**
 * One published object for three uses: how a due item is paid (`betalingsinformasjon`: KID
 * and/or account, `{}` for a credit), who paid (`innbetaltFra`) and where a payout went
 * (`betaltTil`). The mapping fills what each use has; empty fields are left out.
 */
export const Betalingsinformasjon = Type.Object(
  {
    kidnummer: Type.Optional(Type.String()),
    meldingSendtTilMottaker: Type.Optional(Type.String({ description: 'Betalers melding eller KID slik betaler oppga den; for en utbetaling meldingen til mottakeren.' })),
    konto: Type.Optional(Bankkonto),
    sjekkSendtTil: Type.Optional(Mottaker),
    utbetalingskortSendtTil: Type.Optional(Mottaker),
    valutakode: Type.Optional(Type.String({ examples: ['NOK'] })),
  },
  {
    title: 'Betalingsinformasjon',
    description:
      'Betalingsinformasjon: hvordan et kravforfall betales (KID, konto; tom for kreditkrav), hvem som betalte, eller hvor en utbetaling gikk: ' +
      'til en konto, eller uten konto som sjekk (virksomhet) eller utbetalingskort (person) i posten.',
  },
);
export type Betalingsinformasjon = Static<typeof Betalingsinformasjon>;

export const Periode = Type.Object(
  {
    fraOgMed: Dato,
    tilOgMed: Dato,
  },
  { title: 'Periode', description: 'Perioden som faktisk ble brukt (begge dager med).' },
);
export type Periode = Static<typeof Periode>;
