import { Button, Link } from '@skatteetaten/ds-buttons';
import { LockOutlineSVGpath } from '@skatteetaten/ds-icons';
import { Spinner } from '@skatteetaten/ds-progress';
import { Alert } from '@skatteetaten/ds-status';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { approvalKindAt, type ApprovalKind } from '../../../src/auth/altinn/approval-pages';
import { formatOrganisasjonsnummer } from '../../../src/domain/format';
import { virksomhetSti } from '../../../src/portal/virksomhet-sti';
import { ApiFeil, loggInn } from '../api';
import { flyttFokusEtterEndring } from '../components/BekreftKnapp';
import { Tilbakemelding } from '../components/Tilbakemelding';
import styles from '../components/Kortliste.module.css';
import { hentForespoersel, svarPaaForespoersel, type Godkjenningssvar } from '../godkjenning-api';
import { useSidetittel } from '../sideskifte';
import { formatTidspunktSomDato } from '../tidspunkt';
import { useHentet } from '../useHentet';
import { IkkeFunnet } from './IkkeFunnet';

const overskrift: Record<ApprovalKind, string> = {
  request: 'Forespørsel om systemtilgang',
  agentrequest: 'Forespørsel om klientsystem',
  changerequest: 'Forespørsel om å endre en systemtilgang',
  consent: 'Forespørsel om samtykke',
};

const besvart: Record<Exclude<Godkjenningssvar['status'], 'venter'>, string> = {
  godkjent: 'Forespørselen er godkjent.',
  avvist: 'Forespørselen er avvist.',
  utloept: 'Forespørselen er utløpt og kan ikke lenger besvares. Be avsenderen om en ny.',
  trukket: 'Samtykket er gitt og senere trukket.',
};

const orgTekst = (org: { navn: string; orgnr: string }) => `${org.navn} (org.nr. ${formatOrganisasjonsnummer(org.orgnr)})`;

/**
 * The page at a request's `confirmUrl` or `viewUri` (decision 0156): which system or bank asks,
 * from which vendor, for which business, and what it would get, in plain words; then Godkjenn or
 * Avvis. The business is the request's: nobody picks one here (Altinn's `DONTCHOOSEREPORTEE`).
 * After an answer the browser goes on to the request's `redirectUrl`, or gets a receipt.
 */
export function Godkjenning({ csrfToken }: { readonly csrfToken: string }) {
  const { pathname, search } = useLocation();
  const side = approvalKindAt(pathname);
  const id = new URLSearchParams(search).get('id') ?? '';
  if (!side) return <IkkeFunnet />;
  return <Forespoersel side={side} id={id} csrfToken={csrfToken} />;
}

/** The same page before login (the server sends a browser without a session to the login, so this is seen only if it ran out meanwhile). */
export function GodkjenningKreverInnlogging() {
  const { pathname, search } = useLocation();
  useSidetittel('Logg inn for å svare');
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Logg inn for å svare på forespørselen
      </Heading>
      <Paragraph hasSpacing>Du må logge inn for å se forespørselen og svare på den. Etterpå kommer du tilbake hit.</Paragraph>
      <Button svgPath={LockOutlineSVGpath} onClick={() => loggInn(`${pathname}${search}`)}>
        Logg inn
      </Button>
    </>
  );
}

function Forespoersel({ side, id, csrfToken }: { readonly side: ApprovalKind; readonly id: string; readonly csrfToken: string }) {
  useSidetittel(overskrift[side]);
  const hentet = useHentet(() => (id ? hentForespoersel(side, id) : Promise.reject(new ApiFeil(400, 'mangler_id', 'Lenken mangler id-en til forespørselen.'))), `${side}/${id}`);
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        {overskrift[side]}
      </Heading>
      {hentet.status === 'laster' && <Spinner>Henter forespørselen …</Spinner>}
      {hentet.status === 'feil' && (
        <Alert variant="danger" showAlert>
          {hentet.melding}
        </Alert>
      )}
      {hentet.status === 'ok' && <Detaljer forespoersel={hentet.data} csrfToken={csrfToken} />}
    </>
  );
}

function Detaljer({ forespoersel: f, csrfToken }: { readonly forespoersel: Godkjenningssvar; readonly csrfToken: string }) {
  const [svar, setSvar] = useState<{ readonly melding: string; readonly feil?: string } | undefined>();
  /** The answer on its way, if any: its button spins, and neither button answers twice. */
  const [sender, setSender] = useState<boolean | undefined>();
  const part = f.part.erPerson ? f.part.navn : orgTekst({ navn: f.part.navn, orgnr: f.part.id });

  const svarMed = async (godkjenn: boolean) => {
    if (sender !== undefined) return;
    setSender(godkjenn);
    try {
      const resultat = await svarPaaForespoersel(f.side, f.id, csrfToken, godkjenn);
      if (resultat.videre !== null) {
        setSvar({ melding: `Sender deg videre til ${f.sendesTil ?? 'avsenderen'} …` });
        window.location.assign(resultat.videre);
        return;
      }
      setSvar({ melding: kvittering(f, godkjenn) });
    } catch (error) {
      setSvar({ melding: '', feil: error instanceof ApiFeil ? error.message : 'Noe gikk galt. Prøv igjen.' });
    }
    setSender(undefined);
  };

  const ferdig = svar !== undefined && svar.feil === undefined;
  // The buttons are gone once answered: focus goes to what the answer did.
  useEffect(() => {
    if (ferdig) flyttFokusEtterEndring();
  }, [ferdig]);
  return (
    <>
      <Paragraph hasSpacing>{ingress(f, part)}</Paragraph>
      <dl className={styles.detaljer} data-testid="forespoersel">
        {f.system && (
          <>
            <dt>System</dt>
            <dd>{f.system.navn}</dd>
            <dt>Leverandør</dt>
            <dd>{orgTekst(f.system.leverandoer)}</dd>
          </>
        )}
        {f.mottaker && (
          <>
            <dt>Bank</dt>
            <dd>{orgTekst(f.mottaker)}</dd>
          </>
        )}
        <dt>Gjelder</dt>
        <dd>{part}</dd>
        {f.gir.length > 0 && (
          <>
            <dt>{f.side === 'consent' ? 'Ber om å se' : f.side === 'changerequest' ? 'Får tilgang til' : 'Tilganger'}</dt>
            <dd>
              <Tilgangsliste tilganger={f.gir} />
            </dd>
          </>
        )}
        {f.fjerner.length > 0 && (
          <>
            <dt>Mister tilgang til</dt>
            <dd>
              <Tilgangsliste tilganger={f.fjerner} />
            </dd>
          </>
        )}
        {f.gyldigTil && (
          <>
            <dt>Gyldig til</dt>
            <dd>{formatTidspunktSomDato(f.gyldigTil)}</dd>
          </>
        )}
      </dl>
      <Tilbakemelding melding={svar?.melding} feil={svar?.feil} />
      {f.status !== 'venter' ? (
        <Alert variant="info" showAlert>
          {besvart[f.status]}
        </Alert>
      ) : !f.kanSvare ? (
        <Alert variant="info" showAlert>
          Du kan se forespørselen, men bare innehaver, daglig leder eller styreleder i {f.part.navn} kan svare på den.
        </Alert>
      ) : ferdig ? (
        !f.part.erPerson && <Link href={virksomhetSti(f.part.id, 'systemtilganger')}>{`Se systemtilganger og samtykker for ${f.part.navn}`}</Link>
      ) : (
        <>
          {f.sendesTil && <Paragraph hasSpacing>Når du har svart, sendes du tilbake til {f.sendesTil} og logges ut av Min side.</Paragraph>}
          <div className={styles.handlinger}>
            <Button variant="primary" hasSpinner={sender === true} onClick={() => void svarMed(true)}>
              Godkjenn
            </Button>
            <Button variant="secondary" hasSpinner={sender === false} onClick={() => void svarMed(false)}>
              Avvis
            </Button>
          </div>
        </>
      )}
    </>
  );
}

function Tilgangsliste({ tilganger }: { readonly tilganger: readonly string[] }) {
  return (
    <ul className={styles.tilganger}>
      {tilganger.map((tilgang) => (
        <li key={tilgang}>{tilgang}</li>
      ))}
    </ul>
  );
}

/** What the answer did, said once it is done (no redirectUrl to go on to). */
function kvittering(f: Godkjenningssvar, godkjenn: boolean): string {
  const hvem = f.mottaker?.navn ?? f.system?.navn ?? 'Avsenderen';
  if (!godkjenn) return `Du har avvist forespørselen. ${hvem} får ikke ${f.side === 'consent' ? 'samtykke' : 'tilgangen'}.`;
  if (f.side === 'consent') return `Du har godkjent forespørselen. ${hvem} har fått samtykke.`;
  return `Du har godkjent forespørselen. ${hvem} har ${f.side === 'changerequest' ? 'fått endret tilgangen' : 'fått tilgang'}.`;
}

/** One sentence: who asks what of whom. */
function ingress(f: Godkjenningssvar, part: string): string {
  const fra = f.system ? `${f.system.leverandoer.navn} ber om at systemet ${f.system.navn}` : '';
  switch (f.side) {
    case 'request':
      return `${fra} får tilgang til å hente opplysninger for ${part}. Tilgangen varer til dere sletter den.`;
    case 'agentrequest':
      return `${fra} blir klientsystem for ${part}: regnskapsførerens eller revisorens system for klientene. Hvilke klienter systemet får hente opplysninger for, velger dere etterpå.`;
    case 'changerequest':
      return `${f.system?.leverandoer.navn ?? 'Leverandøren'} ber om å endre hva systemet ${f.system?.navn ?? ''} har tilgang til for ${part}.`;
    case 'consent':
      return `${f.mottaker?.navn ?? 'Banken'} ber om samtykke til å se opplysninger om ${part}${f.gyldigTil ? ` til og med ${formatTidspunktSomDato(f.gyldigTil)}` : ''}, eller til samtykket trekkes.`;
  }
}
