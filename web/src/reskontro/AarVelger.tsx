import { Select } from '@skatteetaten/ds-forms';
import { useSearchParams } from 'react-router';

/**
 * The year a page shows, kept in the address (`?aar=2024`) so a reload or a shared link keeps it:
 * a number when the address has four digits, `null` when it has something else, undefined when
 * it names none (then the server shows the latest year with content).
 */
export function useValgtAar(): [number | null | undefined, (aar: number) => void] {
  const [parametre, setParametre] = useSearchParams();
  const tekst = parametre.get('aar');
  const aar = tekst === null ? undefined : /^\d{4}$/.test(tekst) ? Number(tekst) : null;
  return [aar, (nytt) => setParametre({ aar: String(nytt) })];
}

/** "År": the design system's select over the years of the year rule (decision 0100), newest first. */
export function AarVelger({ aar, aarValg, onVelg }: { readonly aar: number | undefined; readonly aarValg: readonly number[]; readonly onVelg: (aar: number) => void }) {
  return (
    <Select label="År" value={aar === undefined ? '' : String(aar)} onChange={(event) => onVelg(Number(event.target.value))} hidePlaceholder={aar !== undefined} placeholder="Velg år" hasSpacing>
      {aarValg.map((valg) => (
        <Select.Option key={valg} value={String(valg)}>
          {String(valg)}
        </Select.Option>
      ))}
    </Select>
  );
}
