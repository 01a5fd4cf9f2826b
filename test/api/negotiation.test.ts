import { describe, expect, it } from 'vitest';
import { negotiateFormat } from '../../src/api/negotiation.js';

describe('Accept negotiation (spec §3.3)', () => {
  it.each([
    [undefined, 'json'],
    ['', 'json'],
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['application/xml;charset=UTF-8;q=0.9, text/html', 'xml'],
    ['application/json;charset=UTF-8;q=0', undefined],
    ['*/*', 'json'],
    ['application/*', 'json'],
    ['application/xml', 'xml'],
    ['application/xml, application/json;q=0.5', 'xml'],
    ['text/html, application/xml;q=0.9, */*;q=0.8', 'xml'],
    ['application/json, application/xml', 'json'],
    ['APPLICATION/XML', 'xml'],
    ['text/html', undefined],
    ['text/xml', undefined],
    ['application/xml;q=0', undefined],
    ['application/pdf, image/*', undefined],
  ] as const)('%j → %s', (accept, format) => {
    expect(negotiateFormat(accept)).toBe(format);
  });
});
