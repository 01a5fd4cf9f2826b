import Type, { type Static, type TArray, type TOptional, type TSchema } from 'typebox';
import { Kroner } from '../../schema-types.js';
import { Periode } from './felles.js';
import { Innbetaling } from './innbetaling.js';
import { Krav } from './krav.js';
import { Utbetaling } from './utbetaling.js';

/**
 * The four response bodies (spec §4.1) and their totals (§4.9, §7).
 *
 * Lists are omitted when empty (published convention), so every list here is optional with
 * `minItems: 1`: `/aapnekrav` without open claims has no claim or group list, and a fully
 * shielded body (`skjermet: true`) keeps only `partIdentifikator`, `periode` and `skjermet`.
 * A period query that finds nothing is answered with KB-007 instead (decision 0027).
 *
 * XML (decision 0030): each body is the root element named in `xml.name`, in our namespace.
 */
export const kravOgBetalingerXmlNamespace = 'no:skatteetaten:innkreving:deling:kravogbetalinger:v1';

const PartIdentifikatorSvar = Type.String({ description: 'Parten det ble spurt om (fra stien).', examples: ['212201782'] });
const Skjermet = Type.Boolean({ description: 'Sann når opplysninger er holdt tilbake fordi parten har skjermingsbehov.' });

const sumDescriptions = {
  sumStipulerteRenter: 'Sum stipulerte renter.',
  sumForfalteKrav: 'Sum gjenstående beløp på forfall med forfallsdato før dagens dato.',
  sumIkkeForfalteKrav: 'Sum gjenstående beløp på forfall med forfallsdato i dag eller senere.',
};

export const TotalOversikt = Type.Object(
  {
    sumStipulerteRenter: Kroner(sumDescriptions.sumStipulerteRenter),
    sumForfalteKrav: Kroner(sumDescriptions.sumForfalteKrav),
    sumIkkeForfalteKrav: Kroner(sumDescriptions.sumIkkeForfalteKrav),
    sumUplasserteInnbetalinger: Kroner('Sum uplasserte beløp (negativt: penger til gode).'),
    saldo: Kroner('sumStipulerteRenter + sumForfalteKrav + sumIkkeForfalteKrav + sumUplasserteInnbetalinger.'),
  },
  { title: 'TotalOversikt' },
);
export type TotalOversikt = Static<typeof TotalOversikt>;

export const OversiktPerKravgruppe = Type.Object(
  {
    kravgruppe: Type.String({ examples: ['Skatt'] }),
    sumStipulerteRenter: Kroner(sumDescriptions.sumStipulerteRenter),
    sumForfalteKrav: Kroner(sumDescriptions.sumForfalteKrav),
    sumIkkeForfalteKrav: Kroner(sumDescriptions.sumIkkeForfalteKrav),
    saldo: Kroner('sumStipulerteRenter + sumForfalteKrav + sumIkkeForfalteKrav.'),
  },
  { title: 'OversiktPerKravgruppe' },
);
export type OversiktPerKravgruppe = Static<typeof OversiktPerKravgruppe>;

export const AapneKrav = Type.Object(
  {
    partIdentifikator: PartIdentifikatorSvar,
    skjermet: Skjermet,
    aapentKravMedGjenstaaendeBeloep: Type.Optional(
      Type.Array(Krav, { minItems: 1, description: 'Krav med gjenstående beløp ulik 0; utelatt når det ikke finnes noen.' }),
    ),
    innbetalingMedUplassertBeloep: Type.Optional(Type.Array(Innbetaling, { minItems: 1 })),
    totalOversikt: TotalOversikt,
    oversiktPerKravgruppe: Type.Optional(
      Type.Array(OversiktPerKravgruppe, { minItems: 1, description: 'Én rad per kravgruppe med åpne krav.' }),
    ),
  },
  { title: 'AapneKrav', description: 'Åpne krav per dagens dato.', xml: { name: 'aapneKrav', namespace: kravOgBetalingerXmlNamespace } },
);
export type AapneKrav = Static<typeof AapneKrav>;

/** The three period bodies share one shape: the party, the period used, shielding, one list. */
function periodeSvar<K extends string, T extends TSchema>(title: string, xmlName: string, listName: K, item: T, description: string) {
  const list = { [listName]: Type.Optional(Type.Array(item, { minItems: 1 })) } as Record<K, TOptional<TArray<T>>>;
  return Type.Object(
    { partIdentifikator: PartIdentifikatorSvar, periode: Periode, skjermet: Skjermet, ...list },
    { title, description, xml: { name: xmlName, namespace: kravOgBetalingerXmlNamespace } },
  );
}

export const AlleKrav = periodeSvar('AlleKrav', 'alleKrav', 'krav', Krav, 'Alle krav opprettet i perioden.');
export type AlleKrav = Static<typeof AlleKrav>;

export const Innbetalinger = periodeSvar('Innbetalinger', 'innbetalinger', 'innbetaling', Innbetaling, 'Innbetalinger med innbetalingsdato i perioden.');
export type Innbetalinger = Static<typeof Innbetalinger>;

export const Utbetalinger = periodeSvar('Utbetalinger', 'utbetalinger', 'utbetaling', Utbetaling, 'Utbetalinger med utbetalingsdato i perioden.');
export type Utbetalinger = Static<typeof Utbetalinger>;
