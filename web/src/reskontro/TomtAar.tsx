import { Link } from '@skatteetaten/ds-buttons';
import { Alert } from '@skatteetaten/ds-status';

/** "Ingen utbetalinger i 2026 – se 2025": an empty year points to the latest year that has something. */
export function TomtAar({ ingen, aar, aarMedInnhold, velgAar }: { readonly ingen: string; readonly aar: number; readonly aarMedInnhold: readonly number[]; readonly velgAar: (aar: number) => void }) {
  const annet = aarMedInnhold.find((a) => a !== aar);
  return (
    <Alert variant="info" showAlert>
      {`${ingen} i ${aar}`}
      {annet === undefined ? (
        '.'
      ) : (
        <>
          {' – '}
          <Link
            href={`?aar=${annet}`}
            onClick={(event) => {
              event.preventDefault();
              velgAar(annet);
            }}
          >
            {`se ${annet}`}
          </Link>
        </>
      )}
    </Alert>
  );
}
