import Type, { type Static } from 'typebox';

/**
 * The Frister API's answer (domain-rules §5.7), with the key order of Skatteetaten's published
 * example: `kilder` before `virksomhet`, and `frister`, `kilde`, `status` within a source.
 */
export const Frist = Type.Object(
  {
    tittel: Type.String({ examples: ['Husk å levere skattemeldingen for selskap.'] }),
    aktivitetsbeskrivelse: Type.String({ examples: ['Det er mulig å søke utsatt frist.'] }),
    aktivitetstype: Type.Enum(['betalingskrav', 'rapporteringskrav', 'dokumentasjonskrav', 'registreringskrav']),
    frist: Type.String({ format: 'date', description: 'Fristen slik regelen sier den (nominell; faller den på en helligdag, gjelder neste virkedag).', examples: ['2026-05-31'] }),
  },
  { title: 'FristerFrist' },
);

export const Kilde = Type.Object(
  {
    frister: Type.Array(Frist),
    kilde: Type.String({ examples: ['skatt'] }),
    status: Type.String({ examples: ['OK'] }),
  },
  { title: 'FristerKilde' },
);

export const Frister = Type.Object(
  {
    kilder: Type.Array(Kilde, { minItems: 1 }),
    virksomhet: Type.String({ description: 'Organisasjonsnummeret.', examples: ['123456789'] }),
  },
  { title: 'Frister' },
);
export type Frister = Static<typeof Frister>;

export const FristerParams = Type.Object({
  organisasjonsnummer: Type.String({
    format: 'organisasjonsnummer',
    pattern: '^[0-9]{9}$',
    description: 'Virksomhetens organisasjonsnummer (9 sifre, gyldig kontrollsiffer).',
    examples: ['313367002'],
  }),
});
export type FristerParams = Static<typeof FristerParams>;
