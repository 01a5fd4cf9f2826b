import { localDate } from '../domain/dates.js';
import { rentesatser, type Rentesatser } from '../domain/interest.js';
import { readDataFile } from './data-files.js';

interface RateFile {
  satser: { fraOgMed: string; tilOgMed: string; satsBasispunkter: number }[];
}

let loaded: Rentesatser | undefined;

/** The forsinkelsesrente table of data/forsinkelsesrente.json, checked contiguous and frozen (decision 0001). */
export function forsinkelsesrentesatser(): Rentesatser {
  loaded ??= rentesatser(
    (JSON.parse(readDataFile('forsinkelsesrente.json')) as RateFile).satser.map((sats) => ({
      fraOgMed: localDate(sats.fraOgMed),
      tilOgMed: localDate(sats.tilOgMed),
      satsBasispunkter: sats.satsBasispunkter,
    })),
  );
  return loaded;
}
