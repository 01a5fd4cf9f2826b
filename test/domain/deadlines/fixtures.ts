import { localDate } from '../../../src/domain/dates.js';
import {
  obligationsForReferenceYear,
  type KravforfallForOppgave,
  type Obligation,
  type Registreringer,
} from '../../../src/domain/deadlines/index.js';

export const enkRegistreringer: Registreringer = {
  organisasjonsform: 'ENK',
  mvaTermintype: 'tomaaneders',
  arbeidsgiver: true,
  forskuddspliktig: true,
};

const enk2026 = obligationsForReferenceYear(enkRegistreringer, 2026);

/** An obligation of the ENK fixture about 2026, by id. */
export function enkObligation(id: string): Obligation {
  const found = enk2026.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id}`);
  return found;
}

/** The first of two restskatt instalments for 2025, as the ledger would describe it. */
export const restskattKravforfall: KravforfallForOppgave = {
  kravforfallId: '360000042',
  kravtype: 'restskattPerson',
  produktomraade: 'Skatt',
  kravbeskrivelse: 'Restskatt',
  periodeAar: 2025,
  termin: null,
  periodeFra: null,
  periodeTil: null,
  forfallNummer: 1,
  antallForfall: 2,
  forfallsdato: localDate('2026-07-14'),
};
