import { Button } from '@skatteetaten/ds-buttons';
import { Radio, RadioGroup, SearchField } from '@skatteetaten/ds-forms';
import { Alert } from '@skatteetaten/ds-status';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { useEffect, useState } from 'react';
import { formatFoedselsnummer } from '../../../src/domain/format';
import { Bunntekst } from '../shared/Bunntekst';
import { MiljoeBanner } from '../shared/MiljoeBanner';
import styles from './VelgTestperson.module.css';

interface Testpersoner {
  readonly csrfToken: string;
  readonly klient: string;
  readonly personer: readonly { readonly fnr: string; readonly navn: string }[];
  /** The person the login asked for (`login_hint`), checked from the start. */
  readonly forhaandsvalgt: string | null;
}

/** The interaction id is the last path segment: /idporten/interaction/<uid>. */
const uid = window.location.pathname.split('/').filter(Boolean).at(-1) ?? '';
const base = `/idporten/interaction/${encodeURIComponent(uid)}`;

/**
 * The sandbox's stand-in for BankID: pick one of the synthetic persons. Two plain HTML forms
 * (log in, cancel), each with the CSRF token; the search only narrows the list.
 */
export function VelgTestperson() {
  const [sok, setSok] = useState('');
  const [svar, setSvar] = useState<Testpersoner | undefined>();
  const [feil, setFeil] = useState<string | undefined>();

  useEffect(() => {
    const avbryt = new AbortController();
    const vent = setTimeout(() => {
      fetch(`${base}/testpersoner?sok=${encodeURIComponent(sok)}`, { signal: avbryt.signal, credentials: 'same-origin' })
        .then(async (response) => {
          if (!response.ok) throw new Error(await response.text());
          setSvar((await response.json()) as Testpersoner);
          setFeil(undefined);
        })
        .catch((error: unknown) => {
          if (!avbryt.signal.aborted) setFeil(error instanceof Error && error.message ? error.message : 'Kunne ikke hente testpersoner.');
        });
    }, 200);
    return () => {
      clearTimeout(vent);
      avbryt.abort();
    };
  }, [sok]);

  return (
    <>
      <a className="hopp-til-innhold" href="#hovedinnhold">
        Hopp til hovedinnhold
      </a>
      <MiljoeBanner />
      <header className={styles.topp}>
        <span className={styles.tjeneste}>Testinnlogging</span>
        <span>Erstatter ID-porten og BankID i testmiljøet</span>
      </header>
      <main id="hovedinnhold" className="side-innhold" tabIndex={-1}>
        <Heading as="h1" level={1} hasSpacing>
          Velg testperson
        </Heading>
        <Paragraph hasSpacing>
          Du logger inn på <strong>{svar?.klient ?? '…'}</strong>. Velg hvem du vil være: alle personene er oppdiktet.
        </Paragraph>
        {feil && (
          <Alert variant="danger" showAlert>
            {feil}
          </Alert>
        )}
        <SearchField
          label="Søk etter navn eller fødselsnummer"
          hideLabel={false}
          value={sok}
          onChange={(event) => setSok(event.target.value)}
          onClear={() => setSok('')}
          onSearch={(event) => event.preventDefault()}
          hasSpacing
        />
        <form method="post" action={`${base}/login`}>
          <input type="hidden" name="_csrf" value={svar?.csrfToken ?? ''} />
          {svar && svar.personer.length === 0 ? (
            <Paragraph hasSpacing>Ingen testpersoner passer med søket.</Paragraph>
          ) : (
            <RadioGroup legend="Testpersoner" name="fnr" required hasSpacing defaultValue={svar?.forhaandsvalgt ?? undefined}>
              {(svar?.personer ?? []).map((person) => (
                <Radio key={person.fnr} value={person.fnr} description={`Fødselsnummer ${formatFoedselsnummer(person.fnr)}`}>
                  {person.navn}
                </Radio>
              ))}
            </RadioGroup>
          )}
          <div className={styles.knapper}>
            <Button type="submit" disabled={!svar || svar.personer.length === 0}>
              Logg inn
            </Button>
            <Button type="submit" variant="tertiary" form="avbryt">
              Avbryt
            </Button>
          </div>
        </form>
        <form id="avbryt" method="post" action={`${base}/avbryt`}>
          <input type="hidden" name="_csrf" value={svar?.csrfToken ?? ''} />
        </form>
      </main>
      <Bunntekst />
    </>
  );
}
