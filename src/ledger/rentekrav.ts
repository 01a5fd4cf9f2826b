import { assertInvariant } from '../domain/assert.js';
import type { Bokfoering, GruppeKravforfall } from './bokfoering.js';
import type { PlanlagtRente, PostRef } from './covering.js';
import { findKravtype, kravgruppeFor } from './kodelister.js';
import type { RenteKrav } from './resultater.js';

/**
 * Books the forsinkelsesrente claims a plan created (decision 0005): one claim per principal, in
 * the principal's group and period, due the day it is booked, with `hovedstol_krav_id` set, of the
 * interest type the group names (`forsinkelsesrenterMva` for VAT, `forsinkelsesrente` otherwise).
 * Interest is computed, not assessed: on a principal that records how it was assessed, the
 * interest claim says `blank`, as the published VAT ledger does (decision 0164).
 */
export async function bookRenteKrav(session: Bokfoering, renter: readonly PlanlagtRente[]): Promise<Map<number, GruppeKravforfall>> {
  const nye = renter.map((rente) => {
    const hovedstol = session.kravInfo(rente.hovedstolKravId);
    assertInvariant(hovedstol !== undefined, `the principal ${rente.hovedstolKravId} of an interest claim is in the session`);
    const kravtype = kravgruppeFor(hovedstol.kravgruppe).forsinkelsesrenteKravtype;
    return {
      partId: hovedstol.partId,
      kravtype,
      kravgruppe: hovedstol.kravgruppe,
      beskrivelse: `${findKravtype(kravtype)!.tekst} ${hovedstol.beskrivelse}`,
      periode: hovedstol.periode,
      opprettetDato: rente.forfallsdato,
      fastsettingsmaate: hovedstol.fastsettingsmaate === null ? null : 'blank',
      hovedstolKravId: hovedstol.kravId,
      forfall: [{ forfallsdato: rente.forfallsdato, beloepOere: rente.beloepOere, kid: 'generer' as const, mottakerkonto: rente.mottakerkonto }],
    };
  });
  const booked = await session.bookKrav(nye);
  return new Map(renter.map((rente, index) => [rente.index, booked[index]![0]!]));
}

/** The booked item a planned placement points at. */
export function resolvePost(ref: PostRef, renteItems: ReadonlyMap<number, GruppeKravforfall>): string {
  if (ref.kind === 'kravforfall') return ref.kravforfallId;
  const item = renteItems.get(ref.index);
  assertInvariant(item !== undefined, `planned interest claim #${ref.index} was booked`);
  return item.kravforfallId;
}

export function renteKravResultat(items: ReadonlyMap<number, GruppeKravforfall>): RenteKrav[] {
  return [...items.values()].map((item) => ({
    kravId: item.kravId,
    kravforfallId: item.kravforfallId,
    partId: item.partId,
    hovedstolKravId: item.hovedstolKravId!,
    kravtype: item.kravtype,
    kravgruppe: item.kravgruppe,
    beskrivelse: item.beskrivelse,
    beloepOere: item.opprinneligOere,
    forfallsdato: item.forfallsdato,
  }));
}
