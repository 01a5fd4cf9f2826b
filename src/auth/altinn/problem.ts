/**
 * An Altinn API refusal, rendered as RFC 7807 problem details the way Altinn's
 * authentication API does (`code` like `AUTH-00004` or `AUTH.VLD-00001`).
 */
export class AltinnProblem extends Error {
  override readonly name = 'AltinnProblem';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415,
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export const notFound = (code: string, detail: string) => new AltinnProblem(404, code, detail);
export const badRequest = (code: string, detail: string) => new AltinnProblem(400, code, detail);
export const forbidden = (code: string, detail: string) => new AltinnProblem(403, code, detail);

const titles: Record<AltinnProblem['status'], string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
};

export function problemBody(problem: AltinnProblem, correlationId: string) {
  return {
    // RFC 9110 numbers the 4xx sections in status order: 400 is §15.5.1, 413 §15.5.14.
    type: `https://tools.ietf.org/html/rfc9110#section-15.5.${problem.status - 399}`,
    title: titles[problem.status],
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    traceId: correlationId,
  };
}
