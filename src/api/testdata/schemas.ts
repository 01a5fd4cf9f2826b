import Type, { type Static } from 'typebox';
import { limits } from '../../domain/limits.js';
import { Dato, Kroner } from '../schema-types.js';

/**
 * The bodies of the sandbox's test-support API (decision 0176): validated at the edge with these
 * schemas and limits, answered in the shapes below. Amounts are kroner numbers with at most two
 * decimals, as in the published API.
 */

const PartIdentifikator = Type.String({
  format: 'partidentifikator',
  pattern: '^[0-9]{9}([0-9]{2})?$',
  description: 'Organisasjonsnummer (9 sifre) eller fødselsnummer (11 sifre) med gyldige kontrollsifre.',
  examples: ['380123453'],
});
const Tekst = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, description });
const beloepMaxKroner = limits.beloepOereMax / 100;
const Beloep = (description: string) => Type.Number({ format: 'kroner', minimum: -beloepMaxKroner, maximum: beloepMaxKroner, description, examples: [12500.5] });
const Kid = Type.String({ pattern: '^[0-9]{1,24}[0-9-]$', description: 'KID: 2–25 sifre (det siste kan være `-`).', examples: ['2500000019'] });

export const NyVirksomhet = Type.Object(
  {
    organisasjonsform: Type.Enum(['ENK', 'AS'], { description: '`ENK` (med innehaver) eller `AS` (med daglig leder og styreleder).' }),
    navn: Type.Optional(Tekst(100, 'Navnet; standard er et syntetisk navn.')),
    mvaTermintype: Type.Optional(Type.Enum(['tomaaneders', 'aarlig', 'primaernaering'], { description: 'Mva-registrert med denne termintypen; utelatt er ikke mva-registrert.' })),
    systembruker: Type.Optional(Type.Boolean({ description: 'Gi systemet klienten din hører til en godkjent systembruker for virksomheten.' })),
  },
  { title: 'TestdataNyVirksomhet', additionalProperties: false },
);
export type NyVirksomhet = Static<typeof NyVirksomhet>;

export const Virksomhet = Type.Object(
  {
    organisasjonsnummer: Type.String(),
    navn: Type.String(),
    personer: Type.Array(
      Type.Object({
        foedselsnummer: Type.String({ description: 'Kan logge inn på Min side i sandkassen.' }),
        navn: Type.String(),
        rolle: Type.Enum(['innehaver', 'daglig_leder', 'styreleder']),
      }),
    ),
    systembruker: Type.Optional(Type.Object({ systemId: Type.String(), systembrukerId: Type.String() })),
  },
  { title: 'TestdataVirksomhet' },
);
export type Virksomhet = Static<typeof Virksomhet>;

export const NyttKrav = Type.Object(
  {
    partIdentifikator: PartIdentifikator,
    kravtype: Type.String({ minLength: 1, maxLength: 100, description: 'Kravtypen slik API-et viser den (`ARBGAVG`, `RESTSKATT`, …) eller kodelistens navn (`arbeidsgiveravgift`).', examples: ['ARBGAVG'] }),
    beloep: Beloep('Positivt for gjeld, negativt for et tilgodehavende.'),
    forfallsdato: Dato,
    periode: Type.Optional(
      Type.Object(
        {
          aar: Type.Optional(Type.Integer({ minimum: limits.portalAarMin, maximum: limits.portalAarMax, description: 'Standard: året forfallsdatoen er i.' })),
          beskrivelse: Type.Optional(Tekst(100, 'Standard: «Termin» med termin, ellers «Inntektsår».')),
          termin: Type.Optional(Type.String({ pattern: '^[0-9A-Za-zÆØÅæøå -]{1,20}$', description: 'F.eks. `01`.' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { title: 'TestdataNyttKrav', additionalProperties: false },
);
export type NyttKrav = Static<typeof NyttKrav>;

export const Krav = Type.Object(
  {
    kravidentifikator: Type.String(),
    kravtype: Type.String({ description: 'Slik API-et viser den.' }),
    beloep: Kroner(),
    forfallsdato: Dato,
    kidnummer: Type.Optional(Type.String({ description: 'KID-en å betale kravet med (ikke for et tilgodehavende).' })),
    kontonummer: Type.String({ description: 'Skatteetatens konto kravet betales til.' }),
  },
  { title: 'TestdataKrav' },
);

export const NyInnbetaling = Type.Object(
  {
    kidnummer: Type.Optional(Kid),
    partIdentifikator: Type.Optional(PartIdentifikator),
    beloep: Type.Number({ format: 'kroner', exclusiveMinimum: 0, maximum: beloepMaxKroner, description: 'Positivt.', examples: [12500.5] }),
    dato: Type.Optional({ ...Dato, description: 'Innbetalingsdatoen; standard forretningsdatoen, aldri etter den.' }),
    melding: Type.Optional(Tekst(140, 'Melding til mottaker (uten KID).')),
  },
  { title: 'TestdataNyInnbetaling', additionalProperties: false, description: 'Med kidnummer, partIdentifikator eller begge.' },
);
export type NyInnbetaling = Static<typeof NyInnbetaling>;

const Plassering = Type.Object({
  kravidentifikator: Type.String(),
  beskrivelse: Type.String(),
  forfallsdato: Dato,
  beloep: Kroner('Plassert på forfallet.'),
  gjenstaaende: Kroner('Gjenstår av forfallet etterpå.'),
});

export const Innbetaling = Type.Object(
  {
    innbetalingId: Type.Optional(Type.String({ description: 'Innbetalingen, bokført på parten.' })),
    uidentifisertId: Type.Optional(Type.String({ description: 'Uten part: beholdt som uidentifisert innbetaling til den tildeles en part.' })),
    partIdentifikator: Type.Optional(Type.String()),
    beloep: Kroner(),
    innbetalingsdato: Dato,
    plasseringer: Type.Array(Plassering),
    renter: Type.Array(Type.Object({ kravidentifikator: Type.String(), hovedstolKravidentifikator: Type.String(), beloep: Kroner() }), { description: 'Forsinkelsesrente bokført fordi innbetalingen dekket forfalte poster.' }),
    uplassert: Kroner('Det som ikke dekket noe; venter på neste krav eller refusjon.'),
  },
  { title: 'TestdataInnbetaling' },
);
export type Innbetaling = Static<typeof Innbetaling>;

export const Bankfilrapport = Type.Object(
  {
    filidentitet: Type.String({ description: 'Filens identitet fra banken: samme ved ny levering.' }),
    format: Type.Enum(['ocr-giro', 'camt.054.001.02', 'camt.054.001.08']),
    bokfoeringsdato: Dato,
    antallTransaksjoner: Type.Integer(),
    bokfoertBeloep: Kroner('Innbetalinger bokført: plassert + uplassert + uidentifisert.'),
    plassertBeloep: Kroner(),
    uplassertBeloep: Kroner(),
    uidentifisertBeloep: Kroner(),
    antallUtbetalingerBekreftet: Type.Integer(),
    antallUtbetalingerReturnert: Type.Integer(),
    antallAvvist: Type.Integer(),
    transaksjoner: Type.Array(
      Type.Object({
        identitet: Type.String(),
        sted: Type.String({ description: '`linje 3`, `Ntfctn[1]/Ntry[2]/TxDtls[1]`.' }),
        art: Type.Enum(['innbetaling', 'innbetalingTilbakefoert', 'utbetalingBekreftet', 'utbetalingReturnert']),
        beloep: Kroner(),
        kidnummer: Type.Optional(Type.String()),
        utfall: Type.Enum(['innbetaling', 'uidentifisert', 'utbetalingBekreftet', 'utbetalingReturnert', 'avvist']),
        partIdentifikator: Type.Optional(Type.String()),
        innbetalingId: Type.Optional(Type.String()),
        uidentifisertId: Type.Optional(Type.String()),
        utbetalingId: Type.Optional(Type.String()),
        plassert: Type.Optional(Kroner()),
        uplassert: Type.Optional(Kroner()),
        grunn: Type.Optional(Type.String({ description: 'Hvorfor transaksjonen er avvist.' })),
      }),
    ),
  },
  { title: 'TestdataBankfilrapport' },
);
export type Bankfilrapport = Static<typeof Bankfilrapport>;

export const Oppgjoer = Type.Object(
  {
    dato: Type.Optional({ ...Dato, description: 'Kjøringens dato; standard forretningsdatoen.' }),
    refunderUplassert: Type.Optional(Type.Boolean({ description: 'Refunder uplasserte innbetalinger til registrert konto.' })),
  },
  { title: 'TestdataOppgjoer', additionalProperties: false },
);
export type Oppgjoer = Static<typeof Oppgjoer>;

export const Oppgjoersrapport = Type.Object(
  {
    dato: Dato,
    antallSkyldnergrupper: Type.Integer(),
    motregnet: Kroner('Tilgodehavender motregnet mot forfalt gjeld.'),
    utbetalinger: Type.Array(
      Type.Object({
        utbetalingId: Type.String(),
        partIdentifikator: Type.String(),
        beloep: Kroner(),
        konto: Type.String(),
        melding: Type.String(),
        utbetalingstatus: Type.String({ description: '`underUtbetaling` til bankens camt.054 bekrefter eller returnerer den.' }),
      }),
    ),
    ikkeUtbetalt: Type.Array(Type.Object({ partIdentifikator: Type.String(), beloep: Kroner(), grunn: Type.Enum(['ingenUtbetalingskonto', 'underMinstebeloep']) })),
  },
  { title: 'TestdataOppgjoersrapport' },
);

export const UtbetalingsfilQuery = Type.Object({ dato: Dato }, { additionalProperties: false });
export type UtbetalingsfilQuery = Static<typeof UtbetalingsfilQuery>;

export const Uidentifiserte = Type.Object(
  {
    uidentifiserte: Type.Array(
      Type.Object({
        uidentifisertId: Type.String(),
        beloep: Kroner(),
        innbetalingsdato: Dato,
        bokfoeringsdato: Dato,
        kidnummer: Type.Optional(Type.String()),
        melding: Type.Optional(Type.String()),
        betalerNavn: Type.Optional(Type.String()),
        betalerKonto: Type.Optional(Type.String()),
        mottakerkonto: Type.String(),
      }),
      { description: `De eldste først, høyst ${limits.uidentifiserteSideMax}.` },
    ),
  },
  { title: 'TestdataUidentifiserte' },
);

export const UidentifisertParams = Type.Object({ uidentifisertId: Type.String({ pattern: '^[0-9]{1,20}$' }) });
export type UidentifisertParams = Static<typeof UidentifisertParams>;

export const Tildeling = Type.Object({ partIdentifikator: PartIdentifikator }, { title: 'TestdataTildeling', additionalProperties: false });
export type Tildeling = Static<typeof Tildeling>;
