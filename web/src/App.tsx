import { Spinner } from '@skatteetaten/ds-progress';
import { BrowserRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { loggUt } from './api';
import { Meny } from './components/Meny';
import { Topp } from './components/Topp';
import { seksjoner } from './navigation';
import { Forside } from './pages/Forside';
import { IkkeFunnet } from './pages/IkkeFunnet';
import { InnloggingFeilet } from './pages/InnloggingFeilet';
import { Testdata } from './pages/Testdata';
import { VelgVirksomhet } from './pages/VelgVirksomhet';
import { useSesjon } from './sesjon';
import { Bunntekst } from './shared/Bunntekst';
import type { ReactNode } from 'react';

export function App() {
  return (
    <BrowserRouter>
      <MinSide />
    </BrowserRouter>
  );
}

/** Which page a visitor sees follows from the session: logged out, choosing a business, or inside. */
function MinSide() {
  const { sesjon, oppdater } = useSesjon();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  if (pathname === '/innlogging-feilet') return <Ramme><InnloggingFeilet /></Ramme>;
  if (sesjon === undefined) {
    return (
      <Ramme>
        <Spinner>Henter innloggingen din …</Spinner>
      </Ramme>
    );
  }
  // Testdata needs neither a login nor a business: outside the shell until a business is chosen.
  if (pathname === '/testdata' && !(sesjon.innlogget && sesjon.valgtVirksomhet)) return <Ramme><Testdata /></Ramme>;
  if (!sesjon.innlogget) return <Ramme><Forside /></Ramme>;

  const loggUtOgTilbake = async () => {
    await loggUt(sesjon.csrfToken).catch(() => undefined);
    await oppdater();
    navigate('/');
  };
  if (!sesjon.valgtVirksomhet || pathname === '/velg-virksomhet') {
    return (
      <Ramme onLoggUt={loggUtOgTilbake}>
        <VelgVirksomhet
          personNavn={sesjon.person.navn}
          virksomheter={sesjon.virksomheter}
          csrfToken={sesjon.csrfToken}
          onLoggUt={loggUtOgTilbake}
          onValgt={async () => {
            await oppdater();
            navigate('/');
          }}
        />
      </Ramme>
    );
  }
  return (
    <Ramme virksomhet={sesjon.valgtVirksomhet} onByttVirksomhet={() => navigate('/velg-virksomhet')} onLoggUt={loggUtOgTilbake} meny>
      <Routes>
        {seksjoner.map((seksjon) => (
          <Route key={seksjon.id} path={seksjon.sti} element={<seksjon.side />} />
        ))}
        <Route path="*" element={<IkkeFunnet />} />
      </Routes>
    </Ramme>
  );
}

function Ramme({ children, meny = false, ...topp }: { children: ReactNode; meny?: boolean } & Parameters<typeof Topp>[0]) {
  return (
    <>
      <Topp {...topp} />
      {meny && <Meny />}
      <main id="hovedinnhold" className="side-innhold" tabIndex={-1}>
        {children}
      </main>
      <Bunntekst />
    </>
  );
}
