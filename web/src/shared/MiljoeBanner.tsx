/**
 * Always on top of every page, never dismissible: this is a sandbox with invented data and
 * not a service of the Norwegian Tax Administration.
 */
export function MiljoeBanner() {
  return (
    <div className="miljoe-banner" role="note" aria-label="Testmiljø">
      <strong>Testmiljø — syntetiske data.</strong>
      Ikke en offisiell tjeneste. Alle personer, virksomheter og beløp er oppdiktet.
    </div>
  );
}
