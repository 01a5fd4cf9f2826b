import { RadioGroup } from '@skatteetaten/ds-forms';
import { useNavigate } from 'react-router';
import { virksomhetSti } from '../../../src/portal/virksomhet-sti';
import { useValgtVirksomhet } from '../valgt-virksomhet';
import { AarVelger } from './AarVelger';

const visninger = [
  { sti: 'betalte-krav', tekst: 'Betalte krav' },
  { sti: 'innbetalinger', tekst: 'Innbetalinger' },
] as const;

/** "Hva vil du vise? Betalte krav / Innbetalinger" and "År", as on Skatteetaten's Min side (inside AarsSide's filter row). */
export function VisningsValg({ valgt, aar, aarValg, onVelgAar }: { readonly valgt: (typeof visninger)[number]['sti']; readonly aar: number | undefined; readonly aarValg: readonly number[]; readonly onVelgAar: (aar: number) => void }) {
  const navigate = useNavigate();
  const { virksomhet } = useValgtVirksomhet();
  return (
    <>
      <RadioGroup legend="Hva vil du vise?" selectedValue={valgt} onChange={(event) => navigate(`${virksomhetSti(virksomhet.orgnr, event.target.value)}${aar === undefined ? '' : `?aar=${aar}`}`)} variant="horizontal" hasSpacing>
        {visninger.map((v) => (
          <RadioGroup.Radio key={v.sti} value={v.sti}>
            {v.tekst}
          </RadioGroup.Radio>
        ))}
      </RadioGroup>
      <AarVelger aar={aar} aarValg={aarValg} onVelg={onVelgAar} />
    </>
  );
}
