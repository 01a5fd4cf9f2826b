import { Accordion } from '@skatteetaten/ds-collections';
import { DescriptionList } from '@skatteetaten/ds-content';
import { Alert, Tag } from '@skatteetaten/ds-status';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { hentUbetalteKrav, type KravSide } from '../reskontro/api';
import { DekningTabell } from '../reskontro/DekningTabell';
import { Innlasting } from '../reskontro/Innlasting';
import { KopierKnapp } from '../reskontro/KopierKnapp';
import { SkjermingVarsel } from '../reskontro/SkjermingVarsel';
import { Tabell } from '../reskontro/Tabell';
import { beloep, dato, delAv, kroner } from '../reskontro/tekst';
import { useHentet } from '../useHentet';
import { useValgtVirksomhet } from '../valgt-virksomhet';
import styles from '../reskontro/reskontro.module.css';

/**
 * Ubetalte krav: every claim with something left to pay, the one due first on top. Opening a
 * claim shows how to pay it (amount, KID and account, each with a copy button), the interest so
 * far, its due items and what was placed on them.
 */
export function UbetalteKrav() {
  const { virksomhet } = useValgtVirksomhet();
  const hentet = useHentet(() => hentUbetalteKrav(virksomhet.orgnr), virksomhet.orgnr);
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Ubetalte krav
      </Heading>
      <Innlasting hentet={hentet} tekst="Henter ubetalte krav …">
        {(data) => (
          <>
            <Paragraph hasSpacing>Krav med beløp igjen å betale per {dato(data.dato)}. Oppdateres fortløpende.</Paragraph>
            <SkjermingVarsel skjult={data.personopplysningerSkjult} />
            {data.krav.length === 0 ? (
              <Alert variant="success" showAlert>
                Virksomheten har ingen ubetalte krav.
              </Alert>
            ) : (
              <Accordion>
                {data.krav.map((krav) => (
                  <Accordion.Item key={krav.kravId} title={krav.beskrivelse} subtitle={undertittel(krav)} titleAs="h2" data-testid={`krav-${krav.kravId}`}>
                    <KravDetaljer krav={krav} />
                  </Accordion.Item>
                ))}
              </Accordion>
            )}
            {data.tilGode.length > 0 && <TilGode krav={data.tilGode} />}
          </>
        )}
      </Innlasting>
    </>
  );
}

/** "Fristen er forfalt – forfallsdato 15.03.2024 (1 av 4) – Å betale 41 800,00 kroner". */
function undertittel(krav: KravSide): string {
  const neste = krav.nesteForfall!;
  const forfall = `forfallsdato ${dato(neste.forfallsdato)}${delAv(neste.nummer, neste.antallForfall)}`;
  return `${krav.forfalt ? `Fristen er forfalt – ${forfall}` : forfall[0]!.toUpperCase() + forfall.slice(1)} – Å betale ${kroner(krav.gjenstaaendeOere)}`;
}

function KravDetaljer({ krav }: { readonly krav: KravSide }) {
  const betaling = krav.betaling!;
  const dekninger = krav.forfall.flatMap((f) => f.dekninger.map((d) => ({ ...d, forfall: `${f.nummer} av ${f.antallForfall}` })));
  return (
    <div className={styles.detaljer} data-testid={`krav-detaljer-${krav.kravId}`}>
      <div className={styles.merkelapper}>
        {krav.forfalt && <Tag color="burgundy">Fristen er forfalt</Tag>}
        {krav.gjelderInnehaver && <Tag color="graphite">Gjelder innehaveren personlig</Tag>}
        <Tag color="graphite">{`${krav.kravgruppe} – ${krav.periode}`}</Tag>
      </div>
      <Heading as="h3" level={4} hasSpacing>
        Betalingsinformasjon
      </Heading>
      <DescriptionList hasSpacing className={styles.betalingsinfo}>
        <DescriptionList.Element term="Å betale">{kroner(betaling.beloepOere)}</DescriptionList.Element>
        {betaling.kid && (
          <DescriptionList.Element term="KID">
            <span data-testid="kid">{betaling.kid}</span>
            <KopierKnapp verdi={betaling.kid} hva="KID" />
          </DescriptionList.Element>
        )}
        {betaling.kontonummer && (
          <DescriptionList.Element term="Kontonummer">
            <span data-testid="kontonummer">{betaling.kontonummer}</span>
            <KopierKnapp verdi={betaling.kontonummer} hva="kontonummer" />
          </DescriptionList.Element>
        )}
        {betaling.iban && <DescriptionList.Element term="IBAN (betaling fra utlandet)">{`${betaling.iban}${betaling.swiftBic ? `, BIC ${betaling.swiftBic}` : ''}`}</DescriptionList.Element>}
        {betaling.kontoeiersNavn && <DescriptionList.Element term="Mottaker">{betaling.kontoeiersNavn}</DescriptionList.Element>}
        <DescriptionList.Element term="Forsinkelsesrenter hittil">{kroner(krav.stipulerteRenterOere)}</DescriptionList.Element>
      </DescriptionList>
      {krav.stipulerteRenterOere > 0 && <Paragraph hasSpacing>Forsinkelsesrentene beregnes til kravet er betalt, og kommer i tillegg til beløpet.</Paragraph>}
      <Heading as="h3" level={4} hasSpacing>
        Forfall
      </Heading>
      <Tabell
        caption={`Forfall for ${krav.beskrivelse}`}
        kolonner={[{ overskrift: 'Forfall' }, { overskrift: 'Forfallsdato' }, { overskrift: 'Opprinnelig (kroner)', hoeyre: true }, { overskrift: 'Restbeløp (kroner)', hoeyre: true }, { overskrift: 'Status' }]}
        rader={krav.forfall.map((f) => [
          `${f.nummer} av ${f.antallForfall}`,
          dato(f.forfallsdato),
          beloep(f.opprinneligOere),
          beloep(f.gjenstaaendeOere),
          forfallStatus(f),
        ])}
      />
      {dekninger.length > 0 && (
        <>
          <Heading as="h3" level={4} hasSpacing>
            Innbetalt og motregnet
          </Heading>
          <DekningTabell caption={`Innbetalt og motregnet på ${krav.beskrivelse}`} dekninger={dekninger} />
        </>
      )}
    </div>
  );
}

/** "Fristen er forfalt", "Ikke forfalt", "Betalt", or with a deferral: "Fristen er forfalt – betalingsutsettelse til 31.05.2026". */
function forfallStatus(f: KravSide['forfall'][number]): string {
  if (f.gjenstaaendeOere === 0) return 'Betalt';
  const status = f.forfalt ? 'Fristen er forfalt' : 'Ikke forfalt';
  if (f.utsatt === null) return status;
  const utsatt = f.utsatt.grunn === 'klage' ? 'innkrevingen stilt i bero mens klagen behandles' : 'betalingsutsettelse';
  return `${status} – ${utsatt} til ${dato(f.utsatt.tilOgMed)}`;
}

/** Open credits: money the business has to its good, paid out or set off by the daily run. */
function TilGode({ krav }: { readonly krav: readonly KravSide[] }) {
  return (
    <>
      <Heading as="h2" level={2} hasSpacing>
        Til gode
      </Heading>
      <Tabell
        caption="Beløp til gode"
        kolonner={[{ overskrift: 'Beskrivelse' }, { overskrift: 'Periode' }, { overskrift: 'Beløp (kroner)', hoeyre: true }]}
        rader={krav.map((k) => [k.beskrivelse, k.periode, beloep(-k.gjenstaaendeOere)])}
      />
    </>
  );
}
