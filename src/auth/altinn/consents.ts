import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { endSubscriptionsUnder } from '../../kalender/index.js';
import { consentDetailsType, iso6523, partyFromUrn, partyUrn } from '../identifiers.js';
import { toJson, type AltinnConsentTable, type ConsentRight, type ConsentStatus } from '../tables.js';
import { announcingTransaction } from '../../db/change-notifications.js';
import { accessChange } from './access-changes.js';
import { approvalPageUrl } from './approval-pages.js';
import { changesOf, logChange, type AccessChange, type AltinnActor } from './change-log.js';
import { isoInstant, nowDate, type AltinnContext } from './context.js';
import { AltinnProblem, invalid, problem, type AltinnProblemCode } from './problem.js';
import { uuidFromName } from './stable-uuid.js';
import { altinn2Services, resources } from './resource-registry.js';
import { isUuid } from './system-users.js';

/**
 * Consent (spec §7). Altinn 3: the consumer (a bank) creates a request with an id it chooses,
 * the party accepts it, and the consumer names it in its Maskinporten grant. Altinn 2: the same
 * life cycle with an AuthorizationCode, proven by a short-lived consent token in the
 * `AltinnSamtykke` header. One table and one life cycle serve both.
 */
export const consentValidityDaysMax = 366;
const altinn2ResourceType = 'urn:altinn:altinn2service';

/** A right as the consent request API writes it: `metaData`, where the token says `metadata`. */
export interface ConsentRightInput {
  action: string[];
  resource: { type: string; value: string }[];
  metaData?: Record<string, string> | undefined;
}

export interface ConsentRequestInput {
  id: string;
  from: string;
  to: string;
  validTo: string;
  consentRights: ConsentRightInput[];
  redirectUrl?: string | undefined;
}

export type ConsentEventType = 'Created' | 'Accepted' | 'Rejected' | 'Revoked';

export interface ConsentRequestEventDto {
  consentEventID: string;
  created: string;
  performedBy: string;
  eventType: ConsentEventType;
  consentRequestID: string;
}

/**
 * The documented response of `enterprise/consentrequests` (docs.altinn.studio, system vendor
 * guide "Request consent"; `ConsentRequestDetailsDto` in Altinn/altinn-authorization-tmp):
 * every field present, `null` where there is nothing, the status told by the events.
 */
export interface ConsentRequestDto {
  id: string;
  from: string;
  to: string;
  requiredDelegator: null;
  handledBy: null;
  validTo: string;
  consentRights: ConsentRightInput[];
  requestMessage: null;
  consented: string | null;
  redirectUrl: string;
  consentRequestEvents: ConsentRequestEventDto[];
  viewUri: string;
}

export type ConsentRow = Selectable<AltinnConsentTable>;

/** How a consent row is read: from the database, or from the access checks' cache (cached-access-reads.ts). */
export type ReadConsentRow = (id: string) => Promise<ConsentRow | undefined>;

/**
 * Creates the request, or finds the one with this id: the same id for the same parties is the
 * same request (200 in Altinn), for other parties AM-00016.
 */
export async function createConsentRequest(ctx: AltinnContext, consumerOrgnr: string, input: ConsentRequestInput): Promise<{ consentRequest: ConsentRequestDto; created: boolean }> {
  // A Guid and two party URNs that do not parse fail System.Text.Json's binding of the body.
  if (!isUuid(input.id)) throw invalid('STD.VLD-00017', '/id', `id må være en UUID valgt av konsumenten, fikk "${input.id}" (id must be a UUID).`);
  const from = partyFromUrn(input.from);
  if (!from) throw invalid('STD.VLD-00017', '/from', `from må være urn:altinn:organization:identifier-no:<orgnr> eller urn:altinn:person:identifier-no:<fnr>, fikk "${input.from}".`);
  const to = partyFromUrn(input.to);
  if (!to) throw invalid('STD.VLD-00017', '/to', `to må være urn:altinn:organization:identifier-no:<orgnr>, fikk "${input.to}".`);
  if (to !== consumerOrgnr) throw AltinnProblem.http(403, `to (${input.to}) må være tokenets consumer ${partyUrn(consumerOrgnr)} (consent is requested for yourself).`);
  const existing = await readConsentRow(ctx.db, input.id);
  if (existing) {
    if (existing.from_party !== from || existing.to_orgnr !== to) throw problem('AM-00016', `Samtykkeforespørsel ${input.id} finnes allerede for andre parter (id already used).`);
    return { consentRequest: await toDto(ctx, existing), created: false };
  }
  if (input.consentRights.length === 0) throw invalid('AM.VLD-00023', '/consentRights', 'consentRights må ha minst ett element.');
  for (const [index, right] of input.consentRights.entries()) {
    const unknown = right.resource.find((resource) => resource.type !== 'urn:altinn:resource' || !resources[resource.value]?.consentResource);
    if (unknown) throw problem('AM-00005', `Ressursen ${unknown.value} er ikke en samtykkeressurs (not a consent resource; use ske-samtykke-krav-og-betalinger).`);
    if (right.action.length !== 1 || right.action[0] !== 'consent') throw invalid('STD.VLD-00002', `/consentRights/${index}/action`, 'action må være ["consent"].');
  }
  const rights = input.consentRights.map(storedRight);
  return insertConsent(ctx, 3, { id: input.id, from, to: consumerOrgnr, validTo: input.validTo, rights, redirectUrl: input.redirectUrl });
}

/** What a right keeps: the action, the resource and the metadata, nothing else the body carried. */
function storedRight(right: ConsentRightInput): ConsentRight {
  return {
    action: right.action,
    resource: right.resource.map(({ type, value }) => ({ type, value })),
    ...(right.metaData === undefined ? {} : { metadata: right.metaData }),
  };
}

export async function getConsentRequest(ctx: AltinnContext, consumerOrgnr: string, id: string): Promise<ConsentRequestDto> {
  const row = await findConsentRow(ctx.db, id);
  // Another consumer's request reads as unknown, so an id tells nothing about whom it belongs to.
  if (row.to_orgnr !== consumerOrgnr) throw problem('AM-00001', `Samtykkeforespørsel ${id} finnes ikke blant dine (unknown consent id).`);
  return toDto(ctx, row);
}

/** The party's answer; only a request in status Created can be answered. */
export async function answerConsentRequest(ctx: AltinnContext, partyId: string, id: string, accept: boolean, actor: AltinnActor): Promise<ConsentRequestDto> {
  const row = await findConsentRow(ctx.db, id);
  if (row.from_party !== partyId) throw problem('AM-00000', `Samtykkeforespørsel ${id} gjelder ${row.from_party}, ikke ${partyId}.`);
  const wrongStatus: AltinnProblemCode = accept ? 'AM-00002' : 'AM-00015';
  if (row.status !== 'Created') throw problem(wrongStatus, `Samtykkeforespørsel ${id} har status ${row.status} og kan ikke besvares.`);
  const now = nowDate(ctx);
  await changeStatus(
    ctx,
    { id, from: 'Created', set: accept ? { status: 'Accepted', consented_at: now } : { status: 'Rejected' }, wrongStatus },
    { at: now, party: partyId, action: accept ? 'consent.accepted' : 'consent.rejected', objectId: id, actor },
  );
  return toDto(ctx, await findConsentRow(ctx.db, id));
}

/**
 * The party withdraws an accepted consent; it stops working at once (the API checks the store),
 * and the calendar subscriptions made under it end with it (decision 0089).
 */
export async function revokeConsent(ctx: AltinnContext, partyId: string, id: string, actor: AltinnActor): Promise<ConsentRequestDto> {
  const row = await findConsentRow(ctx.db, id);
  if (row.from_party !== partyId) throw problem('AM-00000', `Samtykke ${id} er gitt av ${row.from_party}, ikke ${partyId}.`);
  if (row.status !== 'Accepted') throw problem('AM-00010', `Samtykke ${id} har status ${row.status} og kan ikke trekkes.`);
  const now = nowDate(ctx);
  await changeStatus(
    ctx,
    { id, from: 'Accepted', set: { status: 'Revoked', revoked_at: now }, wrongStatus: 'AM-00010' },
    { at: now, party: partyId, action: 'consent.revoked', objectId: id, actor },
    async (trx) => {
      await endSubscriptionsUnder(trx, { tilgang: { kind: 'samtykke', id }, endedMs: now.getTime(), endedBy: 'Avsluttet fordi samtykket det ble laget med, ble trukket' });
    },
  );
  return toDto(ctx, await findConsentRow(ctx.db, id));
}

/**
 * Moves a consent on from the status read, and logs it, with what else goes with the change in
 * the same transaction; a concurrent answer makes this one fail.
 */
async function changeStatus(
  ctx: AltinnContext,
  change: { id: string; from: ConsentStatus; set: { status: ConsentStatus; consented_at?: Date; revoked_at?: Date }; wrongStatus: AltinnProblemCode },
  logged: AccessChange,
  alongside: (trx: Kysely<Database>) => Promise<void> = async () => {},
): Promise<void> {
  await announcingTransaction(ctx.db, async (trx, announce) => {
    announce([accessChange.consent(change.id)]);
    const updated = await trx.updateTable('altinn_consent').set(change.set).where('id', '=', change.id).where('status', '=', change.from).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw problem(change.wrongStatus, `Samtykke ${change.id} har ikke lenger status ${change.from}.`);
    await logChange(trx, logged);
    await alongside(trx);
  });
}

/** The `authorization_details` element Maskinporten puts in the token (spec §3.5). */
export interface ConsentDetails {
  type: typeof consentDetailsType;
  id: string;
  from: string;
  to: { authority: string; ID: string };
  consented: string;
  validTo: string;
  consentRights: ConsentRight[];
}

export type ConsentLookup = { readonly found: true; readonly details: ConsentDetails } | { readonly found: false; readonly reason: string };

/**
 * Maskinporten's check of a consent element (spec §3.6 step 7): the consent exists, is accepted,
 * unexpired, from the party named, and given to the client's org.
 */
export async function lookupConsent(ctx: AltinnContext, key: { id: string; from: string; consumerOrgnr: string }, readRow?: ReadConsentRow): Promise<ConsentLookup> {
  const usable = await usableConsent(ctx, key.id, readRow);
  if (!usable.ok) return { found: false, reason: usable.reason };
  const row = usable.row;
  if (partyUrn(row.from_party) !== key.from) return { found: false, reason: `samtykke ${key.id} er gitt av ${partyUrn(row.from_party)}, ikke ${key.from} (from does not match)` };
  if (row.to_orgnr !== key.consumerOrgnr) return { found: false, reason: `samtykke ${key.id} er gitt til ${row.to_orgnr}, ikke klientens organisasjon ${key.consumerOrgnr} (consent given to another consumer)` };
  return {
    found: true,
    details: {
      type: consentDetailsType,
      id: row.id,
      from: partyUrn(row.from_party),
      to: iso6523(row.to_orgnr),
      consented: offsetInstant(row.consented_at!),
      validTo: offsetInstant(row.valid_to),
      consentRights: row.consent_rights,
    },
  };
}

/** The consents a consumer holds that are accepted and unexpired now, oldest first (the change feed's candidates). */
export async function consentsGivenTo(ctx: AltinnContext, consumerOrgnr: string): Promise<{ id: string }[]> {
  return ctx.db
    .selectFrom('altinn_consent')
    .where('to_orgnr', '=', consumerOrgnr)
    .where('status', '=', 'Accepted')
    .where('valid_to', '>', nowDate(ctx))
    .select('id')
    .orderBy('created_at')
    .execute();
}

/** A consent that can be used now, or why not (unknown, not accepted, revoked, expired). */
export async function usableConsent(
  ctx: AltinnContext,
  id: string,
  readRow: ReadConsentRow = (consentId) => readConsentRow(ctx.db, consentId),
): Promise<{ ok: true; row: ConsentRow } | { ok: false; known: boolean; reason: string }> {
  const row = await readRow(id);
  if (!row) return { ok: false, known: false, reason: `samtykke ${id} finnes ikke (unknown consent id)` };
  if (row.status === 'Revoked') return { ok: false, known: true, reason: `samtykke ${id} ble trukket ${isoInstant(row.revoked_at!)} (consent revoked)` };
  if (row.status !== 'Accepted') return { ok: false, known: true, reason: `samtykke ${id} har status ${row.status}; parten må godta det først (consent not accepted)` };
  if (row.valid_to.getTime() <= ctx.clock.nowEpochMs()) return { ok: false, known: true, reason: `samtykke ${id} utløp ${isoInstant(row.valid_to)} (consent expired)` };
  return { ok: true, row };
}

/** Altinn 2 (spec §7.1): `POST /api/consentRequests`. */
export interface Altinn2ConsentRequestInput {
  CoveredBy: string;
  OfferedBy: string;
  OfferedByName?: string | undefined;
  ValidTo: string;
  RedirectUrl?: string | undefined;
  RequestResources: { ServiceCode: string; ServiceEditionCode: number }[];
}

export async function createAltinn2ConsentRequest(ctx: AltinnContext, consumerOrgnr: string, input: Altinn2ConsentRequestInput) {
  if (input.CoveredBy !== consumerOrgnr) throw problem('AM-00000', `CoveredBy (${input.CoveredBy}) må være tokenets consumer ${consumerOrgnr}.`);
  const services = input.RequestResources.map((resource) => `${resource.ServiceCode}_${resource.ServiceEditionCode}`);
  const unknown = services.find((service) => !altinn2Services.includes(service));
  if (unknown) throw problem('AM-00005', `Tjenesten ${unknown} er ikke en samtykketjeneste for Krav og betalinger (known: ${altinn2Services.join(', ')}).`);
  const id = randomUUID();
  const rights: ConsentRight[] = services.map((service) => ({ action: ['consent'], resource: [{ type: altinn2ResourceType, value: service }] }));
  const { consentRequest } = await insertConsent(ctx, 2, { id, from: input.OfferedBy, to: consumerOrgnr, validTo: input.ValidTo, rights, redirectUrl: input.RedirectUrl });
  return {
    AuthorizationCode: id,
    CoveredBy: consumerOrgnr,
    OfferedBy: input.OfferedBy,
    ValidTo: consentRequest.validTo,
    RequestResources: input.RequestResources,
    RequestStatus: 'Unopened',
    ViewUri: consentRequest.viewUri,
  };
}

/** The claims of an Altinn 2 consent token (spec §7.1), for a usable Altinn 2 consent of the consumer. */
export async function altinn2ConsentClaims(ctx: AltinnContext, consumerOrgnr: string, authorizationCode: string): Promise<Record<string, unknown>> {
  const usable = await usableConsent(ctx, authorizationCode);
  if (!usable.ok) throw problem('AM-00000', usable.reason);
  const row = usable.row;
  if (row.generation !== 2) throw problem('AM-00000', `samtykke ${authorizationCode} er et Altinn 3-samtykke; bruk det i Maskinporten-grantet (authorization_details urn:altinn:consent).`);
  if (row.to_orgnr !== consumerOrgnr) throw problem('AM-00000', `samtykke ${authorizationCode} er gitt til ${row.to_orgnr}, ikke ${consumerOrgnr}.`);
  return {
    Services: row.consent_rights.flatMap((right) => right.resource.map((resource) => resource.value)),
    AuthorizationCode: row.id,
    OfferedBy: row.from_party,
    CoveredBy: row.to_orgnr,
    DelegatedDate: Math.floor(row.consented_at!.getTime() / 1000),
    ValidToDate: Math.floor(row.valid_to.getTime() / 1000),
  };
}

async function insertConsent(
  ctx: AltinnContext,
  generation: 2 | 3,
  input: { id: string; from: string; to: string; validTo: string; rights: ConsentRight[]; redirectUrl: string | undefined },
): Promise<{ consentRequest: ConsentRequestDto; created: boolean }> {
  const validToMs = Date.parse(input.validTo);
  const nowMs = ctx.clock.nowEpochMs();
  if (!Number.isFinite(validToMs) || validToMs <= nowMs || validToMs > nowMs + consentValidityDaysMax * 86_400_000) {
    throw invalid('AM.VLD-00022', '/validTo', `validTo må være et tidspunkt i framtiden, høyst ${consentValidityDaysMax} dager fram (validTo must be a future instant within ${consentValidityDaysMax} days).`);
  }
  if (input.redirectUrl && !/^https?:\/\/\S+$/.test(input.redirectUrl)) throw invalid('AM.VLD-00027', '/redirectUrl', 'redirectUrl må være en URL.');
  const inserted = await ctx.db
    .insertInto('altinn_consent')
    .values({
      id: input.id,
      generation,
      from_party: input.from,
      to_orgnr: input.to,
      valid_to: new Date(validToMs),
      consent_rights: toJson(input.rights),
      redirect_url: input.redirectUrl || null,
      status: 'Created',
      created_at: new Date(nowMs),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  // Another process took the id since the caller looked: the same parties make it the same request.
  const created = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  const row = await findConsentRow(ctx.db, input.id);
  if (!created && (row.from_party !== input.from || row.to_orgnr !== input.to)) throw problem('AM-00016', `Samtykkeforespørsel ${input.id} finnes allerede for andre parter (id already used).`);
  return { consentRequest: await toDto(ctx, row), created };
}

export async function readConsentRow(db: Kysely<Database>, id: string): Promise<ConsentRow | undefined> {
  return isUuid(id) ? await db.selectFrom('altinn_consent').where('id', '=', id).selectAll().executeTakeFirst() : undefined;
}

async function findConsentRow(db: Kysely<Database>, id: string): Promise<ConsentRow> {
  const row = await readConsentRow(db, id);
  if (!row) throw problem('AM-00001', `Samtykke ${id} finnes ikke (unknown consent id).`);
  return row;
}

async function toDto(ctx: AltinnContext, row: ConsentRow): Promise<ConsentRequestDto> {
  return {
    id: row.id,
    from: partyUrn(row.from_party),
    to: partyUrn(row.to_orgnr),
    requiredDelegator: null,
    handledBy: null,
    validTo: offsetInstant(row.valid_to),
    consentRights: row.consent_rights.map(({ metadata, ...right }) => ({ ...right, ...(metadata === undefined ? {} : { metaData: metadata }) })),
    requestMessage: null,
    consented: row.consented_at === null ? null : offsetInstant(row.consented_at),
    redirectUrl: row.redirect_url ?? '',
    consentRequestEvents: await consentEvents(ctx, row),
    viewUri: approvalPageUrl(ctx.publicUrl, 'consent', row.id),
  };
}

const eventTypeOfAction: Partial<Record<AccessChange['action'], ConsentEventType>> = {
  'consent.accepted': 'Accepted',
  'consent.rejected': 'Rejected',
  'consent.revoked': 'Revoked',
};

/**
 * The request's history as Altinn lists it: created by the consumer, then each answer from the
 * change log (decision 0070), performed by the person who answered or, through an end-user
 * token, the party itself. Event ids are derived from the event, so they stay the same.
 */
async function consentEvents(ctx: AltinnContext, row: ConsentRow): Promise<ConsentRequestEventDto[]> {
  const event = (eventType: ConsentEventType, at: Date, performedBy: string): ConsentRequestEventDto => ({
    consentEventID: uuidFromName(`altinn-consent-event:${row.id}:${eventType}:${at.toISOString()}`),
    created: offsetInstant(at),
    performedBy,
    eventType,
    consentRequestID: row.id,
  });
  const answers = (await changesOf(ctx.db, [row.id])).flatMap((change) => {
    const eventType = eventTypeOfAction[change.action];
    return eventType === undefined ? [] : [event(eventType, change.at, performerUrn(change.actor, row.from_party))];
  });
  return [event('Created', row.created_at, partyUrn(row.to_orgnr)), ...answers];
}

function performerUrn(actor: AltinnActor, party: string): string {
  if (actor.kind === 'person') return partyUrn(actor.fnr);
  if (actor.kind === 'client') return partyUrn(actor.orgnr);
  return partyUrn(party);
}

/** Altinn writes consent instants with an explicit offset: `2026-02-12T10:48:55+00:00`. */
function offsetInstant(date: Date): string {
  return isoInstant(date).replace(/Z$/, '+00:00');
}
