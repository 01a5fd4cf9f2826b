import type { AuthTables } from '../auth/tables.js';
import type { LedgerTables } from '../ledger/tables.js';

/** All tables of the one database every part shares. */
export interface Database extends LedgerTables, AuthTables {}
