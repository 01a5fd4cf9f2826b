import { addDays, compareDates, localDate, type LocalDate } from '../domain/dates.js';
import { rentesatser, type Rentesatser } from '../domain/interest.js';
import { readDataFile } from './data-files.js';

interface RateFile {
  satser: { fraOgMed: string; tilOgMed: string; satsBasispunkter: number }[];
}

/** The last day a carried-forward rate reaches: the ledger's own year limit. */
const videreførtTil = localDate('2199-12-31');

let published: Rentesatser | undefined;
let withCarriedForward: Rentesatser | undefined;

/** The published forsinkelsesrente periods of data/forsinkelsesrente.json, checked contiguous and frozen (decision 0001). */
function publiserteSatser(): Rentesatser {
  published ??= rentesatser(
    (JSON.parse(readDataFile('forsinkelsesrente.json')) as RateFile).satser.map((sats) => ({
      fraOgMed: localDate(sats.fraOgMed),
      tilOgMed: localDate(sats.tilOgMed),
      satsBasispunkter: sats.satsBasispunkter,
    })),
  );
  return published;
}

/** The last day of the newest published rate period; after it the ledger carries that rate forward. */
export function sistePubliserteRentedag(): LocalDate {
  return publiserteSatser().at(-1)!.tilOgMed;
}

/**
 * The table the ledger computes with (decision 0041): the published periods, then the newest
 * published rate carried forward, so a sandbox keeps booking and showing interest after a
 * half-year whose rate is not yet in the data file. `kob serve` says when that happens.
 */
export function forsinkelsesrentesatser(): Rentesatser {
  if (withCarriedForward === undefined) {
    const satser = publiserteSatser();
    const last = satser.at(-1)!;
    const next = addDays(last.tilOgMed, 1);
    withCarriedForward = compareDates(next, videreførtTil) > 0 ? satser : rentesatser([...satser, { fraOgMed: next, tilOgMed: videreførtTil, satsBasispunkter: last.satsBasispunkter }]);
  }
  return withCarriedForward;
}
