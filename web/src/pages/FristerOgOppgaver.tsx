import { Button } from '@skatteetaten/ds-buttons';
import { TextField } from '@skatteetaten/ds-forms';
import { CalendarSVGpath, CopySVGpath } from '@skatteetaten/ds-icons';
import { Spinner } from '@skatteetaten/ds-progress';
import { Alert, Tag, type TagProps } from '@skatteetaten/ds-status';
import { Heading, List, Paragraph } from '@skatteetaten/ds-typography';
import { useState } from 'react';
import { formatKontonummer } from '../../../src/domain/format';
import type { Kontonummer } from '../../../src/domain/kontonummer';
import { ApiFeil } from '../api';
import { BekreftKnapp } from '../components/BekreftKnapp';
import { Tilbakemelding } from '../components/Tilbakemelding';
import styles from '../components/Kortliste.module.css';
import { hentAbonnementer, hentFrister, lagAbonnement, trekkAbonnement, type Oppgave, type Oppgavestatus } from '../frister-api';
import { AarVelger, useValgtAar } from '../reskontro/AarVelger';
import { hentAarValg } from '../reskontro/api';
import { TomtAar } from '../reskontro/TomtAar';
import { useHentet } from '../useHentet';
import { dato, kroner } from '../reskontro/tekst';
import { useValgtVirksomhet } from '../valgt-virksomhet';

const tagFarge: Record<Oppgavestatus, NonNullable<TagProps['color']>> = { fullført: 'forest', forfalt: 'burgundy', pågående: 'ochre', ikkeStartet: 'denim' };
const kortKlasse: Record<Oppgavestatus, string | undefined> = { fullført: styles.fullfoert, forfalt: styles.forfalt, pågående: styles.paagaaende, ikkeStartet: undefined };


/**
 * "Frister og oppgaver": first "Åpne oppgaver" (everything not done, overdue first), then the
 * year's deadlines from the calendar service with Min side's status texts (the year in the
 * address, by the one year rule; without one, the latest year with tasks), and "Legg til i
 * kalender" (a private subscription URL, shown once, revocable).
 */
export function FristerOgOppgaver() {
  const { virksomhet } = useValgtVirksomhet();
  const [valgtAar, velgAar] = useValgtAar();
  const hentet = useHentet(() => hentFrister(virksomhet.orgnr, valgtAar ?? undefined), `${virksomhet.orgnr}-${valgtAar}`);
  const frister = hentet.status === 'ok' ? hentet.data : undefined;
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Frister og oppgaver
      </Heading>
      <Paragraph hasSpacing>
        Frister fra Skatteetaten for {virksomhet.navn}
        {frister && <>, slik reskontroen viser dem {dato(frister.forretningsdato)}</>}.
      </Paragraph>
      {hentet.status === 'laster' && <Spinner>Henter frister …</Spinner>}
      {hentet.status === 'feil' && <UtenforAarsvalg melding={hentet.melding} velgAar={velgAar} />}
      {frister && (
        <>
          <section aria-labelledby="aapne-tittel">
            <Heading as="h2" level={2} id="aapne-tittel" hasSpacing>
              Åpne oppgaver
            </Heading>
            {frister.aapne.length === 0 ? (
              <Paragraph hasSpacing>Virksomheten har ingen åpne oppgaver.</Paragraph>
            ) : (
              <ul className={styles.liste} data-testid="aapne-oppgaver">
                {frister.aapne.map((oppgave) => (
                  <OppgaveKort key={oppgave.id} oppgave={oppgave} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="oppgaver-tittel" className={styles.seksjon}>
            <Heading as="h2" level={2} id="oppgaver-tittel" hasSpacing>
              Oppgaver i {frister.aar}
            </Heading>
            <div className={styles.verktoey}>
              <AarVelger aar={frister.aar} aarValg={frister.aarValg} onVelg={velgAar} />
            </div>
            {frister.oppgaver.length === 0 ? (
              <TomtAar ingen="Ingen frister" aar={frister.aar} aarMedInnhold={frister.aarMedInnhold} velgAar={velgAar} />
            ) : (
              <ul className={styles.liste} data-testid="oppgaver">
                {frister.oppgaver.map((oppgave) => (
                  <OppgaveKort key={oppgave.id} oppgave={oppgave} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <Kalenderabonnement />
    </>
  );
}

/** A refusal, e.g. a year in the address outside the year rule: the server's sentence, and the years to pick from. */
function UtenforAarsvalg({ melding, velgAar }: { readonly melding: string; readonly velgAar: (aar: number) => void }) {
  const { virksomhet } = useValgtVirksomhet();
  const valg = useHentet(() => hentAarValg(virksomhet.orgnr), virksomhet.orgnr);
  return (
    <>
      <Alert variant="warning" showAlert>
        {melding}
      </Alert>
      {valg.status === 'ok' && (
        <div className={styles.verktoey}>
          <AarVelger aar={undefined} aarValg={valg.data.aarValg} onVelg={velgAar} />
        </div>
      )}
    </>
  );
}

function OppgaveKort({ oppgave }: { readonly oppgave: Oppgave }) {
  const { betaling } = oppgave;
  return (
    <li className={[styles.kort, kortKlasse[oppgave.oppgavestatus]].filter(Boolean).join(' ')} data-testid={`oppgave-${oppgave.id}`}>
      <div className={styles.hoved}>
        <h3>{oppgave.beskrivelse}</h3>
        <p>
          Frist <strong>{dato(oppgave.frist)}</strong>
          {oppgave.nominellFrist !== oppgave.frist && <> (flyttet fra {dato(oppgave.nominellFrist)}, som ikke er en virkedag)</>}
        </p>
        {oppgave.levertDato && <p>Levert {dato(oppgave.levertDato)}</p>}
        {betaling && betaling.poster.length > 0 && (
          <dl className={styles.detaljer}>
            <dt>Beløp</dt>
            <dd>{kroner(betaling.opprinneligOere)}</dd>
            <dt>{betaling.gjenstaaendeOere === 0 ? 'Gjenstår' : 'Å betale'}</dt>
            <dd>{kroner(betaling.gjenstaaendeOere)}</dd>
            {betaling.poster.map((post) => (
              <BetalingspostDetaljer key={`${post.kid}-${post.kravbeskrivelse}`} post={post} flere={betaling.poster.length > 1} />
            ))}
          </dl>
        )}
        {betaling && betaling.poster.length === 0 && oppgave.oppgavestatus !== 'fullført' && <p>Beløpet er ikke kjent ennå.</p>}
      </div>
      <div className={styles.side}>
        <Tag color={tagFarge[oppgave.oppgavestatus]}>{oppgave.statustekst}</Tag>
      </div>
    </li>
  );
}

function BetalingspostDetaljer({ post, flere }: { readonly post: NonNullable<Oppgave['betaling']>['poster'][number]; readonly flere: boolean }) {
  return (
    <>
      {flere && (
        <>
          <dt>{post.kravbeskrivelse}</dt>
          <dd>{kroner(post.gjenstaaendeOere)}</dd>
        </>
      )}
      {post.kid && (
        <>
          <dt>KID</dt>
          <dd>{post.kid}</dd>
        </>
      )}
      {post.kontonummer && (
        <>
          <dt>Kontonummer</dt>
          <dd>{formatKontonummer(post.kontonummer as Kontonummer)}</dd>
        </>
      )}
    </>
  );
}

/** "Legg til i kalender": make a private URL (shown once, with a copy button), list and revoke them. */
function Kalenderabonnement() {
  const { csrfToken, virksomhet } = useValgtVirksomhet();
  const hentet = useHentet(() => hentAbonnementer(virksomhet.orgnr), virksomhet.orgnr);
  const abonnementer = hentet.status === 'ok' ? hentet.data.abonnementer : undefined;
  const oppdater = hentet.oppdater;
  const [ny, setNy] = useState<string | undefined>();
  const [melding, setMelding] = useState('');
  const [feil, setFeil] = useState<string | undefined>();

  const lag = async () => {
    setFeil(undefined);
    try {
      const laget = await lagAbonnement(virksomhet.orgnr, csrfToken);
      setNy(laget.url);
      setMelding('Kalenderadressen er laget.');
      await oppdater();
    } catch (error) {
      setFeil(error instanceof ApiFeil ? error.message : 'Kunne ikke lage kalenderadressen.');
    }
  };
  const kopier = async () => {
    if (!ny) return;
    try {
      await navigator.clipboard.writeText(ny);
      setMelding('Adressen er kopiert.');
    } catch {
      setMelding('Kunne ikke kopiere. Merk adressen og kopier den selv.');
    }
  };

  return (
    <section aria-labelledby="kalender-tittel" className={styles.seksjon}>
      <Heading as="h2" level={2} id="kalender-tittel" hasSpacing>
        Legg til i kalender
      </Heading>
      <Paragraph hasSpacing>
        Abonner på fristene i kalenderen din (Google, Outlook eller Apple). Kalenderen henter endringer selv, og minner deg på hver
        frist tre dager før.
      </Paragraph>
      <Tilbakemelding melding={melding} feil={feil} />
      <Button svgPath={CalendarSVGpath} onClick={() => void lag()}>
        Legg til i kalender
      </Button>
      {ny && (
        <div className={styles.seksjon} data-testid="ny-kalenderadresse">
          <TextField label="Din kalenderadresse" value={ny} readOnly hasSpacing />
          <Button variant="secondary" svgPath={CopySVGpath} onClick={() => void kopier()}>
            Kopier adressen
          </Button>
          <div className={styles.avstand}>
            <Alert variant="warning" showAlert>
              Adressen vises bare nå. Den som har den, kan se fristene til virksomheten: del den bare med dem som skal se dem, og trekk den
              tilbake om den kommer på avveie.
            </Alert>
          </div>
          <Heading as="h3" level={3} hasSpacing>
            Slik legger du den til
          </Heading>
          <List hasSpacing>
            <List.Element>Google Kalender: Andre kalendere → + → Fra URL, lim inn adressen og velg Legg til kalender.</List.Element>
            <List.Element>Outlook: Legg til kalender → Abonner fra nettet, lim inn adressen og velg Importer.</List.Element>
            <List.Element>Apple Kalender: Arkiv → Nytt kalenderabonnement, lim inn adressen og velg Abonner.</List.Element>
          </List>
        </div>
      )}
      <Heading as="h3" level={3} hasSpacing className={styles.seksjon}>
        Aktive kalenderadresser
      </Heading>
      {abonnementer === undefined ? (
        <Spinner>Henter kalenderadresser …</Spinner>
      ) : abonnementer.length === 0 ? (
        <Paragraph hasSpacing>Virksomheten har ingen aktive kalenderadresser.</Paragraph>
      ) : (
        <ul className={styles.liste} data-testid="kalenderadresser">
          {abonnementer.map((abonnement) => (
            <li key={abonnement.id} className={styles.kort}>
              <div className={styles.hoved}>
                <p>
                  Laget {dato(abonnement.lagetDato)} av {abonnement.opprettetAv.replace(/^Min side: /, '')}
                </p>
              </div>
              <BekreftKnapp
                knapp="Trekk tilbake"
                tittel="Trekke tilbake kalenderadressen?"
                bekreft="Ja, trekk tilbake"
                farlig
                onBekreft={async () => {
                  await trekkAbonnement(virksomhet.orgnr, csrfToken, abonnement.id);
                  setNy(undefined);
                  setMelding('Kalenderadressen er trukket tilbake. Kalendere som bruker den, får ikke flere oppdateringer.');
                  await oppdater();
                }}
              >
                Kalendere som abonnerer på adressen, slutter å få fristene. Du kan lage en ny adresse etterpå.
              </BekreftKnapp>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
