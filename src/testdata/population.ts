import type { PersonRolleInput } from '../auth/index.js';
import { addDays, daysBetween, makeDate, type LocalDate } from '../domain/dates.js';
import type { MvaTermintype, PartInput } from '../ledger/index.js';
import { disiplinVekter } from './behaviour.js';
import type { Virksomhet } from './history.js';
import { syntheticFnr, syntheticKontonummer, syntheticOrgnr } from './identities.js';
import { firstNames, placeWords, surnames, trades } from './names.js';
import { Prng } from './prng.js';

/**
 * A synthetic business and the persons who may act for it: an ENK and its owner, or an AS with a
 * daglig leder and a styreleder (often the same person). Business n has organisation number n and
 * persons 2n and 2n + 1 whatever the seed; the seed draws everything else
 * (docs/decisions/0061-syntetiske-fordelinger.md).
 */
export interface SyntheticBusiness {
  readonly index: number;
  readonly virksomhet: Virksomhet;
  /** Every party to register, persons first (an owner must exist before its ENK). */
  readonly parter: readonly PartInput[];
  readonly roller: readonly PersonRolleInput[];
}

const mvaVekter: Readonly<Record<'ENK' | 'AS', Readonly<Record<MvaTermintype | 'ingen', number>>>> = {
  ENK: { tomaaneders: 55, aarlig: 20, primaernaering: 5, ingen: 20 },
  AS: { tomaaneders: 82, aarlig: 8, primaernaering: 2, ingen: 8 },
};

export function syntheticBusiness(seed: number, index: number, historyStart: LocalDate): SyntheticBusiness {
  const prng = Prng.of(seed, 'virksomhet', index);
  const form = prng.chance(0.55) ? 'ENK' : 'AS';
  const registrertDato = registrationDate(prng, historyStart);
  const person = (personIndex: number): PartInput => ({
    partId: syntheticFnr(personIndex),
    navn: `${prng.pick(firstNames)} ${prng.pick(surnames)}`,
    skjermet: prng.chance(0.005),
    utbetalingskonto: prng.chance(0.9) ? syntheticKontonummer(prng) : undefined,
    forskuddspliktig: form === 'ENK',
    registrertDato,
  });
  const first = person(2 * index);
  const mva = prng.weighted(mvaVekter[form]);
  const trade = prng.pick(trades);
  const orgnr = syntheticOrgnr(index);
  const organisasjon = {
    partId: orgnr,
    navn: form === 'ENK' ? `${prng.chance(0.5) ? first.navn : first.navn.split(' ')[1]} ${trade}` : `${prng.pick(placeWords)} ${trade} AS`,
    organisasjonsform: form,
    eierPartId: form === 'ENK' ? first.partId : undefined,
    utbetalingskonto: prng.chance(0.88) ? syntheticKontonummer(prng) : undefined,
    mvaTermintype: mva === 'ingen' ? undefined : mva,
    arbeidsgiver: prng.chance(form === 'ENK' ? 0.35 : 0.85),
    forskuddspliktig: prng.chance(form === 'ENK' ? 0.9 : 0.95),
    registrertDato,
  };
  const virksomhet: Virksomhet = {
    organisasjon,
    eier: form === 'ENK' ? first : undefined,
    disiplin: { levering: prng.weighted(disiplinVekter), betaling: prng.weighted(disiplinVekter) },
    skala: Math.min(8, Math.max(0.2, prng.logNormal(1, 0.6))),
    betalerKonto: organisasjon.utbetalingskonto ?? syntheticKontonummer(prng),
  };
  if (form === 'ENK') return { index, virksomhet, parter: [first, organisasjon], roller: [] };
  const styreleder = prng.chance(0.6) ? first : person(2 * index + 1);
  return {
    index,
    virksomhet,
    parter: styreleder === first ? [first, organisasjon] : [first, styreleder, organisasjon],
    roller: [
      { orgnr, fnr: first.partId, rolle: 'daglig_leder' },
      { orgnr, fnr: styreleder.partId, rolle: 'styreleder' },
    ],
  };
}

/** Most businesses are older than the history; about one in seven starts during it. */
function registrationDate(prng: Prng, historyStart: LocalDate): LocalDate {
  if (prng.chance(0.15)) return addDays(historyStart, prng.int(0, 540));
  const yearsBefore = prng.int(1, 15);
  const start = makeDate(Number(historyStart.slice(0, 4)) - yearsBefore, 1, 1);
  return addDays(start, prng.int(0, daysBetween(start, addDays(start, 364))));
}
