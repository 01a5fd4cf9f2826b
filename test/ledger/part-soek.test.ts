import { beforeAll, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/dates.js';
import { bokfoerInnbetaling, bokfoerKrav, kjoerOppgjoer, soekParter, type PartSoek } from '../../src/ledger/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { d, kr, krav, nyNoekkel, nyttAs, nyttEnk } from './fixtures.js';

/**
 * The Testdata search over the ledger's facts, as of a business date. Every party here is named
 * "Søk <tag> …" so the text filter keeps other suites' parties out.
 */
describeEachDatabase('soekParter: businesses by situation, as of a business date', ({ handle }) => {
  const tag = `Søk${process.pid}`;
  const asOf = d('2024-04-01');
  let ids: Record<'forfalt' | 'ikkeForfalt' | 'betalt' | 'uplassert' | 'utbetalt' | 'tilgode' | 'skjermet' | 'enk' | 'senere', string>;

  const search = async (filter: Omit<PartSoek, 'asOf' | 'side' | 'antallPerSide'> & { asOf?: LocalDate; side?: number; antallPerSide?: number } = {}) =>
    soekParter(handle().db, { asOf, tekst: tag, side: 0, antallPerSide: 50, ...filter });
  const names = async (filter: Parameters<typeof search>[0] = {}) => (await search(filter)).treff.map((t) => t.navn.replace(`${tag} `, ''));

  beforeAll(async () => {
    const { db } = handle();
    const as = (navn: string, options: Parameters<typeof nyttAs>[1] = {}) => nyttAs(db, { navn: `${tag} ${navn}`, ...options });
    ids = {
      forfalt: await as('A forfalt', { mvaTermintype: 'tomaaneders' }),
      ikkeForfalt: await as('B ikke forfalt', { mvaTermintype: 'aarlig' }),
      betalt: await as('C betalt'),
      uplassert: await as('D uplassert'),
      utbetalt: await as('E utbetalt', { utbetalingskonto: '12345678903' }),
      tilgode: await as('F tilgode'),
      skjermet: await as('G skjermet', { skjermet: true }),
      enk: (await nyttEnk(db, { navn: `${tag} H enk`, mvaTermintype: undefined, eier: { skjermet: true } })).enk,
      senere: await as('I senere'),
    };
    const { enk } = ids;
    const owner = (await db.selectFrom('part').where('part_id', '=', enk).select('eier_part_id').executeTakeFirstOrThrow()).eier_part_id!;

    await bokfoerKrav(db, krav(ids.forfalt, d('2024-02-01'), [['2024-03-15', 1000]]));
    await bokfoerKrav(db, krav(ids.ikkeForfalt, d('2024-02-01'), [['2024-04-01', 1000]]));
    const paid = await bokfoerKrav(db, krav(ids.betalt, d('2024-02-01'), [['2024-03-15', 1000]]));
    await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-03-10'), partId: ids.betalt, beloepOere: kr(1000), kid: paid.forfall[0]!.kid! });
    await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-03-10'), partId: ids.uplassert, beloepOere: kr(250), melding: 'ukjent' });
    await bokfoerKrav(db, krav(ids.utbetalt, d('2024-03-01'), [['2024-03-01', -500]], { kravtype: 'tilgodeMva' }));
    await kjoerOppgjoer(db, { bokfoertDato: d('2024-03-02'), partId: ids.utbetalt });
    await bokfoerKrav(db, krav(ids.tilgode, d('2024-03-01'), [['2024-03-01', -300]], { kravtype: 'tilgodeMva' }));
    // The owner's own overdue claim is in the ENK's view.
    await bokfoerKrav(db, krav(owner, d('2024-01-10'), [['2024-02-15', 400]], { kravtype: 'restskattPerson', periode: { beskrivelse: 'Inntektsår 2022', aar: 2022 } }));
    // Booked after the business date: not there yet as of 2024-04-01.
    await bokfoerKrav(db, krav(ids.senere, d('2024-05-01'), [['2024-05-02', 1000]]));
  });

  it('finds overdue claims: open debit items due before the business date, an ENK owner\'s included', async () => {
    expect(await names({ harForfalteKrav: true })).toEqual(['A forfalt', 'H enk']);
    // On the due date itself nothing is overdue yet; a day later it is.
    expect(await names({ harForfalteKrav: true, asOf: d('2024-03-15') })).toEqual(['H enk']);
    expect(await names({ harForfalteKrav: true, asOf: d('2024-04-02') })).toEqual(['A forfalt', 'B ikke forfalt', 'H enk']);
    expect(await names({ harForfalteKrav: false })).toEqual(['B ikke forfalt', 'C betalt', 'D uplassert', 'E utbetalt', 'F tilgode', 'G skjermet', 'I senere']);
  });

  it('reads only facts booked on or before the business date', async () => {
    expect(await names({ harForfalteKrav: true, asOf: d('2024-06-01') })).toContain('I senere');
    // Before the payment was booked, C's claim was not yet paid, and D's money had not come in.
    expect(await names({ harForfalteKrav: true, asOf: d('2024-03-09') })).toEqual(['H enk']);
    expect(await names({ harUplassertInnbetaling: true, asOf: d('2024-03-09') })).toEqual([]);
    expect(await names({ harUtbetaling: true, asOf: d('2024-03-01') })).toEqual([]);
  });

  it('finds unplaced payments, payouts and credit balances', async () => {
    expect(await names({ harUplassertInnbetaling: true })).toEqual(['D uplassert']);
    expect(await names({ harUtbetaling: true })).toEqual(['E utbetalt']);
    // E's credit was paid out; F has no account, so its credit stays open.
    expect(await names({ harTilgode: true })).toEqual(['F tilgode']);
  });

  it('filters by registrations: form, VAT term type (or none), shielded (an ENK by its owner), employer', async () => {
    expect(await names({ organisasjonsform: 'ENK' })).toEqual(['H enk']);
    expect(await names({ mvaTermintype: 'tomaaneders' })).toEqual(['A forfalt']);
    expect(await names({ mvaTermintype: 'aarlig' })).toEqual(['B ikke forfalt']);
    expect(await names({ mvaTermintype: 'ingen' })).not.toContain('A forfalt');
    expect(await names({ skjermet: true })).toEqual(['G skjermet', 'H enk']);
    expect(await names({ skjermet: false, harForfalteKrav: true })).toEqual(['A forfalt']);
    expect(await names({ arbeidsgiver: true })).toEqual(['H enk']);
  });

  it('combines filters, shows each hit\'s situation, and pages with the total on every page', async () => {
    const hit = (await search({ harForfalteKrav: true, organisasjonsform: 'ENK' })).treff;
    expect(hit).toEqual([
      {
        partId: ids.enk,
        navn: `${tag} H enk`,
        organisasjonsform: 'ENK',
        mvaTermintype: null,
        arbeidsgiver: true,
        skjermet: true,
        situasjon: { harForfalteKrav: true, harUplassertInnbetaling: false, harUtbetaling: false, harTilgode: false },
      },
    ]);
    const first = await search({ antallPerSide: 4 });
    const third = await search({ antallPerSide: 4, side: 2 });
    const beyond = await search({ antallPerSide: 4, side: 5 });
    expect([first.totalt, third.totalt, beyond.totalt]).toEqual([9, 9, 9]);
    expect(first.treff.map((t) => t.partId)).toEqual([ids.forfalt, ids.ikkeForfalt, ids.betalt, ids.uplassert]);
    expect(third.treff.map((t) => t.partId)).toEqual([ids.senere]);
    expect(beyond.treff).toEqual([]);
    // By organisation number prefix too; search text is data, not a pattern.
    expect((await soekParter(handle().db, { asOf, tekst: ids.tilgode, side: 0, antallPerSide: 5 })).treff.map((t) => t.partId)).toEqual([ids.tilgode]);
    expect((await soekParter(handle().db, { asOf, tekst: '%', side: 0, antallPerSide: 5 })).totalt).toBe(0);
  });

  it('refuses a page size or page outside the limits (a programming error: the edge validates)', async () => {
    await expect(search({ antallPerSide: 51 })).rejects.toThrow(/page size/);
    await expect(search({ side: -1 })).rejects.toThrow(/page out of range/);
  });
});
