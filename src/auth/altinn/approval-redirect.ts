import type { ApprovalKind } from './approval-pages.js';

/**
 * Where the browser goes once the person has answered (decision 0157), or undefined when the
 * request named no `redirectUrl` (the page then shows a receipt).
 *
 * - A system-user request, agent request or change request: the `redirectUrl` exactly as the
 *   vendor sent it. Altinn's `LogoutController.HandleLoggedOut` (Altinn/altinn-authentication)
 *   redirects to what `GetRedirectByRequestId` (and its agent and change-request twins) return,
 *   the stored URL, with nothing added, after approval and rejection alike.
 * - A consent request: its `redirectUrl` with `Status=OK` when accepted, or
 *   `Status=Failed&ErrorMessage=User+did+not+give+consent` when rejected
 *   (`ConsentService.GetConsentRequestRedirectUrl` in Altinn/altinn-access-management-frontend;
 *   the consent guide on docs.altinn.studio draws `redirect(redirectURL?…&Status=OK)`). A hash
 *   route (`#/path`) takes the parameters at its end; any other fragment stays last.
 */
export function redirectAfterAnswer(kind: ApprovalKind, redirectUrl: string | null, accepted: boolean): string | undefined {
  if (!redirectUrl) return undefined;
  if (kind !== 'consent') return redirectUrl;
  // URLSearchParams writes a space as '+', as .NET's HttpUtility query string does.
  const status = new URLSearchParams(accepted ? { Status: 'OK' } : { Status: 'Failed', ErrorMessage: 'User did not give consent' }).toString();
  if (redirectUrl.includes('#/')) return `${redirectUrl}${redirectUrl.includes('?') ? '&' : '?'}${status}`;
  const fragmentAt = redirectUrl.indexOf('#');
  const [beforeFragment, fragment] = fragmentAt < 0 ? [redirectUrl, ''] : [redirectUrl.slice(0, fragmentAt), redirectUrl.slice(fragmentAt)];
  return `${beforeFragment}${beforeFragment.includes('?') ? '&' : '?'}${status}${fragment}`;
}
