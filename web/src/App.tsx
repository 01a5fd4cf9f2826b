import { Spinner } from '@skatteetaten/ds-progress';
import { BrowserRouter, Navigate, Route, Routes, useNavigate, useParams } from 'react-router';
import { virksomhetSti } from '../../src/portal/virksomhet-sti';
import { loggUt, type Sesjon } from './api';
import { Meny } from './components/Meny';
import { Topp } from './components/Topp';
import { seksjoner, type Seksjon } from './navigation';
import { Forside } from './pages/Forside';
import { Godkjenning, GodkjenningKreverInnlogging } from './pages/Godkjenning';
import { IkkeFunnet } from './pages/IkkeFunnet';
import { IkkeTilgang } from './pages/IkkeTilgang';
import { InnloggingFeilet } from './pages/InnloggingFeilet';
import { Testdata } from './pages/Testdata';
import { VelgVirksomhet } from './pages/VelgVirksomhet';
import { useSesjon } from './sesjon';
import { Bunntekst } from './shared/Bunntekst';
import { useSideskifte, useSidetittel } from './sideskifte';
import { ValgtVirksomhetProvider, useValgtVirksomhet } from './valgt-virksomhet';
import type { ReactNode } from 'react';

export function App() {
  return (
    <BrowserRouter>
      <MinSide />
    </BrowserRouter>
  );
}

type Innlogget = Extract<Sesjon, { innlogget: true }>;

/**
 * Which page a visitor sees follows from the session and the address: logged out, choosing a
 * business, or inside one business's shell at `/virksomhet/{orgnr}/…`. The business is in the
 * address only, so each tab shows the one it names (decision 0101).
 */
function MinSide() {
  const { sesjon, oppdater } = useSesjon();
  const navigate = useNavigate();

  if (sesjon === undefined) {
    return (
      <Ramme tittel="Min side">
        <Spinner>Henter innloggingen din …</Spinner>
      </Ramme>
    );
  }
  const loggUtOgTilbake = async () => {
    if (sesjon.innlogget) await loggUt(sesjon.csrfToken).catch(() => undefined);
    await oppdater();
    navigate('/');
  };
  const forside = (
    <Ramme tittel="Krav og betalinger for virksomheter">
      <Forside />
    </Ramme>
  );
  return (
    <Routes>
      <Route path="/innlogging-feilet" element={<Ramme tittel="Innloggingen feilet"><InnloggingFeilet /></Ramme>} />
      {/* Testdata needs neither a login nor a business: outside the shell here, in the menu inside it. */}
      <Route path="/testdata" element={<Ramme tittel="Testdata"><Testdata /></Ramme>} />
      <Route path="/" element={sesjon.innlogget ? <Navigate to="/velg-virksomhet" replace /> : forside} />
      <Route
        path="/velg-virksomhet"
        element={
          sesjon.innlogget ? (
            <Ramme tittel="Velg virksomhet" onLoggUt={loggUtOgTilbake}>
              <VelgVirksomhet personNavn={sesjon.person.navn} virksomheter={sesjon.virksomheter} onValgt={(orgnr) => navigate(virksomhetSti(orgnr))} onLoggUt={loggUtOgTilbake} />
            </Ramme>
          ) : (
            forside
          )
        }
      />
      <Route path="/virksomhet/:orgnr/*" element={sesjon.innlogget ? <Virksomhetsskall sesjon={sesjon} onLoggUt={loggUtOgTilbake} /> : forside} />
      {/* The pages at a request's confirmUrl or viewUri, at Altinn's paths (decision 0156): the business is the request's. */}
      <Route
        path="/altinn/accessmanagement/ui/*"
        element={<Ramme onLoggUt={sesjon.innlogget ? loggUtOgTilbake : undefined}>{sesjon.innlogget ? <Godkjenning csrfToken={sesjon.csrfToken} /> : <GodkjenningKreverInnlogging />}</Ramme>}
      />
      <Route path="*" element={<Ramme tittel="Fant ikke siden"><IkkeFunnet /></Ramme>} />
    </Routes>
  );
}

/** One business's pages with the menu, for the business the address names if the person may act for it. */
function Virksomhetsskall({ sesjon, onLoggUt }: { readonly sesjon: Innlogget; readonly onLoggUt: () => void }) {
  const { orgnr } = useParams();
  const navigate = useNavigate();
  const byttVirksomhet = () => navigate('/velg-virksomhet');
  const virksomhet = sesjon.virksomheter.find((v) => v.orgnr === orgnr);
  if (!virksomhet) {
    return (
      <Ramme tittel="Ingen tilgang" onByttVirksomhet={byttVirksomhet} onLoggUt={onLoggUt}>
        <IkkeTilgang />
      </Ramme>
    );
  }
  return (
    <ValgtVirksomhetProvider verdi={{ virksomhet, csrfToken: sesjon.csrfToken, personNavn: sesjon.person.navn }}>
      <Ramme virksomhet={virksomhet} onByttVirksomhet={byttVirksomhet} onLoggUt={onLoggUt} meny>
        <Routes>
          {seksjoner.map((seksjon) =>
            seksjon.sti === '' ? (
              <Route key={seksjon.id} index element={<Seksjonsside seksjon={seksjon} />} />
            ) : (
              <Route key={seksjon.id} path={seksjon.sti} element={<Seksjonsside seksjon={seksjon} />} />
            ),
          )}
          <Route path="*" element={<IkkeFunnet />} />
        </Routes>
      </Ramme>
    </ValgtVirksomhetProvider>
  );
}

/** A section's page, titled "Ubetalte krav – Fjellheim Rørleggerservice – Min side". */
function Seksjonsside({ seksjon }: { readonly seksjon: Seksjon }) {
  const { virksomhet } = useValgtVirksomhet();
  useSidetittel(`${seksjon.tittel} – ${virksomhet.navn}`);
  return <seksjon.side />;
}

function Ramme({ children, meny = false, tittel, ...topp }: { children: ReactNode; meny?: boolean; tittel?: string } & Parameters<typeof Topp>[0]) {
  const kunngjoering = useSideskifte();
  return (
    <>
      {tittel !== undefined && <Tittel tittel={tittel} />}
      <Topp {...topp} />
      {meny && <Meny />}
      <main id="hovedinnhold" className="side-innhold" tabIndex={-1}>
        {children}
      </main>
      <div role="status" className="skjult" data-testid="sideskifte">
        {kunngjoering}
      </div>
      <Bunntekst />
    </>
  );
}

function Tittel({ tittel }: { readonly tittel: string }) {
  useSidetittel(tittel);
  return null;
}
