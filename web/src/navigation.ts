import type { ComponentType } from 'react';
import { BetalteKrav } from './pages/BetalteKrav';
import { FristerOgOppgaver } from './pages/FristerOgOppgaver';
import { Innbetalinger } from './pages/Innbetalinger';
import { Kontoutskrift } from './pages/Kontoutskrift';
import { Oversikt } from './pages/Oversikt';
import { Systemtilganger } from './pages/Systemtilganger';
import { Testdata } from './pages/Testdata';
import { UbetalteKrav } from './pages/UbetalteKrav';
import { Utbetalinger } from './pages/Utbetalinger';

/** One section of Min side: a menu entry and the page at its path. */
export interface Seksjon {
  /** Stable id (used in test ids and by part 2's tests). */
  readonly id: string;
  /** The menu text, as Skatteetaten's Min side writes it. */
  readonly tittel: string;
  /** The page's path under `/virksomhet/{orgnr}/`; '' is the business's Oversikt. */
  readonly sti: string;
  readonly side: ComponentType;
  /** Shown only when the server is a sandbox (`GET /portal/api/miljoe`). */
  readonly kunISandkasse?: boolean;
}

/**
 * Min side's sections, in menu order. Only sections that show real data are listed: a section
 * appears when its page and its /portal/api endpoint exist. Part 2 appends, in this order:
 * Ubetalte krav, Betalte krav, Innbetalinger, Utbetalinger, Kontoutskrift, Frister og oppgaver,
 * Systemtilganger, Testdata.
 */
export const seksjoner: readonly Seksjon[] = [
  { id: 'oversikt', tittel: 'Oversikt', sti: '', side: Oversikt },
  { id: 'ubetalte-krav', tittel: 'Ubetalte krav', sti: 'ubetalte-krav', side: UbetalteKrav },
  { id: 'betalte-krav', tittel: 'Betalte krav', sti: 'betalte-krav', side: BetalteKrav },
  { id: 'innbetalinger', tittel: 'Innbetalinger', sti: 'innbetalinger', side: Innbetalinger },
  { id: 'utbetalinger', tittel: 'Utbetalinger', sti: 'utbetalinger', side: Utbetalinger },
  { id: 'kontoutskrift', tittel: 'Kontoutskrift', sti: 'kontoutskrift', side: Kontoutskrift },
  { id: 'frister', tittel: 'Frister og oppgaver', sti: 'frister-og-oppgaver', side: FristerOgOppgaver },
  { id: 'systemtilganger', tittel: 'Systemtilganger', sti: 'systemtilganger', side: Systemtilganger },
  { id: 'testdata', tittel: 'Testdata', sti: 'testdata', side: Testdata, kunISandkasse: true },
];
