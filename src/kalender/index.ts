/**
 * The calendar service's public door: what `api` and `portal` may import. One calendar for a
 * party serves the Kalendertjeneste (JSON and XML), the Frister API, the iCalendar feed and
 * Min side; the subscription functions serve the API's routes and the portal's page alike.
 */
export {
  calendarForParty,
  type Betaling,
  type Betalingspost,
  type CalendarQuery,
  type CalendarSource,
  type CalendarTask,
  type PartyCalendar,
} from './party-calendar.js';
export { icsCalendar, icsPeriode, icsUid, statusTekst, type IcsOptions } from './ics.js';
export {
  activeSubscriptionsUnder,
  createSubscription,
  endSubscriptionsUnder,
  listSubscriptions,
  revokeSubscription,
  subscriptionForToken,
  subscriptionUrl,
  type CreateSubscriptionResult,
  type RevokeSubscriptionResult,
  type Subscription,
  type SubscriptionAccess,
  type SubscriptionOfParty,
} from './subscriptions.js';
export type { KalenderTables } from './tables.js';
