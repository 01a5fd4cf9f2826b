import { Button, Link } from '@skatteetaten/ds-buttons';
import { Checkbox, Fieldset, Select, TextField } from '@skatteetaten/ds-forms';
import { SearchSVGpath } from '@skatteetaten/ds-icons';
import { Pagination } from '@skatteetaten/ds-navigation';
import { Spinner } from '@skatteetaten/ds-progress';
import { Tag } from '@skatteetaten/ds-status';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { useState, type FormEvent } from 'react';
import type { LocalDate } from '../../../src/domain/dates';
import { formatDato, formatOrganisasjonsnummer } from '../../../src/domain/format';
import styles from '../components/Kortliste.module.css';
import { Tilbakemelding } from '../components/Tilbakemelding';
import { grunnlagTekst } from '../grunnlag';
import { useHentet } from '../useHentet';
import { loggInnSomUrl, soekTestdata, type Situasjon, type Testdatafilter, type Testvirksomhet } from '../testdata-api';

const situasjoner: readonly { readonly felt: keyof Situasjon; readonly tekst: string; readonly merke: string }[] = [
  { felt: 'harForfalteKrav', tekst: 'Har forfalte krav', merke: 'Forfalte krav' },
  { felt: 'harUplassertInnbetaling', tekst: 'Har innbetaling som ikke er plassert', merke: 'Uplassert innbetaling' },
  { felt: 'harUtbetaling', tekst: 'Har fått utbetaling', merke: 'Utbetaling' },
  { felt: 'harTilgode', tekst: 'Har penger til gode', merke: 'Til gode' },
];
const mvaTekst: Record<string, string> = { tomaaneders: 'Mva: tomånedlig', aarlig: 'Mva: årlig', primaernaering: 'Mva: primærnæring' };

/**
 * The sandbox's "Testdata": the search Tenor lacks for this data. Filter the synthetic businesses
 * by situation as of the business date and log in as the person who represents one — through the
 * ordinary login, with that person suggested.
 */
export function Testdata() {
  const [utkast, setUtkast] = useState<Testdatafilter>({});
  const [filter, setFilter] = useState<Testdatafilter>({});
  const [side, setSide] = useState(0);
  const hentet = useHentet(() => soekTestdata(filter, side), JSON.stringify([filter, side]));
  const svar = hentet.status === 'ok' ? hentet.data : undefined;
  const feil = hentet.status === 'feil' ? hentet.melding : undefined;

  const sett = (felt: keyof Testdatafilter, verdi: string | undefined) => setUtkast((f) => ({ ...f, [felt]: verdi }));
  const soek = (event: FormEvent) => {
    event.preventDefault();
    setSide(0);
    setFilter(utkast);
  };

  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Testdata
      </Heading>
      <Paragraph hasSpacing>
        Finn en syntetisk virksomhet i situasjonen du vil teste, og logg inn som personen som kan representere den. Situasjonen gjelder
        reskontroen {svar ? formatDato(svar.forretningsdato as LocalDate) : 'på forretningsdatoen'}.
      </Paragraph>
      <form onSubmit={soek} aria-label="Søk i testdata">
        <TextField label="Navn eller organisasjonsnummer" value={utkast.tekst ?? ''} onChange={(event) => sett('tekst', event.target.value)} maxLength={100} hasSpacing />
        <Fieldset legend="Situasjon" hasSpacing>
          {situasjoner.map(({ felt, tekst }) => (
            <Checkbox key={felt} checked={utkast[felt] === 'true'} onChange={(event) => sett(felt, event.target.checked ? 'true' : undefined)}>
              {tekst}
            </Checkbox>
          ))}
        </Fieldset>
        <div className={styles.verktoey}>
          <Select label="Organisasjonsform" value={utkast.organisasjonsform ?? ''} onChange={(event) => sett('organisasjonsform', event.target.value || undefined)} hidePlaceholder>
            <Select.Option value="">Alle</Select.Option>
            <Select.Option value="ENK">Enkeltpersonforetak (ENK)</Select.Option>
            <Select.Option value="AS">Aksjeselskap (AS)</Select.Option>
            <Select.Option value="ASA">Allmennaksjeselskap (ASA)</Select.Option>
            <Select.Option value="NUF">Norskregistrert utenlandsk foretak (NUF)</Select.Option>
          </Select>
          <Select label="Mva-termin" value={utkast.mvaTermintype ?? ''} onChange={(event) => sett('mvaTermintype', event.target.value || undefined)} hidePlaceholder>
            <Select.Option value="">Alle</Select.Option>
            <Select.Option value="tomaaneders">Tomånedlig</Select.Option>
            <Select.Option value="aarlig">Årlig</Select.Option>
            <Select.Option value="primaernaering">Primærnæring (årlig)</Select.Option>
            <Select.Option value="ingen">Ikke mva-registrert</Select.Option>
          </Select>
          <Select label="Skjermet adresse" value={utkast.skjermet ?? ''} onChange={(event) => sett('skjermet', event.target.value || undefined)} hidePlaceholder>
            <Select.Option value="">Alle</Select.Option>
            <Select.Option value="true">Skjermet</Select.Option>
            <Select.Option value="false">Ikke skjermet</Select.Option>
          </Select>
          <Button type="submit" svgPath={SearchSVGpath}>
            Søk
          </Button>
        </div>
      </form>
      <section aria-labelledby="treff-tittel" className={styles.seksjon}>
        <Heading as="h2" level={2} id="treff-tittel" hasSpacing>
          Virksomheter
        </Heading>
        <Tilbakemelding melding={svar ? (svar.totalt === 1 ? '1 virksomhet passer' : `${svar.totalt} virksomheter passer`) : ''} feil={feil} />
        {!svar && !feil && <Spinner>Søker …</Spinner>}
        {svar && svar.virksomheter.length > 0 && (
          <ul className={styles.liste} data-testid="treff">
            {svar.virksomheter.map((v) => (
              <Treff key={v.orgnr} virksomhet={v} />
            ))}
          </ul>
        )}
        {svar && svar.totalt > svar.antallPerSide && (
          <Pagination totalItems={svar.totalt} pageSize={svar.antallPerSide} currentPage={svar.side + 1} onChange={(valgt) => setSide(valgt - 1)} ariaLabel="Sider med treff" />
        )}
      </section>
    </>
  );
}

function Treff({ virksomhet: v }: { readonly virksomhet: Testvirksomhet }) {
  const merker = [
    ...situasjoner.filter(({ felt }) => v.situasjon[felt]).map(({ merke }) => merke),
    ...(v.mvaTermintype ? [mvaTekst[v.mvaTermintype] ?? v.mvaTermintype] : []),
    ...(v.arbeidsgiver ? ['Arbeidsgiver'] : []),
    ...(v.skjermet ? ['Skjermet'] : []),
  ];
  return (
    <li className={styles.kort} data-testid={`treff-${v.orgnr}`}>
      <div className={styles.hoved}>
        <h3>{v.navn}</h3>
        <p>
          Org.nr. {formatOrganisasjonsnummer(v.orgnr)}
          {v.organisasjonsform && <> · {v.organisasjonsform}</>}
        </p>
        {merker.length > 0 && (
          <ul className={styles.merker} aria-label="Situasjon">
            {merker.map((merke) => (
              <li key={merke}>
                <Tag color={merke === 'Forfalte krav' ? 'burgundy' : 'denim'} size="small">
                  {merke}
                </Tag>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className={styles.side}>
        {v.representant ? (
          <Link href={loggInnSomUrl(v.representant.fnr, v.orgnr)}>
            {`Logg inn som ${v.representant.navn} (${grunnlagTekst([v.representant.grunnlag]).toLowerCase()})`}
          </Link>
        ) : (
          <Paragraph>Ingen testperson kan representere virksomheten.</Paragraph>
        )}
      </div>
    </li>
  );
}
