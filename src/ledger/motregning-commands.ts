import type { Bokfoering } from './bokfoering.js';
import { planMotregning } from './motregning.js';
import { bookRenteKrav, renteKravResultat, resolvePost } from './rentekrav.js';
import { forsinkelsesrentesatser } from './rentesatser.js';
import { dekketPost, type Motregning, type RenteKrav } from './resultater.js';

export interface MotregningUtfall {
  readonly motregninger: Motregning[];
  readonly renteKrav: RenteKrav[];
}

/**
 * Sets the group's usable credits off against its overdue debts (planMotregning) and books the
 * plan: interest claims first, then each set-off as one placement shown on both sides. Runs when
 * a credit claim is booked and in the daily run.
 */
export async function motregn(session: Bokfoering): Promise<MotregningUtfall> {
  const plan = planMotregning({
    dato: session.bokfoertDato,
    kreditter: session.openKreditPoster(),
    poster: session.openDebetPoster(),
    rentesatser: forsinkelsesrentesatser(),
  });
  const renteItems = await bookRenteKrav(session, plan.renter);
  const motregninger = plan.motregninger.map((planned) => {
    const debetForfallId = resolvePost(planned.post, renteItems);
    session.placeMotregning(planned.kreditForfallId, debetForfallId, planned.beloepOere);
    return { beloepOere: planned.beloepOere, kreditt: dekketPost(session.item(planned.kreditForfallId)), debet: dekketPost(session.item(debetForfallId)) };
  });
  return { motregninger, renteKrav: renteKravResultat(renteItems) };
}
