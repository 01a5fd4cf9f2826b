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
}

export interface KalenderTables {
  kalender_abonnement: KalenderAbonnementTable;
}
