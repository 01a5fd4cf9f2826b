// oidc-provider ships no types; the bench uses its constructor and listen() only.
declare module 'oidc-provider' {
  export default class Provider {
    constructor(issuer: string, configuration: object);
    listen(port: number, callback: () => void): unknown;
  }
}
