import { isValidKid } from '../domain/kid.js';
import type { Oere } from '../domain/money.js';
import { planAllocation } from './allocation.js';
import type { Bokfoering, GruppeInnbetaling } from './bokfoering.js';
import { bookRenteKrav, renteKravResultat, resolvePost } from './rentekrav.js';
import { forsinkelsesrentesatser } from './rentesatser.js';
import { dekketPost, type Plassering, type RenteKrav } from './resultater.js';

/** How the ledger read the payment's KID. */
export interface KidTolkning {
  readonly kid: string;
  /** Valid with the check-digit algorithm of the account the payment was sent to (decision 0002). */
  readonly gyldig: boolean;
  /** The open claim of the debtor group it identifies, if any. */
  readonly kravId?: string | undefined;
}

export interface PlasseringAvInnbetaling {
  readonly kid: KidTolkning | null;
  readonly plasseringer: Plassering[];
  readonly renteKrav: RenteKrav[];
  readonly uplassertOere: Oere;
}

/**
 * Places what is unplaced of a payment on the debtor group's open items (planAllocation) and books
 * the plan: the interest claims it causes, then every placement. Used when a payment arrives and
 * when a new claim meets payments that were left unplaced.
 */
export async function plasserInnbetaling(session: Bokfoering, payment: GruppeInnbetaling): Promise<PlasseringAvInnbetaling> {
  const kid = tolkKid(session, payment);
  const plan = planAllocation({
    beloepOere: payment.uplassertOere,
    innbetalingsdato: payment.innbetalingsdato,
    kidKravId: kid?.kravId,
    mottakerkonto: payment.mottakerkonto,
    poster: session.openDebetPoster(),
    rentesatser: forsinkelsesrentesatser(),
    renteForfallsdato: session.bokfoertDato,
  });
  const renteItems = await bookRenteKrav(session, plan.renter);
  const plasseringer = plan.plasseringer.map((planned) => {
    const kravforfallId = resolvePost(planned.post, renteItems);
    session.placeInnbetaling(payment.innbetalingId, kravforfallId, planned.beloepOere);
    return { ...dekketPost(session.item(kravforfallId)), innbetalingId: payment.innbetalingId, plassertOere: planned.beloepOere, grunnlag: planned.grunnlag };
  });
  return { kid, plasseringer, renteKrav: renteKravResultat(renteItems), uplassertOere: payment.uplassertOere };
}

function tolkKid(session: Bokfoering, payment: GruppeInnbetaling): KidTolkning | null {
  if (payment.kid === null) return null;
  const algorithm = session.konto(payment.mottakerkonto)?.kidAlgoritme ?? 'MOD11';
  const gyldig = isValidKid(payment.kid, algorithm);
  return { kid: payment.kid, gyldig, kravId: gyldig ? session.kravIdForKid(payment.kid) : undefined };
}
