import { Button } from '@skatteetaten/ds-buttons';
import { DownloadSVGpath } from '@skatteetaten/ds-icons';
import { Heading, List, Paragraph } from '@skatteetaten/ds-typography';
import { AarVelger } from '../reskontro/AarVelger';
import { kontoutskriftUrl } from '../reskontro/api';
import { MedAar } from '../reskontro/MedAar';
import { useValgtVirksomhet } from '../valgt-virksomhet';
import styles from '../reskontro/reskontro.module.css';

/**
 * "Last ned kontoutskrift": the year's account statement as an Excel workbook, or as CSV. Only a
 * year of the year rule gets download buttons (a year outside it is said so by `MedAar`).
 */
export function Kontoutskrift() {
  const { virksomhet } = useValgtVirksomhet();
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Last ned kontoutskrift
      </Heading>
      <Paragraph hasSpacing>Kontoutskriften viser krav og betalinger for ett år. Restbeløp og påløpte renter er regnet per i dag. Excel-filen har fem ark:</Paragraph>
      <List hasSpacing>
        <List.Element>Kontoutskrift gjelder – hvem, hvilken periode og når den ble laget</List.Element>
        <List.Element>Krav – kravene som ble opprettet i året</List.Element>
        <List.Element>Utbetalinger – beløp til gode som ble utbetalt</List.Element>
        <List.Element>Transaksjoner – forfall, innbetalinger, utbetalinger og motregninger, dato for dato</List.Element>
        <List.Element>Motregning – krav som ble gjort opp mot beløp til gode</List.Element>
      </List>
      <Paragraph hasSpacing>CSV-filen inneholder arket Transaksjoner, med semikolon som skilletegn. Summen av Debet/Kredit over alle årene er saldoen.</Paragraph>
      <MedAar>
        {({ aar: valgt, aarValg, velgAar }) => {
          const aar = valgt ?? aarValg[0]!;
          return (
            <>
              <div className={styles.filter}>
                <AarVelger aar={aar} aarValg={aarValg} onVelg={velgAar} />
              </div>
              <div className={styles.nedlasting}>
                <Button href={kontoutskriftUrl(virksomhet.orgnr, aar, 'xlsx')} svgPath={DownloadSVGpath}>
                  {`Last ned kontoutskrift for ${aar} (Excel)`}
                </Button>
                <Button href={kontoutskriftUrl(virksomhet.orgnr, aar, 'csv')} variant="secondary" svgPath={DownloadSVGpath}>
                  {`Last ned for ${aar} som CSV`}
                </Button>
              </div>
            </>
          );
        }}
      </MedAar>
    </>
  );
}
