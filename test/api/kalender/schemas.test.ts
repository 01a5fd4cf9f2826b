import { expect, it } from 'vitest';
import { Kalender, KalenderDokument, type Kalender as KalenderBody } from '../../../src/api/kalender/index.js';
import { jsonWriter } from '../../../src/api/serialization.js';
import { xmlWriter } from '../../../src/api/xml.js';
import { publishedJsonSchemaErrors, publishedXsdErrors } from '../../support/kalender-schemas.js';

/**
 * The writers against the published schemas for what the ledger-backed tests cannot reach in
 * the sandbox: a person's part (the XSD's other choice) and several parties, one of them empty.
 */
const body: KalenderBody = {
  hentetDato: '2026-06-20T09:30:47Z',
  part: [
    {
      part: { foedselsnummer: '02013299997' },
      oppgave: [
        {
          myndighet: 'Skatteetaten',
          produktomraade: 'Skatt',
          oppgaveType: 'rapporteringskrav',
          oppgaveBeskrivelse: 'Lever skattemelding for 2025 – «æøå» & <tegn>',
          frist: { fristType: 'leveringsfrist', frist: '2026-04-30' },
          oppgavestatus: 'fullført',
        },
      ],
    },
    { part: { organisasjonsnummer: '313367002' } },
  ],
};

it('a person and an empty party validate in JSON (published JSON Schema) and XML (published XSD)', () => {
  const json = JSON.parse(jsonWriter(KalenderDokument)({ kalender: body }));
  expect(publishedJsonSchemaErrors(json)).toBe('');
  expect(json.kalender.part[1]).toEqual({ part: { organisasjonsnummer: '313367002' } });
  const xml = xmlWriter(Kalender)(body);
  expect(publishedXsdErrors(xml)).toBe('');
  expect(xml).toContain('<part><part><foedselsnummer>02013299997</foedselsnummer></part><oppgave>');
  expect(xml).toContain('&lt;tegn&gt;');
});

it('the published schemas refuse what we must never write', () => {
  expect(publishedJsonSchemaErrors({ kalender: { ...body, part: [{ part: { organisasjonsnummer: '313367002', foedselsnummer: '02013299997' } }] } })).not.toBe('');
  expect(publishedXsdErrors(xmlWriter(Kalender)({ ...body, hentetDato: '2026-06-20' }))).toMatch(/hentetDato/);
});
