import Type, { type Static } from 'typebox';

/**
 * The error body shared by Skatteetaten's data-sharing APIs (spec §6, `docs/om/feil.md`):
 * `{kode, melding, korrelasjonsid}` in JSON, `<feil xmlns="urn:no:skatteetaten:datasamarbeid:feil:v1">`
 * in XML. The namespace is the published one.
 */
export const feilXmlNamespace = 'urn:no:skatteetaten:datasamarbeid:feil:v1';

export const Feil = Type.Object(
  {
    kode: Type.String({ description: 'Feilkoden klienten skal styre på.', examples: ['KB-006'] }),
    melding: Type.String({ description: 'Presis beskrivelse på norsk; teksten kan variere for samme kode.' }),
    korrelasjonsid: Type.String({ description: 'Oppgis ved henvendelse til brukerstøtte.', examples: ['13a865f5-28f9-47db-9abd-ab78977c79fe'] }),
  },
  { title: 'Feil', xml: { name: 'feil', namespace: feilXmlNamespace } },
);
export type Feil = Static<typeof Feil>;
