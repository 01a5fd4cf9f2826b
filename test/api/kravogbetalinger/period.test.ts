import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { defaultFraOgMed, resolvePeriode } from '../../../src/api/kravogbetalinger/period.js';
import { addYears, fromEpochDay, localDate } from '../../../src/domain/dates.js';
import { buildTestApi, fixtureData, parties, url, validToken } from './test-api.js';

const today = localDate('2024-05-15');

describe('resolvePeriode (spec §3.2, decision 0026)', () => {
  it.each([
    ['no dates: the year up to today', {}, '2023-05-16', '2024-05-15'],
    ['only tilOgMed: the year up to it', { tilOgMed: '2023-12-31' }, '2023-01-01', '2023-12-31'],
    ['only tilOgMed on 29 February', { tilOgMed: '2024-02-29' }, '2023-03-01', '2024-02-29'],
    ['only tilOgMed on 28 February after a leap day', { tilOgMed: '2025-02-28' }, '2024-02-29', '2025-02-28'],
    ['only fraOgMed: up to today', { fraOgMed: '2024-01-01' }, '2024-01-01', '2024-05-15'],
    ['a calendar year', { fraOgMed: '2022-01-01', tilOgMed: '2022-12-31' }, '2022-01-01', '2022-12-31'],
    ['exactly one year later, inclusive (as the 2022 beta example)', { fraOgMed: '2022-01-01', tilOgMed: '2023-01-01' }, '2022-01-01', '2023-01-01'],
    ['one year over a leap day (367 days inclusive)', { fraOgMed: '2023-03-01', tilOgMed: '2024-03-01' }, '2023-03-01', '2024-03-01'],
    ['from 29 February to 28 February', { fraOgMed: '2024-02-29', tilOgMed: '2025-02-28' }, '2024-02-29', '2025-02-28'],
    ['one day', { fraOgMed: '2024-02-29', tilOgMed: '2024-02-29' }, '2024-02-29', '2024-02-29'],
    ['in the future', { fraOgMed: '2025-01-01', tilOgMed: '2025-06-30' }, '2025-01-01', '2025-06-30'],
  ])('%s', (_case, query, fraOgMed, tilOgMed) => {
    expect(resolvePeriode(query, today)).toEqual({ ok: true, periode: { fraOgMed, tilOgMed } });
  });

  it.each([
    ['fraOgMed after tilOgMed (the published utbetalinger URL)', { fraOgMed: '2022-01-01', tilOgMed: '2021-12-31' }, 'Parameteren fraOgMed (2022-01-01) er etter tilOgMed (2021-12-31).'],
    ['fraOgMed after the default tilOgMed', { fraOgMed: '2024-06-01' }, 'Parameteren fraOgMed (2024-06-01) er etter tilOgMed (2024-05-15, dagens dato fordi tilOgMed ikke er oppgitt).'],
    [
      'one day over a year',
      { fraOgMed: '2022-01-01', tilOgMed: '2023-01-02' },
      'Perioden fra fraOgMed (2022-01-01) til tilOgMed (2023-01-02) er lengre enn ett år. Med denne fraOgMed kan tilOgMed være senest 2023-01-01.',
    ],
    [
      'from 29 February to 1 March next year',
      { fraOgMed: '2024-02-29', tilOgMed: '2025-03-01' },
      'Perioden fra fraOgMed (2024-02-29) til tilOgMed (2025-03-01) er lengre enn ett år. Med denne fraOgMed kan tilOgMed være senest 2025-02-28.',
    ],
    [
      'an old fraOgMed with the default tilOgMed',
      { fraOgMed: '2020-01-01' },
      'Perioden fra fraOgMed (2020-01-01) til tilOgMed (2024-05-15, dagens dato fordi tilOgMed ikke er oppgitt) er lengre enn ett år. Med denne fraOgMed kan tilOgMed være senest 2021-01-01.',
    ],
  ])('refuses %s', (_case, query, melding) => {
    expect(resolvePeriode(query, today)).toEqual({ ok: false, melding });
  });

  it('the default period is always accepted and is exactly one year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), (day) => {
        const tilOgMed = fromEpochDay(day);
        const result = resolvePeriode({ tilOgMed }, today);
        expect(result).toEqual({ ok: true, periode: { fraOgMed: defaultFraOgMed(tilOgMed), tilOgMed } });
        // One day longer is refused: the default uses the whole year.
        expect(resolvePeriode({ fraOgMed: defaultFraOgMed(tilOgMed), tilOgMed: fromEpochDay(day + 1) }, today).ok).toBe(
          fromEpochDay(day + 1) <= addYears(defaultFraOgMed(tilOgMed), 1),
        );
      }),
    );
  });
});

describe('periods over HTTP', () => {
  let app: FastifyInstance;
  let queries: unknown[];
  beforeAll(async () => {
    const fixture = fixtureData();
    queries = fixture.queries;
    app = await buildTestApi({ data: fixture.data, today: '2024-05-15' });
  });
  afterAll(() => app.close());

  const get = (endpoint: string, query: string) => app.inject({ url: url(parties.example, endpoint, query), headers: { authorization: validToken } });

  it.each(['krav', 'innbetalinger', 'utbetalinger'])('%s hands the effective period (defaults applied) and the business date to the provider', async (endpoint) => {
    queries.length = 0;
    expect((await get(endpoint, '')).statusCode).toBe(200);
    expect(queries).toEqual([
      { rettighetspakke: 'finans', partIdentifikator: parties.example, asOf: '2024-05-15', periode: { fraOgMed: '2023-05-16', tilOgMed: '2024-05-15' } },
    ]);
  });

  it('/aapnekrav has no period and ignores period parameters', async () => {
    queries.length = 0;
    expect((await get('aapnekrav', 'fraOgMed=bad')).statusCode).toBe(200);
    expect(queries).toEqual([{ rettighetspakke: 'finans', partIdentifikator: parties.example, asOf: '2024-05-15' }]);
  });

  it('tolerates and ignores a Korrelasjonsid query parameter and other unknown parameters', async () => {
    const response = await get('krav', 'fraOgMed=2024-01-01&Korrelasjonsid=abc&Korrelasjonsid=def&_=123');
    expect(response.statusCode).toBe(200);
    expect(response.headers.korrelasjonsid).not.toBe('abc');
  });

  it.each([
    ['2024-02-30', 'fraOgMed', 'Parameteren fraOgMed (2024-02-30) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.'],
    ['2023-02-29', 'fraOgMed', 'Parameteren fraOgMed (2023-02-29) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.'],
    ['2024-1-5', 'tilOgMed', 'Parameteren tilOgMed (2024-1-5) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.'],
    ['15.05.2024', 'tilOgMed', 'Parameteren tilOgMed (15.05.2024) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.'],
    ['2024-05-15T00:00:00', 'tilOgMed', 'Parameteren tilOgMed (2024-05-15T00:00:00) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.'],
    ['', 'fraOgMed', 'Parameteren fraOgMed () er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.'],
  ])('KB-006 for %s in %s, naming the parameter', async (value, name, melding) => {
    const response = await get('innbetalinger', `${name}=${encodeURIComponent(value)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ kode: 'KB-006', melding });
  });

  it('accepts 29 February in a leap year', async () => {
    expect((await get('krav', 'fraOgMed=2024-02-29&tilOgMed=2024-03-01')).statusCode).toBe(200);
  });

  it('KB-006 for a parameter given twice', async () => {
    const response = await get('krav', 'fraOgMed=2024-01-01&fraOgMed=2024-02-01');
    expect(response.json()).toMatchObject({ kode: 'KB-006', melding: 'Parameteren fraOgMed er oppgitt 2 ganger; oppgi den høyst én gang.' });
  });

  it('KB-006 for a period over a year and for fraOgMed after tilOgMed', async () => {
    expect((await get('krav', 'fraOgMed=2023-01-01&tilOgMed=2024-01-02')).json().kode).toBe('KB-006');
    expect((await get('utbetalinger', 'fraOgMed=2022-01-01&tilOgMed=2021-12-31')).json().melding).toBe(
      'Parameteren fraOgMed (2022-01-01) er etter tilOgMed (2021-12-31).',
    );
  });
});

describe('partIdentifikator', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApi();
  });
  afterAll(() => app.close());

  it.each([
    ['12345678', 'må være et organisasjonsnummer med 9 sifre eller et fødselsnummer/D-nummer med 11 sifre.'],
    ['2122017820', 'må være et organisasjonsnummer med 9 sifre eller et fødselsnummer/D-nummer med 11 sifre.'],
    ['21220178a', 'må være et organisasjonsnummer med 9 sifre eller et fødselsnummer/D-nummer med 11 sifre.'],
    ['212201783', 'er ikke et gyldig organisasjonsnummer: kontrollsifferet stemmer ikke.'],
    ['02013299998', 'er ikke et gyldig fødselsnummer eller D-nummer: kontrollsifrene stemmer ikke.'],
  ])('KB-006 for %s', async (value, reason) => {
    const response = await app.inject({ url: url(value, 'aapnekrav'), headers: { authorization: validToken } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ kode: 'KB-006', melding: `Parameteren partIdentifikator (${value}) ${reason}` });
  });

  it.each([
    ['an organisation number', parties.example],
    ['a fødselsnummer', '02013299997'],
    ['a D-nummer', '55058512337'],
  ])('accepts %s', async (_kind, value) => {
    const response = await app.inject({ url: url(value, 'aapnekrav'), headers: { authorization: validToken } });
    expect(response.statusCode).toBe(200);
  });
});
