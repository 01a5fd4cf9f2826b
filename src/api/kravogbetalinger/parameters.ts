import Type, { type Static } from 'typebox';
import { echo } from '../error-catalogue.js';
import { identifikatorMelding } from '../identifikator-melding.js';

/**
 * The request parameters (spec §3.1–§3.3) and the Norwegian sentence for each one that fails.
 * The schemas drive validation (the API's Ajv, formats from the domain) and the OpenAPI
 * document; `parameterMelding` turns a failed check into a melding that names the field.
 */

export const rettighetspakker = ['finans', 'regnskapssystem'] as const;
export type Rettighetspakke = (typeof rettighetspakker)[number];

export function isRettighetspakke(value: string): value is Rettighetspakke {
  return (rettighetspakker as readonly string[]).includes(value);
}

export const PartParams = Type.Object({
  rettighetspakke: Type.Enum([...rettighetspakker], {
    description: '`finans` (banker, krever samtykke) eller `regnskapssystem` (regnskapssystemer, krever systembruker). Ukjent verdi gir KB-003.',
  }),
  partIdentifikator: Type.String({
    format: 'partidentifikator',
    pattern: '^[0-9]{9}([0-9]{2})?$',
    description: 'Organisasjonsnummer (9 sifre) eller fødselsnummer/D-nummer (11 sifre) med gyldige kontrollsifre.',
    examples: ['212201782'],
  }),
});
export type PartParams = Static<typeof PartParams>;

const datoParameter = (description: string) =>
  Type.Optional(Type.String({ format: 'date', maxLength: 10, description, examples: ['2023-01-01'] }));

export const PeriodeQuery = Type.Object({
  fraOgMed: datoParameter('Første dag i perioden (ÅÅÅÅ-MM-DD). Standard: tilOgMed minus ett år pluss én dag.'),
  tilOgMed: datoParameter('Siste dag i perioden (ÅÅÅÅ-MM-DD). Standard: dagens dato. Perioden kan være høyst ett år.'),
});
export type PeriodeQuery = Static<typeof PeriodeQuery>;

export const ApiHeaders = Type.Object({
  korrelasjonsid: Type.Optional(
    Type.String({ description: 'Korrelasjonsid (UUID) som følger forespørselen i logger og svar. Genereres når den mangler eller er ugyldig.' }),
  ),
  altinnsamtykke: Type.Optional(Type.String({ description: 'Samtykketoken fra Altinn 2 (rettighetspakken finans).' })),
});

/** The melding for a parameter that failed its schema, naming the parameter and echoing the value. */
export function parameterMelding(name: string, value: unknown): string {
  if (Array.isArray(value)) return `Parameteren ${name} er oppgitt ${value.length} ganger; oppgi den høyst én gang.`;
  const text = typeof value === 'string' ? value : '';
  switch (name) {
    case 'partIdentifikator':
      return identifikatorMelding(`Parameteren partIdentifikator (${echo(text)})`, text, 'partIdentifikator');
    case 'fraOgMed':
    case 'tilOgMed':
      return `Parameteren ${name} (${echo(text)}) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.`;
    default:
      return `Parameteren ${name} (${echo(text)}) er ugyldig.`;
  }
}
