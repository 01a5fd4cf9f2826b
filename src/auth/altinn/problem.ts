/**
 * Altinn's refusals, in the body Altinn writes them (decision 0153): RFC 7807 problem details as
 * Altinn/altinn-authorization-utils renders them (`AltinnProblemDetails`,
 * `AltinnValidationProblemDetails`): `type` `urn:altinn:error:<code>`, the descriptor's English
 * `title`, `status`, our `detail`, `code`, `traceId` and `statusDescription`; a validation failure
 * is `STD-00000` with `validationErrors[]` of `{code, title, paths, detail}`. One code has one
 * status, as an Altinn descriptor does. What ASP.NET itself refuses (no or a wrong token, an
 * unknown party, a body too large, a content type it does not read) has no code: ASP.NET's own
 * problem details.
 */
type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415;

/**
 * The problem descriptors we answer with. AUTH: Altinn/altinn-authentication
 * `src/Core/Problems/Problem.cs`; AM: Altinn/altinn-authorization-tmp
 * `src/libs/Altinn.Authorization.Api.Contracts/…/Errors/Problems.cs` (consent).
 */
const problemDescriptors = {
  'AUTH-00001': [400, 'One or more Right not found or not delegable.'],
  'AUTH-00003': [400, 'Failed to create the SystemUser.'],
  'AUTH-00004': [400, 'Failed to create new SystemUser, existing SystemUser tied to the given System-Id.'],
  'AUTH-00006': [400, 'The combination of External Ids refer to an already Accepted SystemUser.'],
  'AUTH-00007': [400, 'The combination of External Ids refer to a Pending Request, please reuse or delete.'],
  'AUTH-00009': [400, 'The combination of External Ids refer to a Rejected Request, please delete and renew the Request.'],
  'AUTH-00010': [404, 'The Id does not refer to a Request in our system.'],
  'AUTH-00011': [404, 'The Id does not refer to a Registered System.'],
  'AUTH-00013': [409, 'The Status of the Request is not New.'],
  'AUTH-00015': [404, 'The SystemUser was not found.'],
  'AUTH-00021': [400, 'The RedirectUri was not found or not valid.'],
  'AUTH-00026': [400, 'No redirect uris are set for the system'],
  'AUTH-00035': [400, 'The system user has delegations from customer. Remove the delegations before deleting the system user'],
  'AUTH-00038': [400, 'Delegation not found'],
  'AUTH-00041': [403, "Party does not match request's orgno"],
  'AUTH-00058': [400, 'No AccessPackages found, an Agent SystemUser must have at least one'],
  'AUTH-00059': [400, 'No AccessPackages or Single Rights found, a SystemUser must have at least one'],
  'AUTH-00063': [400, 'One or more accesspackage is not found in the referenced system in the System Register.'],
  'AUTH-00064': [400, 'One or more access packages cannot be delegated. Either they are intended for clients or they cannot be delegated further.'],
  'AUTH-00065': [400, 'One or more access packages cannot be delegated because they are not intended for client relationships'],
  'AUTH-00068': [403, 'DelegationCheck failed with error: Has not access by a delegation of package in Altinn.'],
  'AUTH-00079': [400, 'Client not found.'],
  'AM-00000': [403, 'Not authorized for consent'],
  'AM-00001': [404, 'Consent not found'],
  'AM-00002': [400, 'Consent have wrong status to be consented'],
  'AM-00005': [400, 'Invalid consent resource'],
  'AM-00010': [400, 'Consent cant be revoked.Wrong status'],
  'AM-00014': [400, 'Consent is not accepted'],
  'AM-00015': [400, 'Consent cant be rejected. Wrong status'],
  'AM-00016': [400, 'Consent with id already exist'],
} as const satisfies Record<string, readonly [ProblemStatus, string]>;
export type AltinnProblemCode = keyof typeof problemDescriptors;

/**
 * The validation error descriptors. STD: altinn-authorization-utils `StdValidationErrors.cs`;
 * AUTH.VLD: altinn-authentication `src/Core/Errors/ValidationErrors.cs`; AM.VLD: the access
 * management contracts' `Errors/ValidationErrors.cs`.
 */
const validationDescriptors = {
  'STD.VLD-00000': 'The field is required.',
  'STD.VLD-00002': 'The value provided is invalid.',
  'STD.VLD-00004': 'The value is too short.',
  'STD.VLD-00005': 'The value is too long.',
  'STD.VLD-00007': 'The value is outside the allowed range.',
  'STD.VLD-00008': 'The value format is invalid.',
  'STD.VLD-00014': 'The value is not allowed.',
  'STD.VLD-00017': 'The JSON value failed to deserialize. Check the JSON format and ensure that the property names match the expected model.',
  'AUTH.VLD-00000': 'the org number identifier is not valid ISO6523 identifier',
  'AUTH.VLD-00001': 'The system id does not match the format orgnumber_xxxx...',
  'AUTH.VLD-00002': 'The system id already exists',
  'AUTH.VLD-00003': "One or more resources specified in rights were not found in Altinn's resource register.",
  'AUTH.VLD-00004': 'One of the client id is already tagged with an existing system',
  'AUTH.VLD-00005': 'One or more of the redirect urls format is not valid. The valid format is https://xxx.xx',
  'AUTH.VLD-00006': 'One or more duplicate rights found',
  'AUTH.VLD-00007': 'One or more duplicate access package(s) found',
  'AUTH.VLD-00008': "One or all the accesspackage(s) is not found in altinn's access packages or is not delegable",
  'AUTH.VLD-00009': 'One or more resource id is in wrong format. The valid format is urn:altinn:resource',
  'AUTH.VLD-00011': 'Request contains duplicate client ids',
  'AUTH.VLD-00012': 'The system ID in the request body does not match the system ID in the URL',
  'AUTH.VLD-00013': 'System ID cannot have spaces in id (leading, trailing or in between the id)',
  'AUTH.VLD-00014': 'System user not found',
  'AUTH.VLD-00015': 'SystemUser is not a valid system user of type agent',
  'AUTH.VLD-00018': "Access packages meant for system user for client relations can't be used in combination with the flag isVisible: true",
  'AM.VLD-00001': 'Invalid party URN.',
  'AM.VLD-00022': 'The time need to be in the future',
  'AM.VLD-00023': 'The list cant be empty',
  'AM.VLD-00027': 'Redirect URL is not a valid URL',
} as const satisfies Record<string, string>;
export type ValidationErrorCode = keyof typeof validationDescriptors;

export interface ValidationError {
  readonly code: ValidationErrorCode;
  /** JSON Pointers into the body, or `/$QUERY/<name>`, `/$PATH/<name>` for parameters. */
  readonly paths: readonly string[];
  readonly detail: string;
}

/** ASP.NET's reason phrases, which Altinn writes as `title` of a code-less problem and as `statusDescription`. */
const statusDescriptions: Record<ProblemStatus, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
};

export class AltinnProblem extends Error {
  override readonly name = 'AltinnProblem';
  private constructor(
    readonly status: ProblemStatus,
    /** Undefined for ASP.NET's own refusals. */
    readonly code: string | undefined,
    readonly title: string,
    /** Why, in plain words; for a validation problem, the first error's. */
    readonly detail: string,
    readonly validationErrors: readonly ValidationError[],
  ) {
    super(detail);
  }

  /** A refusal with one of Altinn's problem codes. */
  static of(code: AltinnProblemCode, detail: string): AltinnProblem {
    const [status, title] = problemDescriptors[code];
    return new AltinnProblem(status, code, title, detail, []);
  }

  /** `STD-00000`: one or more validation errors. */
  static invalid(errors: readonly [ValidationError, ...ValidationError[]]): AltinnProblem {
    return new AltinnProblem(400, 'STD-00000', 'One or more validation errors occurred.', errors[0].detail, errors);
  }

  /** What ASP.NET refuses before an Altinn controller runs (authentication, media type, size, routing). */
  static http(status: ProblemStatus, detail: string): AltinnProblem {
    return new AltinnProblem(status, undefined, statusDescriptions[status], detail, []);
  }
}

export const problem = AltinnProblem.of;

/** One validation error at one path: the common case. */
export function invalid(code: ValidationErrorCode, path: string, detail: string): AltinnProblem {
  return AltinnProblem.invalid([{ code, paths: [path], detail }]);
}

/** The response body, keys in Altinn's order; `traceId` is our korrelasjonsid. */
export function problemBody(refusal: AltinnProblem, traceId: string): Record<string, unknown> {
  if (refusal.code === undefined) {
    // RFC 9110 numbers the 4xx sections in status order: 400 is §15.5.1, 413 §15.5.14.
    return { type: `https://tools.ietf.org/html/rfc9110#section-15.5.${refusal.status - 399}`, title: refusal.title, status: refusal.status, detail: refusal.detail, traceId };
  }
  const validation = refusal.validationErrors.length > 0;
  return {
    type: `urn:altinn:error:${refusal.code}`,
    title: refusal.title,
    status: refusal.status,
    ...(validation ? {} : { detail: refusal.detail }),
    code: refusal.code,
    traceId,
    statusDescription: statusDescriptions[refusal.status],
    ...(validation
      ? { validationErrors: refusal.validationErrors.map((error) => ({ code: error.code, title: validationDescriptors[error.code], paths: error.paths, detail: error.detail })) }
      : {}),
  };
}
