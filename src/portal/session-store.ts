import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { limits } from '../domain/limits.js';
import { csrfTokenFor } from './csrf-token.js';
import type { PendingLogin } from './oidc-login.js';

/** A live portal session, as the guard hands it to a route. */
export interface PortalSesjon {
  /** SHA-256 of the cookie value: the row's key; the value itself is never stored. */
  readonly sesjonHash: string;
  readonly fnr: string;
  readonly idToken: string | null;
  /** What every write of this session must send as `x-csrf-token` (decision 0088). */
  readonly csrfToken: string;
}

/** Where a login leads once it has succeeded; neither skips a step of the login. */
export interface LoginDestination {
  readonly valgtOrgnr?: string;
  readonly tilbakeSti?: string;
}

/** 256 random bits, base64url: the cookie value of a session or a login binding. */
export function newOpaqueId(): string {
  return randomBytes(32).toString('base64url');
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Touching a session is a write; once a minute is enough for an idle timeout in minutes. */
const touchIntervalMs = 60_000;

/** Sessions and logins in progress, in the database (decision 0038). */
export class SessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /**
   * What the login is for, once the person is logged in: `valgtOrgnr`, the business to choose if
   * the person may act for it ("Logg inn som"), or `tilbakeSti`, the page on this host to return to.
   */
  async saveLogin(binding: string, pending: PendingLogin, after: LoginDestination = {}): Promise<void> {
    const now = this.clock.nowEpochMs();
    await this.db.deleteFrom('portal_innlogging').where('utloeper_ms', '<=', now).execute();
    await this.db
      .insertInto('portal_innlogging')
      .values({
        binding_hash: sha256(binding),
        state: pending.state,
        nonce: pending.nonce,
        code_verifier: pending.codeVerifier,
        utloeper_ms: now + limits.portalLoginLifetimeSeconds * 1000,
        valgt_orgnr: after.valgtOrgnr ?? null,
        tilbake_sti: after.tilbakeSti ?? null,
      })
      .execute();
  }

  /** The login bound to this browser, removed as it is read: a callback works once. */
  async takeLogin(binding: string): Promise<{ readonly pending: PendingLogin; readonly after: LoginDestination } | undefined> {
    const row = await this.db
      .deleteFrom('portal_innlogging')
      .where('binding_hash', '=', sha256(binding))
      .returning(['state', 'nonce', 'code_verifier', 'utloeper_ms', 'valgt_orgnr', 'tilbake_sti'])
      .executeTakeFirst();
    if (!row || row.utloeper_ms <= this.clock.nowEpochMs()) return undefined;
    const after: LoginDestination = { ...(row.valgt_orgnr === null ? {} : { valgtOrgnr: row.valgt_orgnr }), ...(row.tilbake_sti === null ? {} : { tilbakeSti: row.tilbake_sti }) };
    return { pending: { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier }, after };
  }

  /** A new session after login; returns the cookie value (the only copy of the id). */
  async create(fnr: string, idToken: string): Promise<string> {
    const id = newOpaqueId();
    const now = this.clock.nowEpochMs();
    await this.db.deleteFrom('portal_sesjon').where('utloeper_ms', '<=', now).execute();
    await this.db
      .insertInto('portal_sesjon')
      .values({
        sesjon_hash: sha256(id),
        fnr,
        id_token: idToken,
        opprettet_ms: now,
        sist_aktiv_ms: now,
        utloeper_ms: now + limits.portalSessionLifetimeSeconds * 1000,
      })
      .execute();
    return id;
  }

  /** The live session for a cookie value; an expired or idle one is deleted and not returned. */
  async find(id: string | undefined): Promise<PortalSesjon | undefined> {
    if (!id || id.length > 100) return undefined;
    const sesjonHash = sha256(id);
    const row = await this.db.selectFrom('portal_sesjon').where('sesjon_hash', '=', sesjonHash).selectAll().executeTakeFirst();
    if (!row) return undefined;
    const now = this.clock.nowEpochMs();
    if (row.utloeper_ms <= now || row.sist_aktiv_ms + limits.portalSessionIdleSeconds * 1000 <= now) {
      await this.delete(sesjonHash);
      return undefined;
    }
    if (now - row.sist_aktiv_ms >= touchIntervalMs) {
      await this.db.updateTable('portal_sesjon').set({ sist_aktiv_ms: now }).where('sesjon_hash', '=', sesjonHash).execute();
    }
    return { sesjonHash, fnr: row.fnr, idToken: row.id_token, csrfToken: csrfTokenFor(id) };
  }

  async delete(sesjonHash: string): Promise<void> {
    await this.db.deleteFrom('portal_sesjon').where('sesjon_hash', '=', sesjonHash).execute();
  }
}
