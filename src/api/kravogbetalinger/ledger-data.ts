import type { Kysely } from 'kysely';
import type { ChangeNotifications } from '../../db/change-notifications.js';
import type { Database } from '../../db/database.js';
import { InvalidatedCache } from '../../db/invalidated-cache.js';
import { buildPartView, endredeParter, endringsHorisont, LedgerInputError, partChannel, partVersjonMedGruppe, type PartView, type PartViewQuery } from '../../ledger/index.js';
import type { KravOgBetalingerData, Lookup, PartQuery } from './data.js';
import { mapAapneKrav } from './mapping/aapne-krav.js';
import { mapInnbetaling } from './mapping/innbetaling.js';
import { mapKrav } from './mapping/krav.js';
import { skjerm } from './mapping/skjerming.js';
import { mapUtbetaling } from './mapping/utbetaling.js';

/**
 * The API's bodies from the ledger: one party view as of the business date per request, mapped
 * to the published objects and shielded by rights package. Selection by period (decision 0026):
 * claims by creation date, payments by payment date, payouts by payout date. The version for
 * ETags is the newest posting of the view's parties plus their master data (decision 0031).
 * With change notifications the version is cached per party until a booking or a registration
 * touches its debtor group, so a repeated request (and a 304) reads nothing from the database.
 */
export function ledgerData(db: Kysely<Database>, options: { readonly notifications?: ChangeNotifications } = {}): KravOgBetalingerData {
  const versions = options.notifications ? new InvalidatedCache<string>(options.notifications, { name: 'partversjon', channel: partChannel, entriesMax: versionEntriesMax }) : undefined;
  return {
    aapneKrav: (query) =>
      fromView(db, query, { aapne: true }, (view) => skjermetHvis(view, query, mapAapneKrav(view))),
    alleKrav: (query) =>
      fromView(db, query, { kravOpprettet: query.periode }, (view) =>
        skjermetHvis(view, query, { partIdentifikator: view.partId, periode: query.periode, skjermet: false, krav: view.kravOpprettet!.map(mapKrav) }),
      ),
    innbetalinger: (query) =>
      fromView(db, query, { innbetalt: query.periode }, (view) =>
        skjermetHvis(view, query, { partIdentifikator: view.partId, periode: query.periode, skjermet: false, innbetaling: view.innbetalinger!.map(mapInnbetaling) }),
      ),
    utbetalinger: (query) =>
      fromView(db, query, { utbetalt: query.periode }, (view) =>
        skjermetHvis(view, query, { partIdentifikator: view.partId, periode: query.periode, skjermet: false, utbetaling: view.utbetalinger!.map(mapUtbetaling) }),
      ),
    versionKnown: (query) => versions?.getKnown(query.partIdentifikator),
    version: async (query) => {
      const cached = versions?.get(query.partIdentifikator);
      if (cached !== undefined) return cached;
      const ticket = versions?.ticket() ?? 0;
      const found = await partVersjonMedGruppe(db, query.partIdentifikator);
      if (found !== undefined) versions?.set(query.partIdentifikator, found.versjon, found.gruppe, ticket);
      return found?.versjon;
    },
    changes: {
      horizon: () => endringsHorisont(db),
      changed: (window) => endredeParter(db, { partIds: window.partIds, fraXid: window.fromXid, tilXid: window.toXid, etterPartId: window.afterPartId, antall: window.count }),
    },
  };
}

/** A version is a few hundred bytes: 200 000 of them stay well inside a worker's memory (512 MB goal). */
const versionEntriesMax = 200_000;

type Selection = Omit<PartViewQuery, 'partId' | 'asOf'>;

async function fromView<T>(db: Kysely<Database>, query: PartQuery, selection: Selection, map: (view: PartView) => T): Promise<Lookup<T>> {
  let view: PartView;
  try {
    view = await buildPartView(db, { partId: query.partIdentifikator, asOf: query.asOf, ...selection });
  } catch (error) {
    if (error instanceof LedgerInputError && error.code === 'ukjentPart') return { kind: 'unknownParty' };
    throw error;
  }
  return { kind: 'found', body: map(view) };
}

function skjermetHvis<T extends Parameters<typeof skjerm>[0]>(view: PartView, query: PartQuery, body: T): T {
  return view.skjermet ? skjerm(body, query.rettighetspakke) : body;
}
