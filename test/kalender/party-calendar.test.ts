import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { localDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { calendarForParty, type PartyCalendar } from '../../src/kalender/index.js';
import { bokfoerKrav, registrerLevering, registrerUtsettelse } from '../../src/ledger/index.js';
import { bookCalendarScenario, scenarioToday, scenarioYear, type CalendarScenario } from '../support/calendar-scenario.js';
import { describeEachDatabase } from '../support/databases.js';
import { nyttAs, nyttEnk, nyttFnr, nyttOrgnr } from '../ledger/fixtures.js';

describeEachDatabase('calendar for a party', ({ handle }) => {
  let scenario: CalendarScenario;
  let calendar: PartyCalendar;
  beforeAll(async () => {
    scenario = await bookCalendarScenario(handle().db, nyttOrgnr(), nyttFnr());
    calendar = (await calendarForParty(handle().db, { partId: scenario.enk, idag: scenarioToday, periode: scenarioYear }))!;
  });

  const task = (id: string) => {
    const found = calendar.oppgaver.find((t) => t.obligation.id === id);
    if (!found) throw new Error(`no task ${id} in ${calendar.oppgaver.map((t) => t.obligation.id).join(', ')}`);
    return found;
  };
  const status = (id: string) => [task(id).status.oppgavestatus, task(id).status.visningsstatus];

  it('lists every obligation of the registrations in the period, and the open claims no obligation explains', () => {
    const ids = calendar.oppgaver.map((t) => t.obligation.id);
    expect(ids.filter((id) => id.startsWith('mva-'))).toHaveLength(12);
    expect(ids.filter((id) => id.startsWith('a-melding-'))).toHaveLength(12);
    expect(ids.filter((id) => id.startsWith('aga-forskuddstrekk-'))).toHaveLength(6);
    expect(ids.filter((id) => id.startsWith('forskuddsskatt-'))).toEqual(['forskuddsskatt-2026-01', 'forskuddsskatt-2026-02', 'forskuddsskatt-2026-03', 'forskuddsskatt-2026-04']);
    expect(ids.filter((id) => id.startsWith('skattemelding-'))).toEqual(['skattemelding-2025']);
    const fromClaims = calendar.oppgaver.filter((t) => t.obligation.kind === 'krav');
    expect(fromClaims.map((t) => t.obligation.oppgaveBeskrivelse)).toEqual([
      expect.stringMatching(/^Betal forsinkelsesrente/i),
      'Betal restskatt, person for 2025, 1. termin',
      'Betal restskatt, person for 2025, 2. termin',
    ]);
    expect(calendar.oppgaver).toHaveLength(38);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('orders by effective deadline, reporting before payment', () => {
    const fristOrder = calendar.oppgaver.map((t) => t.obligation.frist);
    expect(fristOrder).toEqual([...fristOrder].sort());
    expect(calendar.oppgaver.slice(0, 2).map((t) => t.obligation.id)).toEqual(['a-melding-2025-12', 'aga-forskuddstrekk-2025-06']);
  });

  it('reporting status from the filings the ledger knows: on time, late, missing, not yet due', () => {
    expect(status('mva-melding-2026-01')).toEqual(['fullført', 'Levert']);
    expect(task('mva-melding-2026-01').levertDato).toBe('2026-04-08');
    expect(status('mva-melding-2026-02')).toEqual(['fullført', 'Levert']);
    expect(task('mva-melding-2026-02').levertDato).toBe('2026-06-15');
    expect(status('a-melding-2026-04')).toEqual(['fullført', 'Levert']);
    expect(status('a-melding-2026-05')).toEqual(['forfalt', 'Ikke levert']);
    expect(status('mva-melding-2025-06')).toEqual(['forfalt', 'Ikke levert']);
    expect(status('skattemelding-2025')).toEqual(['forfalt', 'Ikke levert']);
    expect(status('a-melding-2026-06')).toEqual(['ikkeStartet', '16 dager igjen']);
    expect(task('a-melding-2026-06').betaling).toBeNull();
  });

  it('payment status from the remaining amount: paid, partly paid, overdue, nothing to pay, not known yet', () => {
    expect(status('mva-betaling-2026-01')).toEqual(['fullført', 'Betalt']);
    expect(status('mva-betaling-2026-02')).toEqual(['forfalt', 'Forfalt']);
    expect(status('mva-betaling-2025-06')).toEqual(['fullført', 'Ingenting å betale']);
    expect(status('aga-forskuddstrekk-2026-02')).toEqual(['fullført', 'Betalt']);
    expect(status('aga-forskuddstrekk-2026-03')).toEqual(['pågående', 'Delvis betalt']);
    expect(status('forskuddsskatt-2026-01')).toEqual(['fullført', 'Betalt']);
    expect(status('forskuddsskatt-2026-02')).toEqual(['forfalt', 'Forfalt']);
    expect(status('forskuddsskatt-2026-03')).toEqual(['ikkeStartet', '87 dager igjen']);
    expect(status('mva-betaling-2026-03')).toEqual(['ikkeStartet', '72 dager igjen']);
    expect(task('mva-betaling-2026-03').betaling).toEqual({ opprinneligOere: 0, gjenstaaendeOere: 0, poster: [] });
  });

  it('gives amount, KID and account per payment task; AGA and forskuddstrekk add up', () => {
    const aga = task('aga-forskuddstrekk-2026-03').betaling!;
    expect(aga.opprinneligOere).toBe(toOere(12_000_00));
    expect(aga.gjenstaaendeOere).toBe(toOere(10_000_00));
    expect(aga.poster.map((post) => [post.kravbeskrivelse, post.gjenstaaendeOere, post.kid, post.kontonummer])).toEqual([
      [expect.stringMatching(/arbeidsgiveravgift/i), toOere(3_000_00), scenario.kid.aga3, '76940524802'],
      [expect.stringMatching(/forskuddstrekk/i), toOere(7_000_00), scenario.kid.trekk3, '76940524802'],
    ]);
    const mva = task('mva-betaling-2026-02').betaling!;
    expect(mva).toMatchObject({ opprinneligOere: 8_000_00, gjenstaaendeOere: 5_000_00 });
    expect(mva.poster[0]).toMatchObject({ kid: scenario.kid.mva2, kontonummer: '76940518888' });
    // A credit pays nothing: the task has no debit post.
    expect(task('mva-betaling-2025-06').betaling).toEqual({ opprinneligOere: 0, gjenstaaendeOere: 0, poster: [] });
  });

  it('tasks from claims: one per open debit due item, keyed by the due item, never twice', () => {
    const restskatt1 = task(`kravforfall-${scenario.kravforfallId.restskatt1}`);
    expect(restskatt1.obligation).toMatchObject({ frist: '2026-07-14', produktomraade: 'Skatt', oppgaveType: 'betalingskrav', fristType: 'betalingsfrist' });
    expect(restskatt1.status.oppgavestatus).toBe('ikkeStartet');
    expect(restskatt1.betaling?.poster).toEqual([expect.objectContaining({ kid: scenario.kid.restskatt, gjenstaaendeOere: 3_000_00 })]);
    // The mva, AGA and forskuddsskatt claims are shown under their obligations only.
    const claimKinds = calendar.oppgaver.filter((t) => t.obligation.kind === 'krav').flatMap((t) => t.betaling!.poster.map((p) => p.kravbeskrivelse));
    expect(claimKinds.some((text) => /mva|merverdiavgift|arbeidsgiveravgift|forskudds/i.test(text) && !/rente/i.test(text))).toBe(false);
  });

  it('keeps the period: nothing whose effective deadline lies outside it', async () => {
    const periode = { fraOgMed: localDate('2026-07-14'), tilOgMed: localDate('2026-07-15') };
    const narrow = await calendarForParty(handle().db, { partId: scenario.enk, idag: scenarioToday, periode });
    expect(narrow!.oppgaver.map((t) => t.obligation.id)).toEqual([`kravforfall-${scenario.kravforfallId.restskatt1}`, 'aga-forskuddstrekk-2026-03']);
  });

  it('sees the ledger as of the business date: a filing booked later does not count yet', async () => {
    const before = await calendarForParty(handle().db, { partId: scenario.enk, idag: localDate('2026-04-07'), periode: scenarioYear });
    const mva1 = before!.oppgaver.find((t) => t.obligation.id === 'mva-melding-2026-01')!;
    expect(mva1.status.oppgavestatus).toBe('ikkeStartet');
    expect(mva1.levertDato).toBeNull();
  });

  it('is undefined for a party the ledger does not know', async () => {
    expect(await calendarForParty(handle().db, { partId: nyttOrgnr(), idag: scenarioToday, periode: scenarioYear })).toBeUndefined();
  });

  it('an AS without registrations has only its skattemelding; a filing of its owner does not leak in', async () => {
    const db = handle().db;
    const as = await nyttAs(db);
    await registrerLevering(db, { idempotencyKey: `${as}-sm`, bokfoertDato: localDate('2026-05-20'), partId: as, leveringstype: 'skattemelding', periodeAar: 2025 });
    const found = await calendarForParty(db, { partId: as, idag: scenarioToday, periode: scenarioYear });
    expect(found!.oppgaver.map((t) => [t.obligation.id, t.status.oppgavestatus])).toEqual([['skattemelding-2025', 'fullført']]);
  });

  it('a claim that matches no registration of the party becomes its own task (mva claim of a party not VAT-registered)', async () => {
    const db = handle().db;
    const as = await nyttAs(db);
    const booked = await bookMvaClaimDue10June(db, as);
    const found = await calendarForParty(db, { partId: as, idag: scenarioToday, periode: scenarioYear });
    const ids = found!.oppgaver.map((t) => t.obligation.id);
    expect(ids).toContain(`kravforfall-${booked.forfall[0]!.kravforfallId}`);
    expect(found!.oppgaver.find((t) => t.obligation.kind === 'krav')!.status.oppgavestatus).toBe('forfalt');
  });

  it('an overdue claim under a payment deferral is in progress until the deferral ends, then overdue again (decision 0161)', async () => {
    const db = handle().db;
    const as = await nyttAs(db);
    const booked = await bookMvaClaimDue10June(db, as);
    await registrerUtsettelse(db, { idempotencyKey: `${as}-utsatt`, bokfoertDato: localDate('2026-06-12'), partId: as, kravId: booked.kravId, grunn: 'betalingsutsettelse', tilOgMed: localDate('2026-06-20') });
    const on = async (idag: string) => (await calendarForParty(db, { partId: as, idag: localDate(idag), periode: scenarioYear }))!.oppgaver.find((t) => t.obligation.kind === 'krav')!;
    const deferred = await on('2026-06-15');
    expect([deferred.status.oppgavestatus, deferred.status.visningsstatus]).toEqual(['pågående', 'Utsatt til 20.06.2026']);
    expect(deferred.betaling!.poster[0]!.utsattTil).toBe('2026-06-20');
    expect((await on('2026-06-21')).status.oppgavestatus).toBe('forfalt');
  });
});


describeEachDatabase('calendar for a person', ({ handle }) => {
  it('a person (here forskuddspliktig) files by 30 April and pays its own claims; its ENK is not in its view', async () => {
    const db = handle().db;
    const { enk, eier } = await nyttEnk(db);
    await bokfoerKrav(db, {
      idempotencyKey: `${eier}-restskatt`,
      bokfoertDato: localDate('2026-06-01'),
      partId: eier,
      kravtype: 'restskattPerson',
      periode: { beskrivelse: 'Inntektsår 2025', aar: 2025 },
      forfall: [{ forfallsdato: localDate('2026-07-14'), beloepOere: toOere(500_00) }],
    });
    await bokfoerKrav(db, {
      idempotencyKey: `${enk}-gebyr`,
      bokfoertDato: localDate('2026-06-01'),
      partId: enk,
      kravtype: 'tvangsmulkt',
      periode: { beskrivelse: 'Mai 2026', aar: 2026 },
      forfall: [{ forfallsdato: localDate('2026-06-22'), beloepOere: toOere(300_00) }],
    });
    const person = await calendarForParty(db, { partId: eier, idag: scenarioToday, periode: scenarioYear });
    expect(person!.registreringer.organisasjonsform).toBe('person');
    expect(person!.oppgaver.map((t) => [t.obligation.oppgaveBeskrivelse, t.obligation.frist])).toEqual([
      ['Betal forskuddsskatt 1. termin 2026', '2026-03-16'],
      ['Lever skattemelding for 2025', '2026-04-30'],
      ['Betal forskuddsskatt 2. termin 2026', '2026-05-15'],
      ['Betal restskatt, person for 2025', '2026-07-14'],
      ['Betal forskuddsskatt 3. termin 2026', '2026-09-15'],
      ['Betal forskuddsskatt 4. termin 2026', '2026-11-16'],
    ]);
    // The ENK's view includes its owner's claims (API spec §4.2), the owner's view not the ENK's.
    const business = await calendarForParty(db, { partId: enk, idag: scenarioToday, periode: scenarioYear });
    const fromClaims = business!.oppgaver.filter((t) => t.obligation.kind === 'krav').map((t) => t.obligation.frist);
    expect(fromClaims).toEqual(['2026-06-22', '2026-07-14']);
  });
});

/** An mva claim of 1 000 kr for 2. termin 2026, booked 1 June and due 10 June. */
function bookMvaClaimDue10June(db: Kysely<Database>, partId: string) {
  return bokfoerKrav(db, {
    idempotencyKey: `${partId}-mva`,
    bokfoertDato: localDate('2026-06-01'),
    partId,
    kravtype: 'åBetaleMva',
    periode: { beskrivelse: '2. termin 2026', aar: 2026, termin: '02' },
    forfall: [{ forfallsdato: localDate('2026-06-10'), beloepOere: toOere(1_000_00) }],
  });
}
