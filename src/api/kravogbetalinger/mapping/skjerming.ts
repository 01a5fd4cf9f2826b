import type { Rettighetspakke } from '../parameters.js';
import type { AapneKrav, AlleKrav, Innbetalinger, Utbetalinger } from '../schemas/svar.js';

/**
 * Shielding (spec §9, decision 0040): when the party or an included ENK owner has a protected
 * address, the rights package decides what leaves. `regnskapssystem` (the business's own
 * accounting system) keeps every amount, date and id but loses what could tell where a person
 * is: payer and payee accounts, names and messages. `finans` (a third party with consent) gets
 * the period and, on `/aapnekrav`, the sums, but no claim, payment or payout. `skjermet` is
 * true exactly when something was removed.
 */
type Body = AapneKrav | AlleKrav | Innbetalinger | Utbetalinger;

const listKeys = ['aapentKravMedGjenstaaendeBeloep', 'innbetalingMedUplassertBeloep', 'krav', 'innbetaling', 'utbetaling'] as const;
/** The keys whose values (`Betalingsinformasjon` of the payer or payee) carry names, accounts, addresses and messages. */
const partyDetailKeys = new Set(['innbetaltFra', 'betaltTil']);
/** What such a value says about a person: where they bank, live (a cheque's or payout card's address) or what they wrote. */
const partyDetails: readonly string[] = ['konto', 'meldingSendtTilMottaker', 'sjekkSendtTil', 'utbetalingskortSendtTil'];

export function skjerm<T extends Body>(body: T, rettighetspakke: Rettighetspakke): T {
  const removal = rettighetspakke === 'finans' ? withoutLists(body) : withoutPartyDetails(body);
  return { ...removal.body, skjermet: removal.removed };
}

function withoutLists<T extends Body>(body: T): { body: T; removed: boolean } {
  const kept: Record<string, unknown> = { ...body };
  let removed = false;
  for (const key of listKeys) {
    const list = kept[key] as unknown[] | undefined;
    if (list !== undefined && list.length > 0) removed = true;
    delete kept[key];
  }
  return { body: kept as T, removed };
}

function withoutPartyDetails<T extends Body>(body: T): { body: T; removed: boolean } {
  let removed = false;
  const strip = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => strip(item));
    if (value === null || typeof value !== 'object') return value;
    if (key !== undefined && partyDetailKeys.has(key)) {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      const kept = entries.filter(([k]) => !partyDetails.includes(k));
      if (kept.length < entries.length) removed = true;
      return Object.fromEntries(kept);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v, k)]));
  };
  return { body: strip(body) as T, removed };
}
