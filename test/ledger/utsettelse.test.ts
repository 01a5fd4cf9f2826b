import { beforeAll, describe, expect, it } from 'vitest';
import { exactForsinkelsesrente, truncateToWholeKronerOere } from '../../src/domain/interest.js';
import {
  bokfoerInnbetaling,
  bokfoerKrav,
  buildPartView,
  IdempotencyConflictError,
  kjoerOppgjoer,
  kontrollerInvarianter,
  LedgerInputError,
  registrerUtsettelse,
  type KravView,
  type UtsettelseInput,
} from '../../src/ledger/index.js';
import { planMotregning } from '../../src/ledger/motregning.js';
import { forsinkelsesrentesatser } from '../../src/ledger/rentesatser.js';
import { describeEachDatabase } from '../support/databases.js';
import { d, kr, krav, nyNoekkel, nyttAs } from './fixtures.js';
import { debet, kreditt } from './planner-fixtures.js';

/**
 * Deferred collection (decision 0160): a payment deferral or a complaint suspends collection of a
 * due item for a period. The item is flagged in the view while the period runs; set-off leaves it
 * alone; forsinkelsesrente runs from the due date all the same (sktbf § 11-1); a payment covers it.
 */
describe('planMotregning leaves a deferred item alone (decision 0160)', () => {
  it('covers the next overdue item instead, and a deferred one once the deferral is over', () => {
    const covered = (utsatt: boolean) =>
      planMotregning({
        dato: d('2024-02-01'),
        kreditter: [kreditt('K', 150, '2024-02-01')],
        poster: [debet('utsatt', 100, '2024-01-10', { utsatt }), debet('aapen', 100, '2024-01-20')],
        rentesatser: forsinkelsesrentesatser(),
      }).motregninger.map((m) => [m.post.kind === 'kravforfall' ? m.post.kravforfallId : 'rente', m.beloepOere]);
    expect(covered(true)).toEqual([['aapen', kr(100)]]);
    expect(covered(false)).toEqual([
      ['utsatt', kr(100)],
      ['aapen', kr(50)],
    ]);
  });
});

describeEachDatabase('deferred collection (decision 0160)', ({ handle }) => {
  const forfall = '2024-03-15';
  let as: string;
  let agaId: string;
  let itemId: string;
  const deferral = (extra: Partial<UtsettelseInput> = {}): UtsettelseInput => ({
    idempotencyKey: nyNoekkel('utsettelse'),
    bokfoertDato: d('2024-04-02'),
    partId: as,
    kravId: agaId,
    grunn: 'klage',
    fraOgMed: d('2024-04-01'),
    tilOgMed: d('2024-05-31'),
    ...extra,
  });
  const view = async (asOf: string) => buildPartView(handle().db, { partId: as, asOf: d(asOf), aapne: true });
  const aga = (krav: readonly KravView[]) => krav.find((k) => k.kravId === agaId)!;

  beforeAll(async () => {
    const { db } = handle();
    // No account and no address: a credit it is owed waits on the ledger instead of being paid out.
    as = await nyttAs(db);
    const booked = await bokfoerKrav(db, krav(as, d('2024-03-10'), [[forfall, 100_000]]));
    agaId = booked.kravId;
    itemId = booked.forfall[0]!.kravforfallId;
  });

  it('books the deferral once; the same key again is a replay, another request under it a conflict', async () => {
    const { db } = handle();
    const input = deferral();
    const first = await registrerUtsettelse(db, input);
    expect(first).toMatchObject({ replayed: false, kravId: agaId, partId: as, grunn: 'klage', fraOgMed: '2024-04-01', tilOgMed: '2024-05-31', kravforfallIds: [itemId] });
    expect(await registrerUtsettelse(db, input)).toMatchObject({ replayed: true, kravforfallIds: [itemId] });
    await expect(registrerUtsettelse(db, { ...input, tilOgMed: d('2024-06-30') })).rejects.toBeInstanceOf(IdempotencyConflictError);
  });

  it('flags the due item while the period runs, not before it was booked nor after it ends', async () => {
    const expected = { grunn: 'klage', fraOgMed: '2024-04-01', tilOgMed: '2024-05-31' };
    expect(aga((await view('2024-04-10')).aapne!.krav).forfall[0]!.utsettelse).toEqual(expected);
    // Booked on 2024-04-02: a view as of the day before knows nothing of it, though the period had begun.
    expect(aga((await view('2024-04-01')).aapne!.krav).forfall[0]!.utsettelse).toBeNull();
    expect(aga((await view('2024-06-01')).aapne!.krav).forfall[0]!.utsettelse).toBeNull();
  });

  it('lets forsinkelsesrente run from the due date through the deferral (sktbf § 11-1)', async () => {
    const claim = aga((await view('2024-05-01')).aapne!.krav);
    const interest = truncateToWholeKronerOere(exactForsinkelsesrente(forsinkelsesrentesatser(), { hovedstolOere: kr(100_000), forfallsdato: d(forfall), sisteRentedag: d('2024-05-01') }));
    expect(claim.stipulerteRenterOere).toBe(interest);
    expect(claim.stipulerteRenterOere).toBeGreaterThan(0);
  });

  it('sets no credit off against the deferred item while the period runs', async () => {
    const { db } = handle();
    const credit = await bokfoerKrav(db, krav(as, d('2024-04-20'), [['2024-04-20', -30_000]], { kravtype: 'tilgodeMva', periode: { beskrivelse: 'Termin', aar: 2024, termin: '02' } }));
    expect(credit.motregninger).toEqual([]);
    const run = await kjoerOppgjoer(db, { bokfoertDato: d('2024-05-02'), partId: as });
    expect(run[0]!.motregninger).toEqual([]);
    expect(run[0]!.ikkeUtbetalt).toEqual([expect.objectContaining({ beloepOere: kr(30_000), grunn: 'ingenUtbetalingskonto' })]);
    expect(aga((await view('2024-05-02')).aapne!.krav).gjenstaaendeOere).toBe(kr(100_000));
    await kontrollerInvarianter(db, as, d('2024-05-02'));
  });

  it('sets the credit off once the deferral is over, with interest up to the set-off date', async () => {
    const { db } = handle();
    const [run] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-06-03'), partId: as });
    expect(run!.motregninger.map((m) => [m.debet.kravforfallId, m.beloepOere])).toEqual([[itemId, kr(30_000)]]);
    const interest = truncateToWholeKronerOere(exactForsinkelsesrente(forsinkelsesrentesatser(), { hovedstolOere: kr(30_000), forfallsdato: d(forfall), sisteRentedag: d('2024-06-03') }));
    expect(run!.renteKrav.map((r) => [r.hovedstolKravId, r.beloepOere])).toEqual([[agaId, interest]]);
    await kontrollerInvarianter(db, as, d('2024-06-03'));
  });

  it('a payment still covers a deferred item, with the interest of the late covering', async () => {
    const { db } = handle();
    await registrerUtsettelse(db, deferral({ bokfoertDato: d('2024-06-04'), grunn: 'betalingsutsettelse', fraOgMed: undefined, tilOgMed: d('2024-09-30') }));
    const item = aga((await view('2024-06-04')).aapne!.krav).forfall[0]!;
    expect(item.utsettelse).toEqual({ grunn: 'betalingsutsettelse', fraOgMed: '2024-06-04', tilOgMed: '2024-09-30' });
    const payment = await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel('betaling'), bokfoertDato: d('2024-06-10'), partId: as, beloepOere: item.gjenstaaendeOere, kid: item.kid! });
    expect(payment.plasseringer[0]).toMatchObject({ kravforfallId: itemId, plassertOere: item.gjenstaaendeOere });
    expect(payment.renteKrav).toHaveLength(1);
    await kontrollerInvarianter(db, as, d('2024-06-10'));
  });

  it('refuses what cannot be deferred: a settled item, a credit, another party’s claim, a period that is over or too long', async () => {
    const { db } = handle();
    const refused = async (input: UtsettelseInput, pattern: RegExp) => {
      const error = await registrerUtsettelse(db, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerInputError);
      expect((error as Error).message).toMatch(pattern);
    };
    const after = { bokfoertDato: d('2024-06-11'), fraOgMed: undefined, tilOgMed: d('2024-08-31') };
    await refused(deferral(after), /ikke noe ubetalt/);
    const credit = await bokfoerKrav(db, krav(as, d('2024-06-11'), [['2024-07-01', -500]], { kravtype: 'tilgodeMva' }));
    await refused(deferral({ ...after, kravId: credit.kravId }), /ikke noe ubetalt/);
    const other = await nyttAs(db);
    await refused(deferral({ ...after, partId: other }), /finnes ikke hos/);
    const open = await bokfoerKrav(db, krav(as, d('2024-06-11'), [['2024-07-15', 1_000]]));
    await refused(deferral({ ...after, kravId: open.kravId, tilOgMed: d('2024-06-10') }), /før bokføringsdatoen/);
    // 2024-06-11 to 2026-06-11 is 731 days, both ends counted: the longest deferral there is.
    await refused(deferral({ ...after, kravId: open.kravId, fraOgMed: d('2024-06-11'), tilOgMed: d('2026-06-12') }), /høyst 731 dager/);
    await refused(deferral({ ...after, kravId: open.kravId, kravforfallIds: [itemId] }), /ikke et forfall av kravet/);
  });
});
