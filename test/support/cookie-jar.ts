/** The cookies a browser would keep between `app.inject` calls (name → value; attributes kept for asserts). */
export class CookieJar {
  readonly values = new Map<string, string>();
  readonly attributes = new Map<string, string>();

  store(setCookie: string | string[] | undefined): void {
    for (const line of setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') {
        this.values.delete(name);
      } else {
        this.values.set(name, value);
      }
      this.attributes.set(name, attributes.map((a) => a.trim()).join('; '));
    }
  }

  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
