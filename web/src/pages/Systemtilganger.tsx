import { Button } from '@skatteetaten/ds-buttons';
import { Select } from '@skatteetaten/ds-forms';
import { AddSVGpath } from '@skatteetaten/ds-icons';
import { Spinner } from '@skatteetaten/ds-progress';
import { Alert, Tag } from '@skatteetaten/ds-status';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { useState, type FormEvent, type ReactNode } from 'react';
import { formatOrganisasjonsnummer } from '../../../src/domain/format';
import { ApiFeil } from '../api';
import { BekreftKnapp } from '../components/BekreftKnapp';
import { Tilbakemelding } from '../components/Tilbakemelding';
import styles from '../components/Kortliste.module.css';
import {
  hentSystemtilganger,
  opprettSystemtilgang,
  slettSystemtilgang,
  svarPaaForespoersel,
  svarPaaSamtykke,
  trekkSamtykke,
  type Forespoersel,
  type Kalenderabonnement,
  type Organisasjon,
  type Samtykke,
  type System,
  type Systembruker,
} from '../systemtilganger-api';
import { dato } from '../reskontro/tekst';
import { formatTidspunktSomDato } from '../tidspunkt';
import { useHentet } from '../useHentet';
import { useValgtVirksomhet } from '../valgt-virksomhet';

const typeTekst = { standard: 'Systemtilgang for virksomheten', agent: 'Klientsystem (regnskapsfører for klienter)' } as const;
const orgTekst = (org: Organisasjon) => `${org.navn} (org.nr. ${formatOrganisasjonsnummer(org.orgnr)})`;

/**
 * "Systemtilganger": which systems may fetch the business's claims and payments, the vendors'
 * requests waiting for an answer, creating one itself, and the consents given to banks. Every
 * change asks for confirmation and is made by the Altinn side as the logged-in person.
 */
export function Systemtilganger() {
  const { virksomhet } = useValgtVirksomhet();
  const hentet = useHentet(() => hentSystemtilganger(virksomhet.orgnr), virksomhet.orgnr);
  const tilganger = hentet.status === 'ok' ? hentet.data : undefined;
  const feil = hentet.status === 'feil' ? hentet.melding : undefined;
  const [melding, setMelding] = useState('');
  /** After a change: show the new state, and say what happened (read by screen readers, and focused: see BekreftKnapp). */
  const ferdig = async (tekst: string) => {
    await hentet.oppdater();
    setMelding(tekst);
  };

  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Systemtilganger
      </Heading>
      <Paragraph hasSpacing>
        Her bestemmer du hvilke regnskaps- og økonomisystemer som kan hente krav, betalinger og frister for {virksomhet.navn}, og hvilke
        banker som har samtykke til å se dem.
      </Paragraph>
      <Tilbakemelding melding={melding} feil={feil} />
      {!tilganger && !feil && <Spinner>Henter systemtilganger …</Spinner>}
      {tilganger && (
        <>
          {!tilganger.kanEndre && (
            <Alert variant="info" showAlert>
              Du kan se tilgangene, men bare innehaver, daglig leder eller styreleder kan godkjenne, opprette, slette eller trekke dem.
            </Alert>
          )}
          <Forespoersler forespoersler={tilganger.forespoersler} kanEndre={tilganger.kanEndre} ferdig={ferdig} />
          <Systembrukere systembrukere={tilganger.systembrukere} kanEndre={tilganger.kanEndre} ferdig={ferdig} />
          {tilganger.kanEndre && <OpprettSystemtilgang systemer={tilganger.systemer} ferdig={ferdig} />}
          <Samtykkeforespoersler samtykker={tilganger.samtykker.filter((s) => s.status === 'venter')} kanEndre={tilganger.kanEndre} ferdig={ferdig} />
          <Samtykker samtykker={tilganger.samtykker.filter((s) => s.status !== 'venter')} kanEndre={tilganger.kanEndre} ferdig={ferdig} />
        </>
      )}
    </>
  );
}

interface Seksjon {
  readonly kanEndre: boolean;
  readonly ferdig: (melding: string) => Promise<void>;
}

function Forespoersler({ forespoersler, kanEndre, ferdig }: Seksjon & { readonly forespoersler: readonly Forespoersel[] }) {
  const { csrfToken, virksomhet } = useValgtVirksomhet();
  return (
    <section aria-labelledby="forespoersler-tittel" className={styles.seksjon}>
      <Heading as="h2" level={2} id="forespoersler-tittel" hasSpacing>
        Forespørsler som venter på svar
      </Heading>
      {forespoersler.length === 0 ? (
        <Paragraph hasSpacing>Ingen forespørsler venter på svar.</Paragraph>
      ) : (
        <ul className={styles.liste} data-testid="forespoersler">
          {forespoersler.map((f) => (
            <li key={f.id} className={`${styles.kort} ${styles.paagaaende}`} data-testid={`forespoersel-${f.id}`}>
              <div className={styles.hoved}>
                <h3>{f.tittel ?? f.system.navn}</h3>
                <SystemDetaljer system={f.system} type={f.type} tilganger={f.tilganger} dato={`Mottatt ${formatTidspunktSomDato(f.opprettet)}`} />
              </div>
              {kanEndre && (
                <Svar
                  ja={{ knapp: 'Godkjenn', tittel: 'Godkjenne forespørselen?', bekreft: 'Ja, godkjenn' }}
                  nei={{ knapp: 'Avvis', tittel: 'Avvise forespørselen?', bekreft: 'Ja, avvis' }}
                  svar={async (godkjenn) => {
                    await svarPaaForespoersel(virksomhet.orgnr, csrfToken, f.id, godkjenn);
                    await ferdig(godkjenn ? `${f.system.navn} har fått systemtilgang.` : `Forespørselen fra ${f.system.leverandoer.navn} er avvist.`);
                  }}
                  jaTekst={
                    <>
                      {f.system.navn} fra {orgTekst(f.system.leverandoer)} får tilgang til: {f.tilganger.join('; ')}, for {virksomhet.navn}.
                      Leverandøren kan da hente data til virksomheten inntil du sletter tilgangen.
                    </>
                  }
                  neiTekst={`${f.system.navn} får ikke tilgang. Leverandøren må sende en ny forespørsel om dere ombestemmer dere.`}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Systembrukere({ systembrukere, kanEndre, ferdig }: Seksjon & { readonly systembrukere: readonly Systembruker[] }) {
  const { csrfToken, virksomhet } = useValgtVirksomhet();
  return (
    <section aria-labelledby="systembrukere-tittel" className={styles.seksjon}>
      <Heading as="h2" level={2} id="systembrukere-tittel" hasSpacing>
        Systemer med tilgang
      </Heading>
      {systembrukere.length === 0 ? (
        <Paragraph hasSpacing>Ingen systemer har tilgang.</Paragraph>
      ) : (
        <ul className={styles.liste} data-testid="systembrukere">
          {systembrukere.map((s) => (
            <li key={s.id} className={`${styles.kort} ${styles.fullfoert}`} data-testid={`systembruker-${s.id}`}>
              <div className={styles.hoved}>
                <h3>{s.tittel}</h3>
                <SystemDetaljer
                  system={s.system}
                  type={s.type}
                  tilganger={s.tilganger}
                  dato={`Gitt ${dato(s.gittDato)}${s.opprettetAv ? ` av ${s.opprettetAv}` : ''}`}
                />
                <dl className={styles.detaljer}>
                  {s.type === 'agent' && (
                    <>
                      <dt>Klienter</dt>
                      <dd>{s.klienter.length === 0 ? 'Ingen ennå' : s.klienter.map(orgTekst).join(', ')}</dd>
                    </>
                  )}
                  <dt>Kalenderabonnementer</dt>
                  <dd>{antallAbonnementer(s.kalenderabonnementer)}</dd>
                </dl>
              </div>
              {kanEndre && (
                <BekreftKnapp
                  knapp="Slett tilgangen"
                  tittel="Slette systemtilgangen?"
                  bekreft="Ja, slett"
                  farlig
                  onBekreft={async () => {
                    await slettSystemtilgang(virksomhet.orgnr, csrfToken, s.id);
                    await ferdig(`Tilgangen for ${s.system.navn} er slettet.`);
                  }}
                >
                  <Paragraph>
                    {s.system.navn} fra {s.system.leverandoer.navn} kan ikke lenger hente data for virksomheten. Tokens som allerede er utstedt,
                    avvises også.
                  </Paragraph>
                  <AbonnementerSomAvsluttes abonnementer={s.kalenderabonnementer} />
                </BekreftKnapp>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const antallAbonnementer = (abonnementer: readonly Kalenderabonnement[]) =>
  abonnementer.length === 0 ? 'Ingen' : abonnementer.length === 1 ? '1 aktivt' : `${abonnementer.length} aktive`;

/**
 * In a removal's dialog: the calendar subscriptions made under this access, which end with it
 * (decision 0089), so the person knows before saying yes. Nothing when there are none.
 */
function AbonnementerSomAvsluttes({ abonnementer }: { readonly abonnementer: readonly Kalenderabonnement[] }) {
  if (abonnementer.length === 0) return null;
  return (
    <div data-testid="abonnementer-som-avsluttes">
      <Paragraph>
        {abonnementer.length === 1 ? 'Dette kalenderabonnementet' : `Disse ${abonnementer.length} kalenderabonnementene`} ble laget med tilgangen og
        slutter å virke med en gang:
      </Paragraph>
      <ul>
        {abonnementer.map((a) => (
          <li key={a.id}>
            Frister for {a.part.navn}, laget {formatTidspunktSomDato(a.opprettet)} av {a.opprettetAv}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SystemDetaljer({ system, type, tilganger, dato }: { readonly system: System; readonly type: Systembruker['type']; readonly tilganger: readonly string[]; readonly dato: string }) {
  return (
    <dl className={styles.detaljer}>
      <dt>System</dt>
      <dd>{system.navn}</dd>
      <dt>Leverandør</dt>
      <dd>{orgTekst(system.leverandoer)}</dd>
      <dt>Tilganger</dt>
      <dd>{tilganger.join('; ')}</dd>
      <dt>Type</dt>
      <dd>{typeTekst[type]}</dd>
      <dt>Dato</dt>
      <dd>{dato}</dd>
    </dl>
  );
}

function OpprettSystemtilgang({ systemer, ferdig }: { readonly systemer: readonly System[]; readonly ferdig: (melding: string) => Promise<void> }) {
  const { csrfToken, virksomhet } = useValgtVirksomhet();
  const [valgt, setValgt] = useState('');
  const [feil, setFeil] = useState<string | undefined>();
  const system = systemer.find((s) => s.id === valgt);

  const opprett = async (event: FormEvent) => {
    event.preventDefault();
    if (!system) {
      setFeil('Velg et system.');
      return;
    }
    setFeil(undefined);
    try {
      await opprettSystemtilgang(virksomhet.orgnr, csrfToken, system.id);
      setValgt('');
      await ferdig(`${system.navn} har fått systemtilgang.`);
    } catch (error) {
      setFeil(error instanceof ApiFeil ? error.message : 'Kunne ikke opprette systemtilgangen.');
    }
  };

  return (
    <section aria-labelledby="opprett-tittel" className={styles.seksjon}>
      <Heading as="h2" level={2} id="opprett-tittel" hasSpacing>
        Opprett systemtilgang
      </Heading>
      <Paragraph hasSpacing>
        Velg systemet fra systemregisteret. Det får alle tilgangene leverandøren har registrert for det. Klientsystemer for regnskapsførere
        krever en forespørsel fra leverandøren.
      </Paragraph>
      {systemer.length === 0 ? (
        <Paragraph hasSpacing>Ingen systemer kan velges her nå.</Paragraph>
      ) : (
        <form onSubmit={(event) => void opprett(event)} noValidate>
          <div className={styles.verktoey}>
            <Select label="System" value={valgt} onChange={(event) => setValgt(event.target.value)} placeholder="Velg system" errorMessage={feil ?? ''} required>
              {systemer.map((s) => (
                <Select.Option key={s.id} value={s.id}>
                  {`${s.navn} – ${s.leverandoer.navn}`}
                </Select.Option>
              ))}
            </Select>
            <Button type="submit" svgPath={AddSVGpath}>
              Opprett systemtilgang
            </Button>
          </div>
          {system && <Paragraph hasSpacing>Gir tilgang til: {system.tilganger.join('; ')}.</Paragraph>}
        </form>
      )}
    </section>
  );
}

interface Svarvalg {
  readonly knapp: string;
  readonly tittel: string;
  readonly bekreft: string;
}

/** Yes and no to a request (a vendor's, a bank's), each confirmed in a dialog that says what follows. */
function Svar({ ja, nei, svar, jaTekst, neiTekst }: { readonly ja: Svarvalg; readonly nei: Svarvalg; readonly svar: (godkjenn: boolean) => Promise<void>; readonly jaTekst: ReactNode; readonly neiTekst: ReactNode }) {
  return (
    <div className={styles.handlinger}>
      <BekreftKnapp {...ja} variant="primary" onBekreft={() => svar(true)}>
        <Paragraph>{jaTekst}</Paragraph>
      </BekreftKnapp>
      <BekreftKnapp {...nei} farlig onBekreft={() => svar(false)}>
        <Paragraph>{neiTekst}</Paragraph>
      </BekreftKnapp>
    </div>
  );
}

/** A bank's consent requests the business has not answered: what the bank asks to see, until when, and Godkjenn / Avvis. */
function Samtykkeforespoersler({ samtykker, kanEndre, ferdig }: Seksjon & { readonly samtykker: readonly Samtykke[] }) {
  const { csrfToken, virksomhet } = useValgtVirksomhet();
  if (samtykker.length === 0) return null;
  return (
    <section aria-labelledby="samtykkeforespoersler-tittel" className={styles.seksjon}>
      <Heading as="h2" level={2} id="samtykkeforespoersler-tittel" hasSpacing>
        Banker som ber om samtykke
      </Heading>
      <ul className={styles.liste} data-testid="samtykkeforespoersler">
        {samtykker.map((s) => (
          <li key={s.id} className={`${styles.kort} ${styles.paagaaende}`} data-testid={`samtykkeforespoersel-${s.id}`}>
            <div className={styles.hoved}>
              <h3>{s.mottaker.navn}</h3>
              <dl className={styles.detaljer}>
                <dt>Organisasjonsnummer</dt>
                <dd>{formatOrganisasjonsnummer(s.mottaker.orgnr)}</dd>
                <dt>Ber om</dt>
                <dd>{s.tilganger.join('; ')}</dd>
                <dt>Gyldig til</dt>
                <dd>{formatTidspunktSomDato(s.gyldigTil)}</dd>
              </dl>
            </div>
            {kanEndre && (
              <Svar
                ja={{ knapp: 'Gi samtykke', tittel: 'Gi samtykke?', bekreft: 'Ja, gi samtykke' }}
                nei={{ knapp: 'Avslå', tittel: 'Avslå forespørselen?', bekreft: 'Ja, avslå' }}
                svar={async (godkjenn) => {
                  await svarPaaSamtykke(virksomhet.orgnr, csrfToken, s.id, godkjenn);
                  await ferdig(godkjenn ? `${s.mottaker.navn} har fått samtykke.` : `Forespørselen fra ${s.mottaker.navn} er avslått.`);
                }}
                jaTekst={`${s.mottaker.navn} kan da se ${s.tilganger.join('; ')} for ${virksomhet.navn} til ${formatTidspunktSomDato(s.gyldigTil)}, eller til du trekker samtykket.`}
                neiTekst={`${s.mottaker.navn} får ikke samtykke. Banken må be om et nytt om dere ombestemmer dere.`}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const samtykkeStatus = (s: Samtykke) =>
  s.status === 'aktivt'
    ? { tekst: `Gyldig til ${formatTidspunktSomDato(s.gyldigTil)}`, farge: 'forest' as const }
    : s.status === 'trukket'
      ? { tekst: `Trukket ${s.trukket ? formatTidspunktSomDato(s.trukket) : ''}`.trim(), farge: 'graphite' as const }
      : { tekst: `Utløpt ${formatTidspunktSomDato(s.gyldigTil)}`, farge: 'graphite' as const };

function Samtykker({ samtykker, kanEndre, ferdig }: Seksjon & { readonly samtykker: readonly Samtykke[] }) {
  const { csrfToken, virksomhet } = useValgtVirksomhet();
  return (
    <section aria-labelledby="samtykker-tittel" className={styles.seksjon}>
      <Heading as="h2" level={2} id="samtykker-tittel" hasSpacing>
        Samtykker til banker
      </Heading>
      {samtykker.length === 0 ? (
        <Paragraph hasSpacing>Virksomheten har ikke gitt noen bank samtykke.</Paragraph>
      ) : (
        <ul className={styles.liste} data-testid="samtykker">
          {samtykker.map((s) => {
            const status = samtykkeStatus(s);
            return (
              <li key={s.id} className={`${styles.kort} ${s.status === 'aktivt' ? styles.fullfoert : ''}`} data-testid={`samtykke-${s.id}`}>
                <div className={styles.hoved}>
                  <h3>{s.mottaker.navn}</h3>
                  <dl className={styles.detaljer}>
                    <dt>Organisasjonsnummer</dt>
                    <dd>{formatOrganisasjonsnummer(s.mottaker.orgnr)}</dd>
                    <dt>Gjelder</dt>
                    <dd>{s.tilganger.join('; ')}</dd>
                    {s.gittDato && (
                      <>
                        <dt>Gitt</dt>
                        <dd>{dato(s.gittDato)}</dd>
                      </>
                    )}
                    {s.status === 'aktivt' && (
                      <>
                        <dt>Kalenderabonnementer</dt>
                        <dd>{antallAbonnementer(s.kalenderabonnementer)}</dd>
                      </>
                    )}
                    {s.trukketAv && (
                      <>
                        <dt>Trukket av</dt>
                        <dd>{s.trukketAv}</dd>
                      </>
                    )}
                  </dl>
                </div>
                <div className={styles.side}>
                  <Tag color={status.farge}>{status.tekst}</Tag>
                  {kanEndre && s.status === 'aktivt' && (
                    <BekreftKnapp
                      knapp="Trekk samtykket"
                      tittel="Trekke samtykket?"
                      bekreft="Ja, trekk samtykket"
                      farlig
                      onBekreft={async () => {
                        await trekkSamtykke(virksomhet.orgnr, csrfToken, s.id);
                        await ferdig(`Samtykket til ${s.mottaker.navn} er trukket.`);
                      }}
                    >
                      <Paragraph>{s.mottaker.navn} kan ikke lenger se krav og betalinger for virksomheten. Banken må be om et nytt samtykke.</Paragraph>
                      <AbonnementerSomAvsluttes abonnementer={s.kalenderabonnementer} />
                    </BekreftKnapp>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
