import { Alert } from '@skatteetaten/ds-status';

/** Said once per page when shielding held names and accounts back (decision 0065). */
export function SkjermingVarsel({ skjult }: { readonly skjult: boolean }) {
  if (!skjult) return null;
  return (
    <Alert variant="info" showAlert>
      Noen opplysninger er skjult fordi virksomheten eller innehaveren har skjermingsbehov: navn, kontonumre og meldinger vises ikke.
    </Alert>
  );
}
