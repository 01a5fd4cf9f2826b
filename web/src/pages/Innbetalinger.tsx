import { DescriptionList } from '@skatteetaten/ds-content';
import { Paragraph } from '@skatteetaten/ds-typography';
import { AarsSide } from '../reskontro/AarsSide';
import { hentInnbetalinger, type InnbetalingSide } from '../reskontro/api';
import { DekketTabell } from '../reskontro/DekketTabell';
import { UtvidbarTabell } from '../reskontro/Tabell';
import { beloep, dato, kroner } from '../reskontro/tekst';
import { VisningsValg } from '../reskontro/VisningsValg';

/** Innbetalinger for a year, the latest first; each row opens what the payment covered. */
export function Innbetalinger() {
  return (
    <AarsSide
      tittel="Innbetalinger"
      filter={({ aar, aarValg, velgAar }) => <VisningsValg valgt="innbetalinger" aar={aar} aarValg={aarValg} onVelgAar={velgAar} />}
      hent={hentInnbetalinger}
      hva="innbetalinger"
      tom={(data) => data.innbetalinger.length === 0}
      ingen="Ingen innbetalinger"
      ingress={(aar) => `Innbetalinger med innbetalingsdato i ${aar}, og hva hver av dem ble brukt til.`}
    >
      {(data, aar) => (
        <UtvidbarTabell
          caption={`Innbetalinger ${aar}`}
          kolonner={[{ overskrift: 'Dato' }, { overskrift: 'Beskrivelse' }, { overskrift: 'Betalt fra konto' }, { overskrift: 'Beløp (kroner)', hoeyre: true }]}
          rader={data.innbetalinger.map((i) => ({
            id: `innbetaling-${i.innbetalingId}`,
            celler: [dato(i.innbetalingsdato), i.gjelderInnehaver ? `${i.type} (innehaveren)` : i.type, i.betaltFraKonto ?? '–', beloep(i.beloepOere)],
            detaljer: <InnbetalingDetaljer innbetaling={i} />,
          }))}
        />
      )}
    </AarsSide>
  );
}

function InnbetalingDetaljer({ innbetaling }: { readonly innbetaling: InnbetalingSide }) {
  return (
    <>
      <DescriptionList hasSpacing>
        {innbetaling.kid && <DescriptionList.Element term="KID">{innbetaling.kid}</DescriptionList.Element>}
        {innbetaling.betalerNavn && <DescriptionList.Element term="Betalt av">{innbetaling.betalerNavn}</DescriptionList.Element>}
        <DescriptionList.Element term="Innbetalt til konto">{innbetaling.innbetaltTilKonto}</DescriptionList.Element>
        {innbetaling.uplassertOere > 0 && <DescriptionList.Element term="Ikke brukt ennå">{kroner(innbetaling.uplassertOere)}</DescriptionList.Element>}
      </DescriptionList>
      {innbetaling.uplassertOere > 0 && (
        <Paragraph hasSpacing data-testid="uplassert-forklaring">
          {`${kroner(innbetaling.uplassertOere)} av innbetalingen er ikke brukt på noe krav ennå. `}
          {innbetaling.kid
            ? 'Kravet med denne KID-en er allerede betalt, så beløpet venter på neste krav som forfaller.'
            : 'Innbetalingen har ingen KID og gikk til en konto ingen av kravene bruker, så vi kan ikke se hvilket krav den gjelder. Beløpet blir brukt på neste krav som forfaller, eller betalt tilbake.'}
        </Paragraph>
      )}
      {innbetaling.dekket.length > 0 && <DekketTabell caption={`Dette dekket innbetalingen ${dato(innbetaling.innbetalingsdato)}`} dekket={innbetaling.dekket} />}
    </>
  );
}
