import { assertInvariant } from './assert.js';

/**
 * Every limit in one place (TigerBeetle style): schemas, queries and the token server read
 * them from here, and their relations are asserted at load.
 */
export const limits = Object.freeze({
  /** A period query may span at most one calendar year, both ends inclusive. */
  periodYearsMax: 1,
  periodDaysMax: 366,
  /** Request bodies (calendar requests, token requests, Altinn admin calls). */
  bodyBytesMax: 64 * 1024,
  /** Nesting of a JSON or XML request body: objects and arrays, or elements (decision 0087). */
  bodyDepthMax: 64,
  /** Parties in one calendar request. */
  calendarPartiesMax: 50,
  /** Active iCalendar subscriptions of one party (one per calendar app and person is plenty). */
  calendarSubscriptionsPerPartyMax: 20,
  /** Due items per claim (forskuddsskatt has 4; nothing sane has more). */
  kravforfallPerKravMax: 12,
  /** A deferral of a due item's collection lasts at most two years (decision 0160). */
  utsettelseDagerMax: 731,
  /** Largest single amount the ledger accepts: 1 billion kroner. */
  beloepOereMax: 100_000_000_000,
  /** Maskinporten: grant lifetime and access-token lifetime. */
  grantLifetimeSecondsMax: 120,
  accessTokenLifetimeSeconds: 120,
  clockSkewSeconds: 10,
  /** Raw JWT size accepted anywhere (header + payload + signature). */
  jwtBytesMax: 16 * 1024,
  /** Idempotency keys are opaque, but bounded. */
  idempotencyKeyLengthMax: 200,
  /** Free-text fields stored in the ledger (names, messages, descriptions). */
  textLengthMax: 4000,
  /** The Testdata search: hits per page, the deepest page, and the search text. */
  partSearchPageItemsMax: 50,
  partSearchPagesMax: 1000,
  partSearchTextLengthMax: 100,
  /** Min side: a session ends 2 hours after login, or after 30 minutes without use (as ID-porten). */
  portalSessionLifetimeSeconds: 2 * 60 * 60,
  portalSessionIdleSeconds: 30 * 60,
  /** A login started at the identity provider must come back within 10 minutes. */
  portalLoginLifetimeSeconds: 10 * 60,
  /** The page a login returns to (an approval page's path and query): migration 0013 holds the same bound. */
  portalReturnPathLengthMax: 2000,
  /** Min side's year choices (Betalte krav, Innbetalinger, Utbetalinger, kontoutskrift): no ledger here predates 2000. */
  portalAarMin: 2000,
  portalAarMax: 2100,
  /** The years offered in Min side's year pickers, counting back from the business year. */
  portalAarValgMax: 10,
  /** `kob seed`: synthetic businesses per run (Norway has about 620 000), years of history, and the seed's range (32 bits). */
  seedPartiesMax: 1_000_000,
  seedYearsMax: 8,
  seedValueMax: 4_294_967_295,
  /** Bank files (Nets OCR giro, camt.054): the whole file, its transactions, and XML nesting. */
  bankfilBytesMax: 16 * 1024 * 1024,
  bankfilTransaksjonerMax: 50_000,
  bankfilXmlDepthMax: 32,
  /** Unidentified payments listed at once (oldest first): a working list, assigned away as they are found out. */
  uidentifiserteSideMax: 500,
  /** Payouts in one pain.001 (one day's run). */
  utbetalingsfilTransaksjonerMax: 50_000,
});

assertInvariant(limits.periodDaysMax === 366 * limits.periodYearsMax, 'one year spans at most 366 days');
assertInvariant(Number.isSafeInteger(limits.beloepOereMax * limits.kravforfallPerKravMax * 1000), 'a thousand maximal claims of maximal instalments still sum to a safe integer');
assertInvariant(Number.isSafeInteger(limits.beloepOereMax * limits.bankfilTransaksjonerMax), 'a bank file of maximal payments still sums to a safe integer');
assertInvariant(Number.isSafeInteger(limits.beloepOereMax * limits.utbetalingsfilTransaksjonerMax), 'a payout file of maximal payouts still sums to a safe integer');
assertInvariant(limits.accessTokenLifetimeSeconds <= 600, 'access tokens are short-lived');
assertInvariant(limits.portalSessionIdleSeconds < limits.portalSessionLifetimeSeconds, 'the idle timeout is shorter than a session');
