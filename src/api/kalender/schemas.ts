import Type, { type Static } from 'typebox';
import { produktomraader } from '../../domain/deadlines/index.js';
import { limits } from '../../domain/limits.js';
import { Dato } from '../schema-types.js';

/**
 * The Kalendertjeneste's objects, with the published names and element order of
 * `no.skatteetaten.innkreving.deling.kalendertjeneste.v1` (JSON Schema draft-06 and XSD,
 * domain-rules §5.3–5.5). Stricter than published where the spec's code lists are closed
 * (status, frist type) and where identifiers have check digits; everything we write validates
 * against both published schemas (tested with ajv and xmllint).
 */
export const kalendertjenesteNamespace = 'no:skatteetaten:innkreving:deling:kalendertjeneste:v1';

const Tekst = (description: string, examples: string[]) => Type.String({ maxLength: limits.textLengthMax, description, examples });

/** Exactly one of the two (JSON `oneOf`, XSD `choice`). */
export const NorskIdentifikator = Type.Object(
  {
    foedselsnummer: Type.Optional(Type.String({ format: 'foedselsnummer', description: 'Fødselsnummer eller D-nummer, 11 sifre.', examples: ['02013299997'] })),
    organisasjonsnummer: Type.Optional(Type.String({ format: 'organisasjonsnummer', description: 'Organisasjonsnummer, 9 sifre.', examples: ['313367002'] })),
  },
  { title: 'NorskIdentifikator', additionalProperties: false, minProperties: 1, maxProperties: 1 },
);
export type NorskIdentifikator = Static<typeof NorskIdentifikator>;

/** Published as `Periode`; titled apart from Krav og betalinger's `Periode` in the OpenAPI document. */
export const KalenderPeriode = Type.Object(
  {
    fraOgMed: Type.String({ format: 'date', description: 'Første dag (ÅÅÅÅ-MM-DD).', examples: ['2026-01-01'] }),
    tilOgMed: Type.Optional(
      Type.String({ format: 'date', description: 'Siste dag. Standard: dagens dato, eller fraOgMed + 12 måneder når fraOgMed er fram i tid.', examples: ['2026-12-31'] }),
    ),
  },
  { title: 'KalenderPeriode' },
);

export const KalenderRequest = Type.Object(
  {
    part: Type.Array(NorskIdentifikator, { minItems: 1, maxItems: limits.calendarPartiesMax, description: `1–${limits.calendarPartiesMax} parter.` }),
    periode: Type.Optional(KalenderPeriode),
  },
  { title: 'KalenderRequest', xml: { name: 'kalenderRequest', namespace: kalendertjenesteNamespace } },
);
export type KalenderRequest = Static<typeof KalenderRequest>;

/** The JSON body: the published schema's root object, `{"kalenderRequest": {…}}`. */
export const KalenderRequestDokument = Type.Object({ kalenderRequest: KalenderRequest }, { title: 'KalenderRequestDokument' });
export type KalenderRequestDokument = Static<typeof KalenderRequestDokument>;

export const Frist = Type.Object(
  {
    fristType: Type.Enum(['leveringsfrist', 'innhentingsfrist', 'betalingsfrist', 'klagefrist'], { description: 'FristType (UML-kodeliste).' }),
    frist: Dato,
  },
  { title: 'Frist' },
);

export const Oppgave = Type.Object(
  {
    myndighet: Tekst('Myndigheten oppgaven gjelder.', ['Skatteetaten']),
    produktomraade: Type.Enum([...produktomraader], { description: 'Forretningsområde (kodelisten er ikke publisert; decision 0012).' }),
    oppgaveType: Type.Enum(['betalingskrav', 'rapporteringskrav', 'dokumentasjonskrav', 'registreringskrav']),
    oppgaveBeskrivelse: Tekst('Hva som skal gjøres.', ['Lever mva-melding for 3. termin 2026']),
    frist: Frist,
    oppgavestatus: Type.Enum(['ikkeStartet', 'pågående', 'fullført', 'forfalt'], { description: 'Oppgavestatus (decision 0011).' }),
  },
  { title: 'Oppgave', description: 'Kolleksjon av forskjellige typer krav som parten må fullføre.' },
);
export type Oppgave = Static<typeof Oppgave>;

export const Part = Type.Object(
  {
    part: NorskIdentifikator,
    oppgave: Type.Optional(Type.Array(Oppgave, { description: 'Oppgavene i perioden, sortert etter frist; utelatt når det ikke er noen.' })),
  },
  { title: 'Part' },
);

export const Kalender = Type.Object(
  {
    hentetDato: Type.String({ format: 'date-time', description: 'Når kalenderen ble hentet (ISO 8601).', examples: ['2026-06-20T09:30:47Z'] }),
    part: Type.Array(Part, { minItems: 1, description: 'Én per part i forespørselen, i samme rekkefølge.' }),
  },
  { title: 'Kalender', xml: { name: 'kalender', namespace: kalendertjenesteNamespace } },
);
export type Kalender = Static<typeof Kalender>;

/** The JSON answer: the published schema's root object, `{"kalender": {…}}`. */
export const KalenderDokument = Type.Object({ kalender: Kalender }, { title: 'KalenderDokument' });

/* iCalendar subscriptions (our addition; JSON only). */

const uuidPattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

export const AbonnementParams = Type.Object({
  partIdentifikator: Type.String({
    format: 'partidentifikator',
    pattern: '^[0-9]{9}([0-9]{2})?$',
    description: 'Organisasjonsnummer eller fødselsnummer/D-nummer med gyldige kontrollsifre.',
    examples: ['313367002'],
  }),
});
export const AbonnementIdParams = Type.Object({
  ...AbonnementParams.properties,
  abonnementId: Type.String({ pattern: uuidPattern, description: 'Abonnementets id (UUID).' }),
});

const Tidspunkt = (description: string) => Type.String({ format: 'date-time', description, examples: ['2026-06-20T09:30:47Z'] });

export const NyttAbonnement = Type.Object(
  {
    abonnementId: Type.String({ description: 'Brukes for å tilbakekalle abonnementet.' }),
    partIdentifikator: Type.String(),
    url: Type.String({ description: 'Den private adressen kalenderappen abonnerer på. Vises bare nå; tjenesten lagrer den ikke.' }),
    opprettet: Tidspunkt('Når abonnementet ble laget.'),
    opprettetAv: Type.String({ description: 'Hvem som laget det.' }),
  },
  { title: 'NyttKalenderabonnement' },
);

export const Abonnement = Type.Object(
  {
    abonnementId: Type.String(),
    opprettet: Tidspunkt('Når abonnementet ble laget.'),
    opprettetAv: Type.String(),
    tilbakekalt: Type.Optional(Tidspunkt('Når det ble tilbakekalt eller avsluttet med tilgangen sin; utelatt for et aktivt abonnement.')),
    tilbakekaltAv: Type.Optional(Type.String({ description: 'Hvem som tilbakekalte det, eller hvorfor det ble avsluttet.' })),
  },
  { title: 'Kalenderabonnement' },
);

export const Abonnementer = Type.Object(
  { partIdentifikator: Type.String(), abonnement: Type.Array(Abonnement, { description: 'Nyeste først.' }) },
  { title: 'Kalenderabonnementer' },
);
