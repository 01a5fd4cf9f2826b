import { addDays, compareDates, maxDate, type LocalDate } from '../domain/dates.js';
import { isWorkingDay, nextWorkingDay } from '../domain/holidays.js';
import type { Prng } from './prng.js';

/**
 * How a business behaves, drawn once per business: most file and pay on time, some are sloppy,
 * a few are in trouble (docs/decisions/0061-syntetiske-fordelinger.md).
 */
export type Disiplin = 'god' | 'middels' | 'svak';

/** How one filing is delivered. */
export type Leveringsmaate = 'iTide' | 'sent' | 'mangler';

/**
 * How one debit due item is paid: on time with KID, late with KID, partly, on time without KID,
 * too much (the rest stays unplaced), or not at all.
 */
export type Betalingsmaate = 'iTide' | 'sent' | 'delvis' | 'utenKid' | 'forMye' | 'ikke';

const leveringVekter: Readonly<Record<Disiplin, Readonly<Record<Leveringsmaate, number>>>> = {
  god: { iTide: 96, sent: 3, mangler: 1 },
  middels: { iTide: 82, sent: 13, mangler: 5 },
  svak: { iTide: 55, sent: 30, mangler: 15 },
};

const betalingVekter: Readonly<Record<Disiplin, Readonly<Record<Betalingsmaate, number>>>> = {
  god: { iTide: 91, sent: 3, delvis: 1, utenKid: 3, forMye: 2, ikke: 0 },
  middels: { iTide: 72, sent: 12, delvis: 4, utenKid: 5, forMye: 4, ikke: 3 },
  svak: { iTide: 38, sent: 25, delvis: 10, utenKid: 5, forMye: 2, ikke: 20 },
};

export const disiplinVekter: Readonly<Record<Disiplin, number>> = { god: 75, middels: 20, svak: 5 };

export function trekkLevering(prng: Prng, disiplin: Disiplin): Leveringsmaate {
  return prng.weighted(leveringVekter[disiplin]);
}

export function trekkBetaling(prng: Prng, disiplin: Disiplin): Betalingsmaate {
  return prng.weighted(betalingVekter[disiplin]);
}

/** The working day itself, or the last working day before it: when a bank can pay or a form be sent. */
export function workingDayOnOrBefore(date: LocalDate): LocalDate {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/**
 * When a filing with deadline `frist` is delivered: a few days early, or days to weeks late;
 * never before the period it reports on has ended.
 */
export function leveringsdato(prng: Prng, maate: Exclude<Leveringsmaate, 'mangler'>, frist: LocalDate, periodeSlutt: LocalDate): LocalDate {
  const earliest = nextWorkingDay(addDays(periodeSlutt, 1));
  const dato = maate === 'iTide' ? workingDayOnOrBefore(addDays(frist, -prng.int(0, 9))) : nextWorkingDay(addDays(frist, prng.int(3, 35)));
  return maxDate(dato, earliest);
}

/**
 * When a payment of an item due `forfall`, booked `bokfoert`, is made: up to a week early (never
 * before the claim exists), or one day to two months late.
 */
export function betalingsdato(prng: Prng, maate: Exclude<Betalingsmaate, 'ikke'>, forfall: LocalDate, bokfoert: LocalDate): LocalDate {
  if (maate === 'sent') return nextWorkingDay(addDays(maxDate(forfall, bokfoert), prng.int(1, 60)));
  if (compareDates(bokfoert, forfall) > 0) return nextWorkingDay(addDays(bokfoert, prng.int(0, 4)));
  return maxDate(workingDayOnOrBefore(addDays(forfall, -prng.int(0, 6))), bokfoert);
}
