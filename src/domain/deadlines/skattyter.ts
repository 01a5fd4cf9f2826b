/**
 * Who pays tax in which rhythm: personal taxpayers (a person, or the owner of an ENK — the ENK is
 * not a legal person) and everyone else (AS, ASA, SA, …), domain-rules §4.5–4.7.
 */
export type Skattytertype = 'personlig' | 'upersonlig';

/** `organisasjonsform` of a party, or "person" for a person (as the registrations input uses it). */
export function skattytertypeFor(organisasjonsform: string): Skattytertype {
  return organisasjonsform === 'ENK' || organisasjonsform === 'person' ? 'personlig' : 'upersonlig';
}
