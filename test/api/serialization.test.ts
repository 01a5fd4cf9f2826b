import { readFileSync } from 'node:fs';
import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { AapneKrav, AlleKrav, Innbetalinger, Utbetalinger } from '../../src/api/kravogbetalinger/index.js';
import { Feil } from '../../src/api/error-body.js';
import { Kroner } from '../../src/api/schema-types.js';
import { jsonWriter, bodyWriter } from '../../src/api/serialization.js';
import { xmlWriter } from '../../src/api/xml.js';
import { InvariantError } from '../../src/domain/assert.js';
import { minifyJsonText, readXmlBody, schemaErrors } from '../support/api-schemas.js';

const publishedBodies = [
  ['aapnekrav.json', AapneKrav],
  ['krav.json', AlleKrav],
  ['innbetalinger.json', Innbetalinger],
  ['utbetalinger.json', Utbetalinger],
  ['history/2023-08-28/aapnekrav.json', AapneKrav],
  ['history/2023-08-28/krav.json', AlleKrav],
  ['history/2023-08-28/innbetalinger.json', Innbetalinger],
] as const;

const fixture = (file: string) => readFileSync(`test/fixtures/examples/${file}`, 'utf8');

describe('the JSON serializer', () => {
  it.each(publishedBodies)('writes %s byte for byte as published (minus indentation)', (file, schema) => {
    const text = fixture(file);
    expect(jsonWriter(schema)(JSON.parse(text))).toBe(minifyJsonText(text));
  });

  const Sample = Type.Object(
    {
      navn: Type.String(),
      beloep: Kroner(),
      valgfri: Type.Optional(Type.String()),
      liste: Type.Optional(Type.Array(Type.Object({ a: Type.String() }), { minItems: 1 })),
      tomt: Type.Object({ b: Type.Optional(Type.String()) }),
    },
    { title: 'Sample' },
  );

  it('omits absent and null optionals and empty optional lists, keeps empty objects', () => {
    const out = jsonWriter(Sample)({ navn: 'x', beloep: 1, valgfri: null, liste: [], tomt: {} });
    expect(out).toBe('{"navn":"x","beloep":1.0,"tomt":{}}');
  });

  it('writes only the schema fields, in schema order: internal fields never leak', () => {
    const out = jsonWriter(Sample)({ tomt: { b: 'y', intern: 1 }, beloepOere: 100, beloep: 1.5, navn: 'x', partId: 42 });
    expect(out).toBe('{"navn":"x","beloep":1.5,"tomt":{"b":"y"}}');
  });

  it('escapes strings as JSON does', () => {
    const out = jsonWriter(Sample)({ navn: 'a"b\\c\n\u0001æøå', beloep: 0, tomt: {} });
    expect(JSON.parse(out).navn).toBe('a"b\\c\n\u0001æøå');
  });

  it('refuses to publish a body its schema would reject', () => {
    expect(() => jsonWriter(Sample)({ beloep: 1, tomt: {} })).toThrow(InvariantError); // required navn missing
    expect(() => jsonWriter(Sample)({ navn: 1, beloep: 1, tomt: {} })).toThrow(InvariantError); // wrong type
    expect(() => jsonWriter(Sample)({ navn: 'x', beloep: '1', tomt: {} })).toThrow(InvariantError); // amount as text
    expect(() => jsonWriter(Sample)({ navn: 'x', beloep: 0.001, tomt: {} })).toThrow(InvariantError); // not whole øre
    const krav = JSON.parse(fixture('krav.json'));
    krav.krav[0].kravforfall[0].forfallsdato = '21.02.2023';
    expect(() => jsonWriter(AlleKrav)(krav)).toThrow(InvariantError);
    krav.krav[0].kravforfall = [];
    expect(() => jsonWriter(AlleKrav)(krav)).toThrow(InvariantError); // a claim has at least one due item
  });

  it('will not compile a schema with a number that is not marked as kroner', () => {
    expect(() => jsonWriter(Type.Object({ antall: Type.Number() }))).toThrow(/format "kroner"/);
  });
});

describe('the XML rendering (docs/api-xml.md)', () => {
  it.each(publishedBodies)('round-trips %s: render to XML, read back, same object', (file, schema) => {
    const body = JSON.parse(fixture(file));
    const xml = xmlWriter(schema)(body);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const back = readXmlBody(schema, xml);
    expect(back).toEqual(body);
    expect(schemaErrors(schema, back)).toBe('');
  });

  it('names the root for the body, in our namespace, repeats list elements and prints amounts as JSON does', () => {
    const xml = xmlWriter(AapneKrav)(JSON.parse(fixture('aapnekrav.json')));
    expect(xml).toContain('<aapneKrav xmlns="no:skatteetaten:innkreving:deling:kravogbetalinger:v1">');
    expect(xml.match(/<aapentKravMedGjenstaaendeBeloep>/g)).toHaveLength(2);
    expect(xml).toContain('<opprinneligBeloep>10000.0</opprinneligBeloep>');
    expect(xml).toContain('<plassertBeloep>-1000.0</plassertBeloep>');
    expect(xml).toContain('<skjermet>false</skjermet>');
    expect(xml).toContain('<innbetaltFra><konto/></innbetaltFra>');
  });

  it('writes the error body in the published error namespace', () => {
    const xml = bodyWriter(Feil, 'xml')({ kode: 'KB-006', melding: 'Parameteren fraOgMed (<x>) er ugyldig & feil.', korrelasjonsid: 'abc' });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><feil xmlns="urn:no:skatteetaten:datasamarbeid:feil:v1">' +
        '<kode>KB-006</kode><melding>Parameteren fraOgMed (&lt;x&gt;) er ugyldig &amp; feil.</melding><korrelasjonsid>abc</korrelasjonsid></feil>',
    );
  });

  it('drops characters XML 1.0 cannot carry, so the document stays readable', () => {
    const xml = bodyWriter(Feil, 'xml')({ kode: 'KB-001', melding: 'a\u0001b\uFFFEc\uD800d', korrelasjonsid: 'x' });
    expect(readXmlBody(Feil, xml)).toEqual({ kode: 'KB-001', melding: 'abcd', korrelasjonsid: 'x' });
  });
});
