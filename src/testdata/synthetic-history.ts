import { dateParts, makeDate, type LocalDate } from '../domain/dates.js';
import type { Kommando } from '../ledger/index.js';
import { kommandoerFor, type Hendelse } from './events.js';
import { planHistory, type PlanOptions, type Virksomhet } from './history.js';
import { syntheticBusiness, type SyntheticBusiness } from './population.js';
import { Prng } from './prng.js';

/** What fixes a synthetic business's history: the seed, the years it spans and the business date it ends at. */
export interface HistoryPlan {
  readonly seed: number;
  readonly window: Pick<PlanOptions, 'fra' | 'aarFra' | 'aarTil'>;
  readonly today: LocalDate;
}

/** The years a history spans: `years` calendar years up to the business date, claims from the year before on. */
export function historyWindow(today: LocalDate, years: number): HistoryPlan['window'] {
  const { year } = dateParts(today);
  const startYear = year - years + 1;
  return { fra: makeDate(startYear, 1, 1), aarFra: startYear - 1, aarTil: year };
}

export function businessOf(plan: HistoryPlan, index: number): SyntheticBusiness {
  return syntheticBusiness(plan.seed, index, plan.window.fra);
}

/** Business n's whole history as the commands of its debtor group. */
export function plannedCommands(plan: HistoryPlan, business: SyntheticBusiness): Kommando<unknown>[] {
  const hendelser = planHistory(business.virksomhet, { ...plan.window, prng: Prng.of(plan.seed, 'historikk', business.index) });
  return historyCommands(business.virksomhet, hendelser, { keyPrefix: keyPrefix(plan.seed, business.index), til: plan.today });
}

/** The commands of one business's planned history. */
export function historyCommands(virksomhet: Virksomhet, hendelser: readonly Hendelse[], options: { keyPrefix: string; til: LocalDate }): Kommando<unknown>[] {
  return kommandoerFor(hendelser, { ...options, anker: groupIds(virksomhet)[0]! });
}

/** Every synthetic command's key starts so; the seed follows (`syn-<seed>-<business>`). */
export const keyPrefixStart = 'syn-';

function keyPrefix(seed: number, index: number): string {
  return `${keyPrefixStart}${seed}-${index}`;
}

/** The business's debtor group, lowest party id first (the daily run is named after it, as `kjoerOppgjoer` does). */
export function groupIds(virksomhet: Virksomhet): string[] {
  return [virksomhet.organisasjon.partId, ...(virksomhet.eier ? [virksomhet.eier.partId] : [])].sort();
}
