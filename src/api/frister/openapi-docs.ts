import { errorResponses, korrelasjonsidHeaderDoc, type DocumentedCatalogue } from '../openapi-errors.js';
import { friErrors, fristerErrors, type FristerErrorCode } from './errors.js';
import { Frister } from './schemas.js';

/** The OpenAPI side of the Frister API: the published example and every FRI code. */
const documentedErrors: DocumentedCatalogue<FristerErrorCode> = {
  entries: fristerErrors.entries,
  formats: ['json'],
  samples: {
    'FRI-001': friErrors.internal(),
    'FRI-002': friErrors.backend(),
    'FRI-003': friErrors.unknownPath('GET', '/api/frister/v1/313367002/mva'),
    'FRI-004': friErrors.authentication('Tilgangstokenet mangler. Send et Maskinporten-token i Authorization: Bearer.'),
    'FRI-005': friErrors.authorization({ partIdentifikator: '311851381', reason: 'systembrukeren har ikke tilgang (PDP: NotApplicable)', mechanism: 'regnskapssystem' }),
    'FRI-006': friErrors.invalidInput('Parameteren organisasjonsnummer (313367003) er ikke et gyldig organisasjonsnummer: kontrollsifferet stemmer ikke.'),
    'FRI-007': friErrors.noDeadlines('313367002', '2026-06-20', '2027-06-20'),
    'FRI-008': friErrors.notAcceptable('application/xml'),
    'FRI-009': friErrors.authorization({ partIdentifikator: '311851381', reason: 'samtykket er fra en annen part', mechanism: 'finans' }),
  },
};

/** Skatteetaten's published example (api-dokumentasjon, docs/api/frister.md). */
export const publishedFristerExample = {
  kilder: [
    {
      frister: [{ tittel: 'Husk å levere skattemeldingen for selskap.', aktivitetsbeskrivelse: 'Det er mulig å søke utsatt frist.', aktivitetstype: 'rapporteringskrav', frist: '2026-05-31' }],
      kilde: 'skatt',
      status: 'OK',
    },
  ],
  virksomhet: '123456789',
};

export const fristerDocs = {
  summary: 'Fremtidige frister for mva-melding og skattemelding næring',
  description:
    'Fristene virksomheten ennå ikke har oppfylt, fra i dag og tolv måneder fram: mva-meldingen per termin og skattemeldingen ' +
    'for næringsdrivende og selskap. Datoen er fristen slik regelen sier den; faller den på en lørdag, søndag eller helligdag, ' +
    'gjelder neste virkedag. Bare JSON.',
  tags: ['Frister API'],
  security: [{ maskinporten: ['skatteetaten:frister'] }],
  response: {
    200: {
      description: 'Fristene.',
      headers: korrelasjonsidHeaderDoc,
      content: { 'application/json': { schema: Frister, examples: { publisert: { summary: 'Publisert eksempel fra Skatteetaten', value: publishedFristerExample } } } },
    },
    304: { description: 'Ikke endret siden ETag-en i If-None-Match.', headers: korrelasjonsidHeaderDoc, type: 'null' },
    ...errorResponses(documentedErrors, fristerErrors.codes),
  },
};
