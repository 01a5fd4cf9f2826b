import { sql, type Expression, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { assertInvariant } from '../domain/assert.js';
import type { LocalDate } from '../domain/dates.js';
import { limits } from '../domain/limits.js';
import { zeroOere } from '../domain/money.js';
import { innbetalingQuery, kravforfallQuery, utbetalingQuery } from './queries.js';
import type { MvaTermintype } from './tables.js';

/**
 * "Find me a business in this situation": the search the sandbox's Testdata page offers over the
 * synthetic businesses (decision 0073). One parameterised query, answered as of a business date
 * with the rules of the party view: a party's view is its own facts, and an ENK's also its
 * owner's; only facts booked on or before the date count; a due item is overdue when it is an
 * open debit item whose due date is before the date. The remaining and unplaced amounts come
 * from the same SQL the views use (`queries.ts`).
 */
export interface PartSoek {
  readonly asOf: LocalDate;
  /** Part of the name, or the start of the organisation number. */
  readonly tekst?: string | undefined;
  readonly organisasjonsform?: string | undefined;
  /** A VAT term type, or `ingen` for businesses not VAT-registered. */
  readonly mvaTermintype?: MvaTermintype | 'ingen' | undefined;
  /** The party, or an ENK's owner, has a protected address. */
  readonly skjermet?: boolean | undefined;
  readonly arbeidsgiver?: boolean | undefined;
  /** Each situation: true = must be in it, false = must not, undefined = either. */
  readonly harForfalteKrav?: boolean | undefined;
  readonly harUplassertInnbetaling?: boolean | undefined;
  readonly harUtbetaling?: boolean | undefined;
  readonly harTilgode?: boolean | undefined;
  /** 0-based page number. */
  readonly side: number;
  readonly antallPerSide: number;
}

export interface PartSituasjon {
  /** An open debit due item with a due date before the business date. */
  readonly harForfalteKrav: boolean;
  /** A payment with money not yet placed on any claim. */
  readonly harUplassertInnbetaling: boolean;
  /** A payout made on or before the business date. */
  readonly harUtbetaling: boolean;
  /** An open credit due item: money the business has to its credit. */
  readonly harTilgode: boolean;
}

export interface PartTreff {
  readonly partId: string;
  readonly navn: string;
  readonly organisasjonsform: string | null;
  readonly mvaTermintype: MvaTermintype | null;
  readonly arbeidsgiver: boolean;
  readonly skjermet: boolean;
  readonly situasjon: PartSituasjon;
}

export interface PartSoekResultat {
  /** Every hit of the search, on all pages. */
  readonly totalt: number;
  readonly treff: readonly PartTreff[];
}

type PartScope = ExpressionBuilder<Database & { p: Database['part']; eier: Database['part'] }, 'p' | 'eier'>;

/** Organisations in the situation asked for, by name then organisation number. */
export async function soekParter(db: Kysely<Database>, soek: PartSoek): Promise<PartSoekResultat> {
  assertInvariant(Number.isSafeInteger(soek.side) && soek.side >= 0 && soek.side < limits.partSearchPagesMax, `page out of range: ${soek.side}`);
  assertInvariant(Number.isSafeInteger(soek.antallPerSide) && soek.antallPerSide >= 1 && soek.antallPerSide <= limits.partSearchPageItemsMax, `page size out of range: ${soek.antallPerSide}`);
  const { asOf } = soek;
  /** A fact whose `part_id` is `partId` belongs to the view of `p`: the party itself or an ENK's owner. */
  const inView = (eb: PartScope, partId: Expression<string>) => eb.or([eb(partId, '=', eb.ref('p.part_id')), eb(partId, '=', eb.ref('eier.part_id'))]);
  const situasjon = (eb: PartScope) => ({
    harForfalteKrav: eb.exists(
      kravforfallQuery(db, asOf)
        .select(sql.lit(1).as('x'))
        .where((f) => f.and([inView(eb, f.ref('f.part_id')), f('f.beloep_oere', '>', zeroOere), f('f.gjenstaaende_oere', '>', zeroOere), f('f.forfallsdato', '<', asOf)])),
    ),
    harUplassertInnbetaling: eb.exists(
      innbetalingQuery(db, asOf)
        .select(sql.lit(1).as('x'))
        .where((i) => i.and([inView(eb, i.ref('i.part_id')), i('i.uplassert_oere', '>', zeroOere)])),
    ),
    harUtbetaling: eb.exists(
      utbetalingQuery(db, asOf)
        .select(sql.lit(1).as('x'))
        .where((u) => inView(eb, u.ref('u.part_id'))),
    ),
    harTilgode: eb.exists(
      kravforfallQuery(db, asOf)
        .select(sql.lit(1).as('x'))
        .where((f) => f.and([inView(eb, f.ref('f.part_id')), f('f.beloep_oere', '<', zeroOere), f('f.gjenstaaende_oere', '<', zeroOere)])),
    ),
  });

  const parter = db
    .selectFrom('part as p')
    .leftJoin('part as eier', 'eier.part_id', 'p.eier_part_id')
    .where('p.part_type', '=', 'organisasjon')
    .where('p.registrert_dato', '<=', asOf)
    .select((eb) => {
      const s = situasjon(eb);
      return [
        'p.part_id',
        'p.navn',
        'p.organisasjonsform',
        'p.mva_termintype',
        'p.arbeidsgiver',
        // As the view says it: an ENK whose owner is shielded is shielded too.
        sql<boolean>`p.skjermet or coalesce(eier.skjermet, false)`.as('skjermet'),
        s.harForfalteKrav.$castTo<boolean>().as('har_forfalte_krav'),
        s.harUplassertInnbetaling.$castTo<boolean>().as('har_uplassert_innbetaling'),
        s.harUtbetaling.$castTo<boolean>().as('har_utbetaling'),
        s.harTilgode.$castTo<boolean>().as('har_tilgode'),
      ];
    });

  const tekst = soek.tekst?.trim().slice(0, limits.partSearchTextLengthMax) ?? '';
  const pattern = tekst.replace(/[\\%_]/g, (c) => `\\${c}`);
  const filtered = db
    .selectFrom(parter.as('s'))
    .$if(tekst !== '', (qb) => qb.where((eb) => eb.or([eb('s.navn', 'ilike', `%${pattern}%`), eb('s.part_id', 'like', `${pattern}%`)])))
    .$if(soek.organisasjonsform !== undefined, (qb) => qb.where('s.organisasjonsform', '=', soek.organisasjonsform!))
    .$if(soek.mvaTermintype === 'ingen', (qb) => qb.where('s.mva_termintype', 'is', null))
    .$if(soek.mvaTermintype !== undefined && soek.mvaTermintype !== 'ingen', (qb) => qb.where('s.mva_termintype', '=', soek.mvaTermintype as MvaTermintype))
    .$if(soek.skjermet !== undefined, (qb) => qb.where('s.skjermet', '=', soek.skjermet!))
    .$if(soek.arbeidsgiver !== undefined, (qb) => qb.where('s.arbeidsgiver', '=', soek.arbeidsgiver!))
    .$if(soek.harForfalteKrav !== undefined, (qb) => qb.where('s.har_forfalte_krav', '=', soek.harForfalteKrav!))
    .$if(soek.harUplassertInnbetaling !== undefined, (qb) => qb.where('s.har_uplassert_innbetaling', '=', soek.harUplassertInnbetaling!))
    .$if(soek.harUtbetaling !== undefined, (qb) => qb.where('s.har_utbetaling', '=', soek.harUtbetaling!))
    .$if(soek.harTilgode !== undefined, (qb) => qb.where('s.har_tilgode', '=', soek.harTilgode!));
  // One round trip: the page and, beside each hit, the number of hits on all pages.
  const rows = await filtered
    .selectAll('s')
    .select(sql<number>`count(*) over ()`.as('totalt'))
    .orderBy('s.navn')
    .orderBy('s.part_id')
    .limit(soek.antallPerSide)
    .offset(soek.side * soek.antallPerSide)
    .execute();
  // A page past the last has no row to carry the count.
  const totalt = rows[0]?.totalt ?? (soek.side === 0 ? 0 : (await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  return {
    totalt: Number(totalt),
    treff: rows.map((row) => ({
      partId: row.part_id,
      navn: row.navn,
      organisasjonsform: row.organisasjonsform,
      mvaTermintype: row.mva_termintype,
      arbeidsgiver: row.arbeidsgiver,
      skjermet: row.skjermet,
      situasjon: {
        harForfalteKrav: row.har_forfalte_krav,
        harUplassertInnbetaling: row.har_uplassert_innbetaling,
        harUtbetaling: row.har_utbetaling,
        harTilgode: row.har_tilgode,
      },
    })),
  };
}
