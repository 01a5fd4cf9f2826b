import type { Migration } from 'kysely/migration';
import * as ledger from './0001-ledger.js';
import * as auth from './0002-auth.js';
import * as portal from './0003-portal.js';
import * as kalender from './0004-kalender.js';
import * as minsideTilganger from './0005-minside-tilganger.js';
import * as altinnAapneForesporsler from './0006-altinn-aapne-foresporsler.js';
import * as lesemodell from './0007-lesemodell.js';
import * as endringer from './0008-endringer.js';
import * as kalenderTilgang from './0009-kalender-tilgang.js';
import * as bankfiler from './0010-bankfiler.js';
import * as portalUtenValgtVirksomhet from './0011-portal-uten-valgt-virksomhet.js';
import * as utsettelserOgRefusjoner from './0012-utsettelser-og-refusjoner.js';
import * as innloggingTilbake from './0013-innlogging-tilbake.js';

/**
 * Every migration, in order. One list for PGlite and PostgreSQL. Add a new file with the next
 * number and register it here; never edit a migration that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001-ledger': ledger,
  '0002-auth': auth,
  '0003-portal': portal,
  '0004-kalender': kalender,
  '0005-minside-tilganger': minsideTilganger,
  '0006-altinn-aapne-foresporsler': altinnAapneForesporsler,
  '0007-lesemodell': lesemodell,
  '0008-endringer': endringer,
  '0009-kalender-tilgang': kalenderTilgang,
  '0010-bankfiler': bankfiler,
  '0011-portal-uten-valgt-virksomhet': portalUtenValgtVirksomhet,
  '0012-utsettelser-og-refusjoner': utsettelserOgRefusjoner,
  '0013-innlogging-tilbake': innloggingTilbake,
};
