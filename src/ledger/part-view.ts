import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareDates, isWithin } from '../domain/dates.js';
import { LedgerInputError } from './errors.js';
import type { InnbetalingFakta, UtbetalingFakta } from './facts.js';
import { mottakerkontoer } from './mottakerkontoer.js';
import type { PartView, PartViewQuery } from './part-view-types.js';
import { faktaFraDokumenter, lesemodellGjelder, lesGruppe, type GruppeMedlem, type PartDokument } from './read-model.js';
import { viewPartIds } from './skyldnergruppe.js';
import { checkDato, checkPartId } from './validation.js';
import { buildView } from './view-builder.js';
import { selectFromFacts, type ViewSelection } from './view-facts.js';

export type * from './part-view-types.js';

/**
 * A party's view as of a date. One indexed read gets the party's debtor group with its read-model
 * rows; as of the group's newest business date or later (the business date, in practice) the view
 * is built from them in memory. An earlier date reads the facts booked up to it (a few queries).
 * Either way the same builder makes the view, so both give the same answer.
 */
export async function buildPartView(db: Kysely<Database>, query: PartViewQuery): Promise<PartView> {
  const partId = checkPartId(query.partId);
  const asOf = checkDato(query.asOf, 'asOf');
  const checked = { ...query, partId, asOf };
  const [gruppe, kontoer] = await Promise.all([lesGruppe(db, partId), mottakerkontoer(db)]);
  const medlem = gruppe.find((m) => m.part.partId === partId);
  if (!medlem) throw new LedgerInputError('ukjentPart', `Ukjent part ${partId}`);
  const eier = medlem.part.eierPartId ? (gruppe.find((m) => m.part.partId === medlem.part.eierPartId)?.part ?? null) : null;
  const ids = viewPartIds({ part_id: partId, eier_part_id: medlem.part.eierPartId });
  const selection = lesemodellGjelder(gruppe, asOf) ? selectFromReadModel(gruppe, ids, checked) : await selectFromFacts(db, ids, checked);
  const sisteSeq = Math.max(0, ...gruppe.filter((m) => ids.includes(m.part.partId)).map((m) => m.sisteSeq ?? 0));
  return buildView({ query: checked, part: medlem.part, eier, sisteSeq, partOrder: ids, kontoer, ...selection });
}

/** What the view selects, from the group's read-model rows (all facts: nothing is booked after the date). */
function selectFromReadModel(gruppe: readonly GruppeMedlem[], ids: readonly string[], query: PartViewQuery): ViewSelection {
  const fakta = faktaFraDokumenter(gruppe.map((m) => ({ partId: m.part.partId, dokument: m.dokument as PartDokument })));
  const inView = (partId: string) => ids.includes(partId);
  const periodItems = query.kravOpprettet;
  const openKrav = new Set<string>();
  if (query.aapne) for (const item of fakta.kravforfall.values()) if (inView(item.partId) && item.gjenstaaendeOere !== 0) openKrav.add(item.kravId);
  const items = [...fakta.kravforfall.values()].filter(
    (item) => inView(item.partId) && (openKrav.has(item.kravId) || (periodItems !== undefined && isWithin(item.opprettetDato, periodItems))),
  );
  const payments = [...fakta.innbetalinger.values()]
    .filter((p) => inView(p.partId) && ((query.aapne && p.uplassertOere > 0) || (query.innbetalt !== undefined && isWithin(p.innbetalingsdato, query.innbetalt))))
    .sort(byDateThenId<InnbetalingFakta>((p) => p.innbetalingsdato, (p) => p.innbetalingId));
  const payouts = query.utbetalt
    ? [...fakta.utbetalinger.values()].filter((u) => inView(u.partId) && isWithin(u.utbetaltdato, query.utbetalt!)).sort(byDateThenId<UtbetalingFakta>((u) => u.utbetaltdato, (u) => u.utbetalingId))
    : [];
  return { items, payments, payouts, fakta };
}

/** The facts' order by date then id (SQL's `order by date, id`: ids are digit strings). */
function byDateThenId<T>(date: (value: T) => string, id: (value: T) => string): (a: T, b: T) => number {
  return (a, b) => compareDates(date(a) as never, date(b) as never) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}
