import { errorResponses, korrelasjonsidHeaderDoc, type DocumentedCatalogue } from '../openapi-errors.js';
import { xmlWriter } from '../xml.js';
import { kalErrors, kalenderErrors, type KalenderErrorCode } from './errors.js';
import { Abonnementer, Kalender, KalenderDokument, NyttAbonnement, type Kalender as KalenderBody } from './schemas.js';

/**
 * The OpenAPI side of the Kalendertjeneste's routes: the request and answer in JSON and XML
 * with an example each, and one error response per status with a sample body per code.
 */
const scope = 'skatteetaten:kalender';
const tags = ['Kalendertjeneste'];
const security = [{ maskinporten: [scope] }];

const documentedErrors: DocumentedCatalogue<KalenderErrorCode> = {
  entries: kalenderErrors.entries,
  formats: ['json', 'xml'],
  samples: {
    'KAL-001': kalErrors.internal(),
    'KAL-002': kalErrors.backend(),
    'KAL-003': kalErrors.unknownPath('GET', '/api/innkreving/kalendertjeneste/v1/frister', 'POST /api/innkreving/kalendertjeneste/v1/frister'),
    'KAL-004': kalErrors.authentication('Tilgangstokenet mangler. Send et Maskinporten-token i Authorization: Bearer.'),
    'KAL-005': kalErrors.authorization(
      [{ partIdentifikator: '311851381', reason: 'systembrukeren har ikke tilgang til 311851381 (PDP: NotApplicable)', mechanism: 'regnskapssystem' }],
      1,
    ),
    'KAL-006': kalErrors.invalidInput('part nr. 1: organisasjonsnummer (313367003) er ikke et gyldig organisasjonsnummer: kontrollsifferet stemmer ikke.'),
    'KAL-008': kalErrors.notAcceptable('text/html', 'application/json eller application/xml'),
    'KAL-009': kalErrors.unknownParties(['313367002']),
    'KAL-010': kalErrors.tooLarge(65536),
    'KAL-011': kalErrors.unsupportedMediaType('text/plain'),
  },
};
const jsonOnlyErrors: DocumentedCatalogue<KalenderErrorCode> = { ...documentedErrors, formats: ['json'] };

const example: KalenderBody = {
  hentetDato: '2026-06-20T09:30:47Z',
  part: [
    {
      part: { organisasjonsnummer: '313367002' },
      oppgave: [
        {
          myndighet: 'Skatteetaten',
          produktomraade: 'MVA',
          oppgaveType: 'rapporteringskrav',
          oppgaveBeskrivelse: 'Lever mva-melding for 3. termin 2026',
          frist: { fristType: 'leveringsfrist', frist: '2026-08-31' },
          oppgavestatus: 'ikkeStartet',
        },
        {
          myndighet: 'Skatteetaten',
          produktomraade: 'MVA',
          oppgaveType: 'betalingskrav',
          oppgaveBeskrivelse: 'Betal merverdiavgift for 3. termin 2026',
          frist: { fristType: 'betalingsfrist', frist: '2026-08-31' },
          oppgavestatus: 'ikkeStartet',
        },
      ],
    },
  ],
};

export const fristerDocs = {
  summary: 'Frister og oppgaver for én eller flere parter',
  description:
    'Svarer med fristene partene har i perioden: rapportering og betaling etter registreringene (mva, arbeidsgiver, ' +
    'forskuddsskatt, skattemelding) og betalingsfristene for åpne krav i reskontroen, hver med status. JSON inn gir JSON ' +
    'ut, XML inn gir XML ut (Accept kan be om det andre). Eksemplenes former godtas også: `part` som objekt, ' +
    'organisasjonsnummer som tall, `n1:`-prefiks på nøklene, og objektet uten `kalenderRequest`-rot. Uten `periode`: ' +
    'fra i dag og tolv måneder fram.',
  tags,
  security,
  consumes: ['application/json', 'application/xml'],
  response: {
    200: {
      description: 'Kalenderen, én `part` per part i forespørselen.',
      headers: korrelasjonsidHeaderDoc,
      content: {
        'application/json': { schema: KalenderDokument, examples: { eksempel: { value: { kalender: example } } } },
        'application/xml': { schema: Kalender, examples: { eksempel: { value: xmlWriter(Kalender)(example) } } },
      },
    },
    ...errorResponses(documentedErrors, ['KAL-001', 'KAL-002', 'KAL-003', 'KAL-004', 'KAL-005', 'KAL-006', 'KAL-008', 'KAL-009', 'KAL-010', 'KAL-011']),
  },
};

const abonnementErrors = ['KAL-001', 'KAL-003', 'KAL-004', 'KAL-005', 'KAL-006', 'KAL-008', 'KAL-009'] as const;

export const abonnementDocs = {
  create: {
    summary: 'Lag et privat kalenderabonnement (iCalendar) for parten',
    description:
      'Gir en hemmelig adresse `/kalender/{token}.ics` som kalenderapper abonnerer på. Adressen vises bare i dette svaret. ' +
      'Abonnementet varer til det tilbakekalles eller tilgangen det lages med (systembrukeren, klientdelegeringen eller samtykket) tas bort eller utløper; ' +
      'da svarer adressen 410 Gone. Et samtykke som bare en ekstern Maskinporten kjenner, kan ikke sjekkes igjen og gir ikke abonnement (KAL-005).',
    tags,
    security,
    response: {
      201: { description: 'Abonnementet.', headers: korrelasjonsidHeaderDoc, content: { 'application/json': { schema: NyttAbonnement } } },
      ...errorResponses(jsonOnlyErrors, abonnementErrors),
    },
  },
  list: {
    summary: 'Partens kalenderabonnementer',
    description: 'Alle abonnementer, også tilbakekalte og de som ble avsluttet med tilgangen sin, nyeste først. Adressene vises ikke (bare hashen er lagret).',
    tags,
    security,
    response: {
      200: { description: 'Abonnementene.', headers: korrelasjonsidHeaderDoc, content: { 'application/json': { schema: Abonnementer } } },
      ...errorResponses(jsonOnlyErrors, abonnementErrors),
    },
  },
  revoke: {
    summary: 'Tilbakekall et kalenderabonnement',
    description: 'Adressen slutter å virke med en gang. Å tilbakekalle et tilbakekalt abonnement er ingen feil.',
    tags,
    security,
    response: {
      204: { description: 'Tilbakekalt.', headers: korrelasjonsidHeaderDoc, type: 'null' },
      ...errorResponses(jsonOnlyErrors, abonnementErrors),
    },
  },
};
