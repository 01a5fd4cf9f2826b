/**
 * The pages where a person answers a request, at Altinn's paths: the `confirmUrl` of a
 * system-user request, an agent request and a change request (`RequestSystemUserController`
 * and `ChangeRequestSystemUserController` in Altinn/altinn-authentication:
 * `https://am.ui.<host>/accessmanagement/ui/systemuser/{request|agentrequest|changerequest}?id=…&DONTCHOOSEREPORTEE=true`)
 * and a consent request's `viewUri` (`…/accessmanagement/ui/consent/request?id=…`). Altinn serves
 * them at `am.ui.`; here they are below `$KOB_PUBLIC_URL/altinn`, so only the base URL differs,
 * and Min side serves them (decision 0156). It imports nothing: the browser code reads it too.
 */
export const approvalPages = Object.freeze({
  request: '/altinn/accessmanagement/ui/systemuser/request',
  agentrequest: '/altinn/accessmanagement/ui/systemuser/agentrequest',
  changerequest: '/altinn/accessmanagement/ui/systemuser/changerequest',
  consent: '/altinn/accessmanagement/ui/consent/request',
} as const);

/** Which kind of request a page answers, named by its last path segment as Altinn names it. */
export type ApprovalKind = keyof typeof approvalPages;
export const approvalKinds = Object.freeze(Object.keys(approvalPages) as ApprovalKind[]);

/**
 * The address of one request's page. A system-user kind carries `DONTCHOOSEREPORTEE=true`, as
 * Altinn writes it: the business is the request's, not one the person picks.
 */
export function approvalPageUrl(publicUrl: string, kind: ApprovalKind, id: string): string {
  return `${publicUrl}${approvalPages[kind]}?id=${id}${kind === 'consent' ? '' : '&DONTCHOOSEREPORTEE=true'}`;
}

/** The kind whose page is at `pathname`, if any. */
export function approvalKindAt(pathname: string): ApprovalKind | undefined {
  return approvalKinds.find((kind) => approvalPages[kind] === pathname);
}
