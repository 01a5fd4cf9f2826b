import type { Oversikt, PartView } from '../../../ledger/index.js';
import type { AapneKrav } from '../schemas/svar.js';
import { kredit, kroner } from './felles.js';
import { mapInnbetaling } from './innbetaling.js';
import { mapKrav } from './krav.js';

/** `/aapnekrav` from the view's open claims, unplaced payments and §7 sums. */
export function mapAapneKrav(view: PartView): AapneKrav {
  const aapne = view.aapne;
  if (aapne === undefined) throw new Error('the view was built without its open claims');
  return {
    partIdentifikator: view.partId,
    skjermet: false,
    aapentKravMedGjenstaaendeBeloep: aapne.krav.map(mapKrav),
    innbetalingMedUplassertBeloep: aapne.innbetalinger.map(mapInnbetaling),
    totalOversikt: totalOversikt(aapne.oversikt),
    oversiktPerKravgruppe: aapne.oversikt.perKravgruppe.map((g) => ({
      kravgruppe: g.kravgruppeTekst,
      sumStipulerteRenter: kroner(g.sumStipulerteRenterOere),
      sumForfalteKrav: kroner(g.sumForfalteKravOere),
      sumIkkeForfalteKrav: kroner(g.sumIkkeForfalteKravOere),
      saldo: kroner(g.saldoOere),
    })),
  };
}

/** Unplaced payments are credits here (negative), so saldo is the plain sum of the four (spec §7). */
function totalOversikt(oversikt: Oversikt): AapneKrav['totalOversikt'] {
  const { total } = oversikt;
  return {
    sumStipulerteRenter: kroner(total.sumStipulerteRenterOere),
    sumForfalteKrav: kroner(total.sumForfalteKravOere),
    sumIkkeForfalteKrav: kroner(total.sumIkkeForfalteKravOere),
    sumUplasserteInnbetalinger: kredit(total.sumUplasserteInnbetalingerOere),
    saldo: kroner(total.saldoOere),
  };
}
