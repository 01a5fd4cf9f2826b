export function Bunntekst() {
  return (
    <footer className="bunntekst">
      <p>
        Krav og betalinger (testmiljø) er et åpent kildekodeprosjekt som etterligner Skatteetatens tjenester for utviklere og
        testere. Det er ikke laget av eller tilknyttet Skatteetaten, og opplysningene her gjelder ingen virkelige personer eller
        virksomheter.
      </p>
    </footer>
  );
}
