import Type, { type TSchema } from 'typebox';
import { errorResponses, korrelasjonsidHeaderDoc, type DocumentedCatalogue } from '../openapi-errors.js';
import { tdErrors, testdataErrors, type TestdataErrorCode } from './errors.js';

/**
 * The OpenAPI side of the test-support API: its own tag, the scope, the answer and the codes of
 * each route. Kept apart from the routes, which spread `routeDocs.<route>(schema)` into theirs.
 */
export const testdataTag = 'Testdata (sandkasse)';
export const testdataTagDescription =
  'Bare i sandkassen, med scope `kob:testdata` (demoleverandøren og demobanken har det): lag en syntetisk virksomhet, gi den krav, ' +
  'betal dem (én innbetaling, eller en bankfil slik banken sender den: Nets OCR giro eller camt.054), kjør den daglige ' +
  'oppgjørskjøringen og hent dagens utbetalingsfil (pain.001). Alt bokføres på forretningsdatoen; headeren `Kob-Forretningsdato` ' +
  'flytter den, her og i Krav og betalinger, Kalendertjenesten og Frister API. `Kob-Testscenario` gir en feil med vanlig feilkropp, ' +
  'eller et tregt svar (`TREG`). En `Idempotency-Key` gjør at et nytt forsøk ikke bokfører noe to ganger.';

const documentedErrors: DocumentedCatalogue<TestdataErrorCode> = {
  entries: testdataErrors.entries,
  formats: ['json'],
  samples: {
    'TD-001': tdErrors.internal(),
    'TD-003': tdErrors.unknownPath('GET', '/api/testdata/v1/krav'),
    'TD-004': tdErrors.authentication('tokenet mangler scope kob:testdata (har: skatteetaten:kravogbetalinger); be om det i grantet (missing scope)'),
    'TD-006': tdErrors.unreadableFile({ kode: 'sum-mismatch', linje: 10, melding: 'Sum beløp i sluttrecorden er 208000, men transaksjonene summerer til 207000.', message: '' }),
    'TD-007': tdErrors.noPayouts('2026-01-15'),
    'TD-009': tdErrors.unknown('Fant ingen uidentifisert innbetaling 86000042'),
    'TD-010': tdErrors.tooLarge(16_777_216),
    'TD-011': tdErrors.unsupportedMediaType('text/csv', 'text/plain (Nets OCR giro) eller application/xml (camt.054)'),
    'TD-012': tdErrors.conflict('Bokføringsdato 2026-01-10 er før siste bokføring 2026-01-15 for skyldnergruppen til 380123453'),
  },
};

const common: TestdataErrorCode[] = ['TD-001', 'TD-003', 'TD-004', 'TD-006'];

function docs(summary: string, description: string, status: 200 | 201, answer: { description: string; schema: TSchema; contentType?: string }, codes: readonly TestdataErrorCode[], extra: Record<string, unknown> = {}) {
  return {
    summary,
    description,
    tags: [testdataTag],
    security: [{ maskinporten: ['kob:testdata'] }],
    response: {
      [status]: { description: answer.description, headers: korrelasjonsidHeaderDoc, content: { [answer.contentType ?? 'application/json']: { schema: answer.schema } } },
      ...extra,
      ...errorResponses(documentedErrors, [...common, ...codes].sort()),
    },
  };
}

export const routeDocs = {
  virksomheter: (schema: TSchema) =>
    docs(
      'Ny syntetisk virksomhet',
      'En ny virksomhet med gyldige numre og personer som kan logge inn på Min side: et ENK med innehaver, eller et AS med daglig leder og styreleder. ' +
        'Med `systembruker: true` får systemet klienten din hører til en godkjent systembruker for den.',
      201,
      { description: 'Virksomheten.', schema },
      ['TD-011'],
    ),
  krav: (schema: TSchema) =>
    docs('Nytt krav', 'Et krav med ett forfall, bokført på forretningsdatoen, med KID (for gjeld) og konto å betale til.', 201, { description: 'Kravet.', schema }, ['TD-009', 'TD-011', 'TD-012']),
  innbetalinger: (schema: TSchema) =>
    docs(
      'Ny innbetaling',
      'En innbetaling som fra banken: på parten som er oppgitt, ellers på parten KID-en peker på, plassert straks. Uten part blir den en uidentifisert innbetaling.',
      201,
      { description: 'Innbetalingen og hvordan den ble plassert.', schema },
      ['TD-009', 'TD-011', 'TD-012'],
    ),
  innbetalingsfiler: (schema: TSchema) =>
    docs(
      'Bankfil med innbetalinger',
      'En Nets OCR giro-fil (`text/plain`) eller en camt.054 (`application/xml`), formatet sett av innholdet. Hver transaksjon bokføres som innbetaling ' +
        '(KID-ens eller tekstens part, ellers uidentifisert), bekreftet eller returnert utbetaling. Samme fil igjen gir 200 med samme rapport og bokfører ingenting; ' +
        'en fil som ikke kan leses gir TD-006 med linjen eller elementet, og ingenting bokføres.',
      201,
      { description: 'Filen er bokført; rapporten.', schema },
      ['TD-010', 'TD-011', 'TD-012'],
      { 200: { description: 'Filen var mottatt før; rapporten den fikk da.', headers: korrelasjonsidHeaderDoc, content: { 'application/json': { schema } } } },
    ),
  oppgjoer: (schema: TSchema) =>
    docs('Daglig oppgjørskjøring', 'Motregning og utbetaling for alle skyldnergrupper med noe å gjøre opp. Utbetalinger er `underUtbetaling` til bankens camt.054 bekrefter dem.', 200, { description: 'Hva kjøringen gjorde.', schema }, ['TD-011', 'TD-012']),
  utbetalingsfil: docs(
    'Dagens utbetalingsfil',
    'Utbetalingene dagens oppgjørskjøring gjorde, som ISO 20022 pain.001.001.09. Samme dag gir samme fil.',
    200,
    { description: 'pain.001.001.09.', schema: Type.String(), contentType: 'application/xml' },
    ['TD-007'],
  ),
  uidentifiserte: (schema: TSchema) => docs('Uidentifiserte innbetalinger', 'Innbetalinger fra bankfiler uten krav eller kjent part, som ennå ikke er tildelt en part.', 200, { description: 'Listen.', schema }, []),
  tildeling: (schema: TSchema) =>
    docs('Tildel en uidentifisert innbetaling', 'Bokfører den uidentifiserte innbetalingen som partens innbetaling, plassert straks. Én gang.', 201, { description: 'Innbetalingen.', schema }, ['TD-009', 'TD-011', 'TD-012']),
};
