/** What a subscription was made under (decision 0089): a system user, a consent, or a person in Min side. */
export type TilgangType = 'systembruker' | 'samtykke' | 'person';

/** One iCalendar subscription of a party; found by the SHA-256 of its token, never the token itself. */
export interface KalenderAbonnementTable {
  abonnement_id: string;
  token_hash: string;
  part_id: string;
  opprettet_ms: number;
  /** Who made it, in words: "API: …" or "Min side: …". */
  opprettet_av: string;
  tilbakekalt_ms: number | null;
  tilbakekalt_av: string | null;
  /** The access it was made under, null only on Min side's rows from before it was recorded. */
  tilgang: TilgangType | null;
  /** The system user id, consent id or fødselsnummer of that access. */
  tilgang_id: string | null;
}

export interface KalenderTables {
  kalender_abonnement: KalenderAbonnementTable;
}
