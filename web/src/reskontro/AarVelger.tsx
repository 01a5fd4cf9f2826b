import { Select } from '@skatteetaten/ds-forms';
import { useSearchParams } from 'react-router';

/** The year a page shows, kept in the address (`?aar=2024`) so a reload or a shared link keeps it. */
export function useValgtAar(): [number | undefined, (aar: number) => void] {
  const [parametre, setParametre] = useSearchParams();
  const tekst = parametre.get('aar');
  const aar = tekst !== null && /^\d{4}$/.test(tekst) ? Number(tekst) : undefined;
  return [aar, (nytt) => setParametre({ aar: String(nytt) })];
}

/** "År": the design system's select over the years the server offers. */
export function AarVelger({ aar, aarValg, onVelg }: { readonly aar: number; readonly aarValg: readonly number[]; readonly onVelg: (aar: number) => void }) {
  return (
    <Select label="År" value={String(aar)} onChange={(event) => onVelg(Number(event.target.value))} hidePlaceholder hasSpacing>
      {aarValg.map((valg) => (
        <Select.Option key={valg} value={String(valg)}>
          {String(valg)}
        </Select.Option>
      ))}
    </Select>
  );
}
