import type { CookieSerializeOptions } from '@fastify/cookie';

/**
 * Min side's cookies (decision 0038). All are HttpOnly. With `secure` (https, or http on
 * loopback, which browsers treat as a secure context) they carry `Secure` and the `__Host-`
 * prefix, so no other host or path can set or shadow them.
 */
export interface PortalCookies {
  readonly secure: boolean;
  readonly sesjon: string;
  readonly innlogging: string;
  /** Session and login binding: Lax, so the top-level redirect back from the identity provider carries them. */
  readonly laxOptions: CookieSerializeOptions;
}

export function portalCookies(secure: boolean): PortalCookies {
  const prefix = secure ? '__Host-' : '';
  return {
    secure,
    sesjon: `${prefix}kob-sesjon`,
    innlogging: `${prefix}kob-innlogging`,
    laxOptions: { path: '/', httpOnly: true, sameSite: 'lax', secure },
  };
}
