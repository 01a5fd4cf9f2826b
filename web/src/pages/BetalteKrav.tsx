import { DescriptionList } from '@skatteetaten/ds-content';
import { AarsSide } from '../reskontro/AarsSide';
import { hentBetalteKrav, type KravSide } from '../reskontro/api';
import { DekningTabell } from '../reskontro/DekningTabell';
import { UtvidbarTabell } from '../reskontro/Tabell';
import { beloep, dato, delAv, kroner } from '../reskontro/tekst';
import { useSortering } from '../reskontro/useSortering';
import { VisningsValg } from '../reskontro/VisningsValg';

const sorteringsverdier = {
  beskrivelse: (k: KravSide) => k.beskrivelse,
  periode: (k: KravSide) => k.periode,
  beloep: (k: KravSide) => k.opprinneligOere,
};

/** Betalte krav for a year: a sortable table (Beskrivelse, Periode, Beløp); each row opens its details. */
export function BetalteKrav() {
  return (
    <AarsSide
      tittel="Betalte krav"
      filter={({ aar, aarValg, velgAar }) => <VisningsValg valgt="betalte-krav" aar={aar} aarValg={aarValg} onVelgAar={velgAar} />}
      hent={hentBetalteKrav}
      hva="betalte krav"
      tom={(data) => data.krav.length === 0}
      ingen="Ingen krav ble betalt"
      ingress={(aar) => `Krav som ble ferdig betalt i ${aar}. Velg en kolonneoverskrift for å sortere.`}
    >
      {(data, aar) => <BetalteKravTabell aar={aar} krav={data.krav} />}
    </AarsSide>
  );
}

function BetalteKravTabell({ aar, krav }: { readonly aar: number; readonly krav: readonly KravSide[] }) {
  const { sortState, setSortState, sorterte } = useSortering(krav, sorteringsverdier);
  return (
    <UtvidbarTabell
      caption={`Betalte krav ${aar}`}
      sortering={{ sortState, setSortState }}
      kolonner={[
        { overskrift: 'Beskrivelse', sortKey: 'beskrivelse' },
        { overskrift: 'Periode', sortKey: 'periode' },
        { overskrift: 'Beløp (kroner)', sortKey: 'beloep', hoeyre: true },
      ]}
      rader={sorterte.map((k) => ({ id: `betalt-${k.kravId}`, celler: [k.beskrivelse, k.periode, beloep(k.opprinneligOere)], detaljer: <BetaltKravDetaljer krav={k} /> }))}
    />
  );
}

function BetaltKravDetaljer({ krav }: { readonly krav: KravSide }) {
  const dekninger = krav.forfall.flatMap((f) => f.dekninger.map((d) => (krav.forfall.length > 1 ? { ...d, forfall: `${f.nummer} av ${f.antallForfall}` } : d)));
  return (
    <>
      <DescriptionList hasSpacing>
        <DescriptionList.Element term="Forfallsdato">
          {krav.forfall.map((f) => `${dato(f.forfallsdato)}${delAv(f.nummer, f.antallForfall)}`).join(', ')}
        </DescriptionList.Element>
        <DescriptionList.Element term="Opprinnelig beløp">{kroner(krav.opprinneligOere)}</DescriptionList.Element>
        <DescriptionList.Element term="Restbeløp">{kroner(krav.gjenstaaendeOere)}</DescriptionList.Element>
        {krav.betaltDato && <DescriptionList.Element term="Betalt">{dato(krav.betaltDato)}</DescriptionList.Element>}
        {krav.gjelderInnehaver && <DescriptionList.Element term="Gjelder">Innehaveren personlig</DescriptionList.Element>}
      </DescriptionList>
      <DekningTabell caption={`Innbetalinger brukt på ${krav.beskrivelse} ${krav.periode}`} dekninger={dekninger} />
    </>
  );
}
