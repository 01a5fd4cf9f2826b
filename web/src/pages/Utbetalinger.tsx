import { DescriptionList } from '@skatteetaten/ds-content';
import { AarVelger } from '../reskontro/AarVelger';
import { AarsSide } from '../reskontro/AarsSide';
import { hentUtbetalinger, type UtbetalingSide } from '../reskontro/api';
import { DekketTabell } from '../reskontro/DekketTabell';
import { UtvidbarTabell } from '../reskontro/Tabell';
import { beloep, dato } from '../reskontro/tekst';

/** Utbetalinger for a year, the latest first; each row opens the credits the payout settled. */
export function Utbetalinger() {
  return (
    <AarsSide
      tittel="Utbetalinger"
      filter={({ aar, aarValg, velgAar }) => <AarVelger aar={aar} aarValg={aarValg} onVelg={velgAar} />}
      hent={hentUtbetalinger}
      hva="utbetalinger"
      tom={(data) => data.utbetalinger.length === 0}
      ingen="Ingen utbetalinger"
      ingress={(aar) => `Beløp til gode som ble utbetalt i ${aar}, og hvilke krav hver utbetaling gjorde opp.`}
    >
      {(data, aar) => (
        <UtvidbarTabell
          caption={`Utbetalinger ${aar}`}
          kolonner={[{ overskrift: 'Dato' }, { overskrift: 'Utbetalt til konto' }, { overskrift: 'Status' }, { overskrift: 'Beløp (kroner)', hoeyre: true }]}
          rader={data.utbetalinger.map((u) => ({
            id: `utbetaling-${u.utbetalingId}`,
            celler: [dato(u.utbetaltdato), u.tilKonto ?? '–', u.status, beloep(u.beloepOere)],
            detaljer: <UtbetalingDetaljer utbetaling={u} />,
          }))}
        />
      )}
    </AarsSide>
  );
}

function UtbetalingDetaljer({ utbetaling }: { readonly utbetaling: UtbetalingSide }) {
  return (
    <>
      {utbetaling.melding && (
        <DescriptionList hasSpacing>
          <DescriptionList.Element term="Melding">{utbetaling.melding}</DescriptionList.Element>
        </DescriptionList>
      )}
      <DekketTabell caption={`Dette gjorde utbetalingen ${dato(utbetaling.utbetaltdato)} opp`} dekket={utbetaling.oppgjort} />
    </>
  );
}
