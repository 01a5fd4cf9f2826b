import type { AuthTables } from '../auth/tables.js';
import type { BankTables } from '../bank/tables.js';
import type { IdportenTables } from '../auth/idporten/tables.js';
import type { KalenderTables } from '../kalender/tables.js';
import type { RepresentationTables } from '../auth/representation/tables.js';
import type { LedgerTables } from '../ledger/tables.js';
import type { PortalTables } from '../portal/tables.js';

/** All tables of the one database every part shares. */
export interface Database extends LedgerTables, AuthTables, RepresentationTables, IdportenTables, PortalTables, KalenderTables, BankTables {}
