import Type, { type Static } from 'typebox';
import { Dato, Kroner } from '../../schema-types.js';
import { Betalingsinformasjon, Kravperiode, MultiSpraakTekst } from './felles.js';
import { MotregningAvKreditkrav } from './motregning.js';

/**
 * A claim and its due items (spec §4.2–§4.6). Property order is the order of the published
 * bodies; the serializer writes in this order. Note the published casing, kept on purpose:
 * `innbetalingsIdentifikator` here vs `innbetalingsidentifikator` in `Innbetaling`, and
 * `utbetaltDato` here vs `utbetaltdato` in `Utbetaling`.
 */

export const InnbetalingPlassertMotKrav = Type.Object(
  {
    innbetalingsIdentifikator: Type.String({ examples: ['85214061'] }),
    plassertBeloep: Kroner('Del av innbetalingen plassert på dette forfallet.'),
    plassertDato: Dato,
    innbetalingsdato: Dato,
    innbetaltBeloep: Kroner('Hele innbetalingen, ikke bare den plasserte delen.'),
    innbetaltFra: Betalingsinformasjon,
    innbetalingstype: Type.String({ examples: ['Bankoverføring', 'Innbetalt OCR'] }),
  },
  { title: 'InnbetalingPlassertMotKrav', description: 'En innbetaling plassert på et kravforfall.' },
);
export type InnbetalingPlassertMotKrav = Static<typeof InnbetalingPlassertMotKrav>;

export const KravPlassertMotKrav = Type.Object(
  {
    kravforfallsIdentifikator: Type.String({ description: 'Forfallet til motkravet.', examples: ['FORF-91396163'] }),
    plassertBeloep: Kroner(),
    kravtype: Type.String({ examples: ['Fors.rente kredit'] }),
    plassertDato: Dato,
    kravbeskrivelse: MultiSpraakTekst,
    forfallsdato: Dato,
    kravperiode: Kravperiode,
  },
  { title: 'KravPlassertMotKrav', description: 'Et motkrav som er motregnet mot dette kravforfallet; vises på begge sider.' },
);
export type KravPlassertMotKrav = Static<typeof KravPlassertMotKrav>;

export const UtbetalingPlassertMotKrav = Type.Object(
  {
    utbetalingsidentifikator: Type.String({ examples: ['74423415'] }),
    utbetaltBeloep: Kroner(),
    utbetaltDato: Dato,
    betaltTil: Betalingsinformasjon,
    plassertBeloep: Kroner(),
    plassertDato: Dato,
  },
  { title: 'UtbetalingPlassertMotKrav', description: 'En utbetaling som har gjort opp dette (kreditt-)forfallet.' },
);
export type UtbetalingPlassertMotKrav = Static<typeof UtbetalingPlassertMotKrav>;

export const Kravforfall = Type.Object(
  {
    kravforfallsIdentifikator: Type.String({ examples: ['364362589'] }),
    forfallsdato: Dato,
    opprinneligBeloep: Kroner(),
    gjenstaaendeBeloep: Kroner(),
    betalingsinformasjon: Betalingsinformasjon,
    plassertInnbetaling: Type.Optional(Type.Array(InnbetalingPlassertMotKrav, { minItems: 1 })),
    plassertMotkrav: Type.Optional(Type.Array(KravPlassertMotKrav, { minItems: 1 })),
    plassertUtbetaling: Type.Optional(Type.Array(UtbetalingPlassertMotKrav, { minItems: 1 })),
    utsattIverksettelse: Type.Optional(
      Type.Boolean({
        description: 'Sann når innkrevingen av forfallet er utsatt på dagens dato: betalingsutsettelse, eller stilt i bero mens en klage behandles. Utelatt ellers.',
      }),
    ),
  },
  { title: 'Kravforfall', description: 'Ett forfall (én termin) av et krav.' },
);
export type Kravforfall = Static<typeof Kravforfall>;

export const Fastsettingsmaate = Type.Enum(['blank', 'egenfastsatt', 'myndighetsfastsatt'], {
  title: 'Fastsettingsmaate',
  description: 'Hvordan beløpet er fastsatt; `blank` når det ikke er relevant.',
});

export const Krav = Type.Object(
  {
    partIdentifikator: Type.String({
      description: 'Parten kravet tilhører; for et enkeltpersonforetak kan det være innehaverens fødselsnummer.',
      examples: ['212201782'],
    }),
    kravidentifikator: Type.String({ examples: ['KRAV-33712709'] }),
    kravtype: Type.String({ examples: ['RESTSKATT', 'UTSKR_FORSKSKATT'] }),
    opprinneligBeloep: Kroner('Summen av forfallenes opprinnelige beløp; negativt for kreditkrav.'),
    gjenstaaendeBeloep: Kroner('Det som ikke er dekket av innbetalinger eller motregning.'),
    kravforfall: Type.Array(Kravforfall, { minItems: 1 }),
    stipulerteRenter: Type.Optional(Kroner('Beregnet forsinkelsesrente per dagens dato; mangler = 0.')),
    kravbeskrivelse: MultiSpraakTekst,
    kravperiode: Kravperiode,
    opprettelsesdatoForKrav: Dato,
    kravgruppe: Type.String({ examples: ['Skatt', 'Merverdiavgift', 'Arbeidsgiveravgift', 'Forskuddstrekk'] }),
    hovedstolKravidentifikator: Type.Optional(Type.String({ description: 'For rentekrav: kravet renten er beregnet av.' })),
    fastsettingsmaate: Type.Optional(Fastsettingsmaate),
    motregningAvKreditkrav: Type.Optional(MotregningAvKreditkrav),
  },
  { title: 'Krav', description: 'Et krav (debet) eller kreditkrav (negative beløp) med sine forfall.' },
);
export type Krav = Static<typeof Krav>;
