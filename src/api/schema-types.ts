import Type, { type TNumber } from 'typebox';

/**
 * The two scalar kinds every published object is built from. Their `format`s are checked by
 * the API's Ajv (`ajv.ts`) and drive the serializer (`serialization.ts`): a `kroner` number is
 * written with at least one decimal, exactly like the published bodies.
 */

/** A calendar date `YYYY-MM-DD` (no time, no zone), checked to be a real date. */
export const Dato = Type.String({ format: 'date', description: 'Dato på formen ÅÅÅÅ-MM-DD.', examples: ['2023-02-21'] });

const kronerDescription = 'Beløp i kroner med inntil to desimaler; skrives alltid med desimal (`10000.0`).';

/**
 * An amount in kroner with at most two decimals (integer øre inside the program), written with
 * at least one decimal (`10000.0`, `-1.0`, `1234.5`) as in Skatteetaten's published bodies.
 */
export function Kroner(description: string = kronerDescription): TNumber {
  return Type.Number({ format: 'kroner', description, examples: [10000.0] });
}
