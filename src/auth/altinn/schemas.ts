import { Type } from 'typebox';

/** Request shapes of the Altinn APIs (spec §4 and §7), with limits on every string and list. */
export const OrgNo = Type.String({ pattern: '^[0-9]{9}$' });
export const Id = Type.String({ minLength: 1, maxLength: 100 });
export const SystemId = Type.String({ minLength: 1, maxLength: 200 });
export const ExternalRef = Type.String({ minLength: 1, maxLength: 200 });
const Url = Type.String({ minLength: 1, maxLength: 2000 });
/** A redirect the caller may leave empty: Altinn's guides send `"redirectUrl": ""` for none. */
const RedirectUrl = Type.String({ maxLength: 2000 });

export const Right = Type.Object({
  resource: Type.Array(Type.Object({ id: Type.String({ maxLength: 100 }), value: Type.String({ maxLength: 200 }) }), { minItems: 1, maxItems: 5 }),
});
export const AccessPackage = Type.Object({ urn: Type.String({ maxLength: 200 }) });
const Rights = Type.Array(Right, { maxItems: 50 });
const AccessPackages = Type.Array(AccessPackage, { maxItems: 50 });
const LocalizedText = Type.Object({ nb: Type.String({ maxLength: 1000 }), nn: Type.Optional(Type.String({ maxLength: 1000 })), en: Type.Optional(Type.String({ maxLength: 1000 })) });

export const SystemBody = Type.Object({
  id: SystemId,
  vendor: Type.Object({ ID: Type.String({ maxLength: 50 }) }),
  name: LocalizedText,
  description: LocalizedText,
  rights: Type.Optional(Rights),
  accessPackages: Type.Optional(AccessPackages),
  clientId: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 }),
  allowedRedirectUrls: Type.Optional(Type.Array(Url, { maxItems: 20 })),
  isVisible: Type.Optional(Type.Boolean()),
});
export const RightsBody = Rights;
export const AccessPackagesBody = AccessPackages;

export const RequestBody = Type.Object({
  systemId: SystemId,
  partyOrgNo: OrgNo,
  externalRef: Type.Optional(ExternalRef),
  integrationTitle: Type.Optional(Type.String({ maxLength: 500 })),
  rights: Type.Optional(Rights),
  accessPackages: Type.Optional(AccessPackages),
  redirectUrl: Type.Optional(RedirectUrl),
});

export const ChangeRequestBody = Type.Object({
  requiredRights: Type.Optional(Rights),
  unwantedRights: Type.Optional(Rights),
  requiredAccessPackages: Type.Optional(AccessPackages),
  unwantedAccessPackages: Type.Optional(AccessPackages),
  redirectUrl: Type.Optional(RedirectUrl),
});

export const EndUserCreateBody = Type.Object({
  systemId: SystemId,
  integrationTitle: Type.Optional(Type.String({ maxLength: 500 })),
  externalRef: Type.Optional(ExternalRef),
});

export const ConsentRequestBody = Type.Object({
  id: Id,
  from: Type.String({ maxLength: 200 }),
  to: Type.String({ maxLength: 200 }),
  validTo: Type.String({ maxLength: 40 }),
  consentRights: Type.Array(
    Type.Object({
      action: Type.Array(Type.String({ maxLength: 50 }), { minItems: 1, maxItems: 5 }),
      resource: Type.Array(Type.Object({ type: Type.String({ maxLength: 100 }), value: Type.String({ maxLength: 200 }) }), { minItems: 1, maxItems: 5 }),
      // The request writes `metaData` (docs.altinn.studio, "Request consent"); the token says `metadata`.
      metaData: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 500 }), { maxProperties: 20 })),
    }),
    // An empty list is refused by the consent service with its own code (AM.VLD-00023), not by binding.
    { maxItems: 10 },
  ),
  redirectUrl: Type.Optional(RedirectUrl),
});

export const Altinn2ConsentRequestBody = Type.Object({
  CoveredBy: OrgNo,
  OfferedBy: Type.String({ pattern: '^([0-9]{9}|[0-9]{11})$' }),
  OfferedByName: Type.Optional(Type.String({ maxLength: 200 })),
  ValidTo: Type.String({ maxLength: 40 }),
  RedirectUrl: Type.Optional(Url),
  RequestResources: Type.Array(Type.Object({ ServiceCode: Type.String({ pattern: '^[0-9]{1,6}$' }), ServiceEditionCode: Type.Integer({ minimum: 1, maximum: 999999 }) }), { minItems: 1, maxItems: 10 }),
});

/** XACML 3.0 JSON profile; PascalCase and camelCase are both accepted (spec §5.1). */
export const AuthorizeBody = Type.Record(Type.String({ maxLength: 50 }), Type.Unknown());
