import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { localDate, type LocalDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { bokfoerInnbetaling, bokfoerKrav, registrerLevering, registrerParter, type KravInput } from '../../src/ledger/index.js';

/**
 * One ENK in 2026, built through the ledger's own commands, with every status the calendar
 * knows (business date 2026-06-20):
 *
 * | obligation | facts | status |
 * |---|---|---|
 * | mva-melding 6. termin 2025 | no filing | forfalt |
 * | mva-betaling 6. termin 2025 | a credit (tilgode) only | fullført (Ingenting å betale) |
 * | mva 1. termin 2026 | filed 04-08, 10 000 kr paid 04-09 | fullført, fullført |
 * | mva 2. termin 2026 | filed late 06-15, 8 000 kr, 3 000 paid late | fullført, forfalt |
 * | a-melding April 2026 | filed 05-04 | fullført |
 * | a-melding May 2026 | missing | forfalt |
 * | AGA + forskuddstrekk 2. termin | 5 000 + 7 000 paid 05-15 | fullført |
 * | AGA + forskuddstrekk 3. termin | 5 000 + 7 000, 2 000 paid before the deadline | pågående |
 * | forskuddsskatt 2026 (owner's claim, 4 × 5 000) | 1st paid, 2nd not | fullført, forfalt, ikkeStartet ×2 |
 * | skattemelding 2025 | missing | forfalt |
 * | restskatt 2025 (owner, 2 × 3 000) | open, not due | two claim tasks, ikkeStartet |
 * | forsinkelsesrente on the late mva payment | open, due the day booked | a claim task, ikkeStartet or forfalt |
 */
export const scenarioToday = localDate('2026-06-20');

export interface CalendarScenario {
  readonly enk: string;
  readonly eier: string;
  readonly kid: { readonly mva2: string; readonly aga3: string; readonly trekk3: string; readonly restskatt: string };
  readonly kravforfallId: { readonly restskatt1: string; readonly restskatt2: string };
}

const kr = (kroner: number) => toOere(kroner * 100);

/** Books the scenario for `enk` (owned by `eier`); keys are made unique with `keyPrefix`. */
export async function bookCalendarScenario(db: Kysely<Database>, enk: string, eier: string, keyPrefix = enk): Promise<CalendarScenario> {
  let n = 0;
  const key = () => `${keyPrefix}-kalender-${n++}`;
  await registrerParter(db, [
    { partId: eier, navn: 'Kari Kalender', registrertDato: localDate('2015-01-01') },
    {
      partId: enk,
      navn: 'Kalender Rørlegger',
      organisasjonsform: 'ENK',
      eierPartId: eier,
      registrertDato: localDate('2015-01-01'),
      mvaTermintype: 'tomaaneders',
      arbeidsgiver: true,
      forskuddspliktig: true,
    },
  ]);
  const krav = (bokfoertDato: string, partId: string, input: Omit<KravInput, 'idempotencyKey' | 'bokfoertDato' | 'partId'>) =>
    bokfoerKrav(db, { idempotencyKey: key(), bokfoertDato: localDate(bokfoertDato), partId, ...input });
  const betal = (bokfoertDato: string, partId: string, kroner: number, kid: string) =>
    bokfoerInnbetaling(db, { idempotencyKey: key(), bokfoertDato: localDate(bokfoertDato), partId, beloepOere: kr(kroner), kid });
  const lever = (bokfoertDato: string, leveringstype: 'mva-melding' | 'a-melding' | 'skattemelding', periodeAar: number, termin?: string) =>
    registrerLevering(db, { idempotencyKey: key(), bokfoertDato: localDate(bokfoertDato), partId: enk, leveringstype, periodeAar, termin });
  const forfall = (dato: string, kroner: number) => ({ forfallsdato: localDate(dato), beloepOere: kr(kroner) });

  const forskuddsskatt = await krav('2026-01-20', eier, {
    kravtype: 'utskrevetForskuddsskattPerson',
    periode: { beskrivelse: 'Inntektsår 2026', aar: 2026 },
    forfall: [forfall('2026-03-16', 5000), forfall('2026-05-15', 5000), forfall('2026-09-15', 5000), forfall('2026-11-16', 5000)],
  });
  await krav('2026-02-09', enk, { kravtype: 'tilgodeMva', periode: { beskrivelse: '6. termin 2025', aar: 2025, termin: '06' }, forfall: [forfall('2026-02-10', -2000)] });
  await betal('2026-03-16', eier, 5000, kidOf(forskuddsskatt));

  await lever('2026-04-08', 'mva-melding', 2026, '01');
  const mva1 = await krav('2026-04-08', enk, { kravtype: 'åBetaleMva', periode: { beskrivelse: '1. termin 2026', aar: 2026, termin: '01' }, forfall: [forfall('2026-04-10', 10000)] });
  await betal('2026-04-09', enk, 10000, kidOf(mva1));

  await lever('2026-05-04', 'a-melding', 2026, '04');
  const aga2 = await krav('2026-05-05', enk, { kravtype: 'arbeidsgiveravgift', periode: { beskrivelse: '2. termin 2026', aar: 2026, termin: '2' }, forfall: [forfall('2026-05-15', 5000)] });
  const trekk2 = await krav('2026-05-05', enk, { kravtype: 'forskuddstrekk', periode: { beskrivelse: '2. termin 2026', aar: 2026, termin: '2' }, forfall: [forfall('2026-05-15', 7000)] });
  await betal('2026-05-15', enk, 5000, kidOf(aga2));
  await betal('2026-05-15', enk, 7000, kidOf(trekk2));

  await lever('2026-06-15', 'mva-melding', 2026, '02');
  const mva2 = await krav('2026-06-15', enk, { kravtype: 'åBetaleMva', periode: { beskrivelse: '2. termin 2026', aar: 2026, termin: '02' }, forfall: [forfall('2026-06-10', 8000)] });
  await betal('2026-06-18', enk, 3000, kidOf(mva2));

  const restskatt = await krav('2026-06-19', eier, {
    kravtype: 'restskattPerson',
    periode: { beskrivelse: 'Inntektsår 2025', aar: 2025 },
    forfall: [forfall('2026-07-14', 3000), forfall('2026-08-18', 3000)],
  });
  const aga3 = await krav('2026-06-19', enk, { kravtype: 'arbeidsgiveravgift', periode: { beskrivelse: '3. termin 2026', aar: 2026, termin: '3' }, forfall: [forfall('2026-07-15', 5000)] });
  const trekk3 = await krav('2026-06-19', enk, { kravtype: 'forskuddstrekk', periode: { beskrivelse: '3. termin 2026', aar: 2026, termin: '3' }, forfall: [forfall('2026-07-15', 7000)] });
  await betal('2026-06-20', enk, 2000, kidOf(aga3));

  return {
    enk,
    eier,
    kid: { mva2: kidOf(mva2), aga3: kidOf(aga3), trekk3: kidOf(trekk3), restskatt: kidOf(restskatt) },
    kravforfallId: { restskatt1: restskatt.forfall[0]!.kravforfallId, restskatt2: restskatt.forfall[1]!.kravforfallId },
  };
}

function kidOf(krav: { forfall: readonly { kid: string | null }[] }): string {
  const kid = krav.forfall[0]?.kid;
  if (!kid) throw new Error('the claim has no KID');
  return kid;
}

/** The scenario's year: every 2026 deadline (daysBetween 364, within the one-year limit). */
export const scenarioYear: { readonly fraOgMed: LocalDate; readonly tilOgMed: LocalDate } = {
  fraOgMed: localDate('2026-01-01'),
  tilOgMed: localDate('2026-12-31'),
};
