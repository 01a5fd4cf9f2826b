import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { bodyTooDeepMelding, isXmlTooDeep, xmlDepthOption } from '../../body-depth.js';
import { echo } from '../error-catalogue.js';
import { kalendertjenesteNamespace } from './schemas.js';

/**
 * Reads an XML `kalenderRequest` (XSD `no.skatteetaten.innkreving.deling.kalendertjeneste.v1`)
 * into the same plain object a JSON request gives, so one normalization and one schema check
 * serve both. Namespaces are resolved properly — any prefix (`n1:` in the published example) or
 * a default namespace — and every element must be in the Kalendertjeneste namespace and one the
 * XSD names. A DOCTYPE is refused outright: no DTD, no entity expansion, nothing fetched; so is
 * nesting past the body depth limit (decision 0087).
 */
export type XmlReading = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly melding: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  ...xmlDepthOption,
});

/** The XSD's element names of a request; anything else is refused by name. */
const elements = new Set(['kalenderRequest', 'part', 'periode', 'organisasjonsnummer', 'foedselsnummer', 'fraOgMed', 'tilOgMed']);

class XmlRequestError extends Error {}

export function readKalenderRequestXml(text: string): XmlReading {
  if (/<!DOCTYPE/i.test(text)) return { ok: false, melding: 'XML med DOCTYPE støttes ikke; send kalenderRequest uten DTD.' };
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return { ok: false, melding: `Ugyldig XML på linje ${valid.err.line}, kolonne ${valid.err.col}: ${echo(valid.err.msg)}` };
  }
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    const melding = parserRefusal(error);
    if (melding === undefined) throw error;
    return { ok: false, melding };
  }
  const roots = Object.keys(document);
  if (roots.length !== 1) return { ok: false, melding: 'XML-dokumentet må ha nøyaktig ett rotelement, kalenderRequest.' };
  const [rootName] = roots as [string];
  try {
    const root = element(rootName, document[rootName], new Map());
    if (root.name !== 'kalenderRequest') return { ok: false, melding: `Rotelementet er ${echo(root.name)}; forventet kalenderRequest.` };
    return { ok: true, value: { kalenderRequest: root.value } };
  } catch (error) {
    if (error instanceof XmlRequestError) return { ok: false, melding: error.message };
    throw error;
  }
}

/**
 * What the parser refuses in well-formed XML: nesting past the limit, and the element names
 * `__proto__`, `constructor` and `prototype`, which would reach an object's prototype. None of
 * them is in the XSD, so the melding is the one any unknown element gets.
 */
function parserRefusal(error: unknown): string | undefined {
  if (isXmlTooDeep(error)) return bodyTooDeepMelding;
  const reservedName = error instanceof Error ? /^\[SECURITY\] Invalid name: "([^"]*)"/.exec(error.message)?.[1] : undefined;
  return reservedName === undefined ? undefined : unknownElementMelding(reservedName);
}

function unknownElementMelding(name: string): string {
  return `Elementet ${echo(name)} finnes ikke i kalenderRequest.`;
}

type Scope = ReadonlyMap<string, string>;

/** One element (or a repeated one, as a list): its local name and its content as plain data. */
function element(qualifiedName: string, node: unknown, parentScope: Scope): { name: string; value: unknown } {
  if (Array.isArray(node)) {
    const items = node.map((item) => element(qualifiedName, item, parentScope));
    return { name: items[0]?.name ?? qualifiedName, value: items.map((item) => item.value) };
  }
  const attributes = typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : {};
  const scope = withDeclarations(parentScope, attributes);
  const separator = qualifiedName.indexOf(':');
  const prefix = separator < 0 ? '' : qualifiedName.slice(0, separator);
  const name = qualifiedName.slice(separator + 1);
  const namespace = scope.get(prefix);
  if (namespace !== kalendertjenesteNamespace) {
    throw new XmlRequestError(`Elementet ${echo(qualifiedName)} er ikke i navnerommet ${kalendertjenesteNamespace}${namespace === undefined ? '' : ` (men i ${echo(namespace)})`}.`);
  }
  if (!elements.has(name)) throw new XmlRequestError(unknownElementMelding(name));
  return { name, value: content(node, scope) };
}

function content(node: unknown, scope: Scope): unknown {
  if (typeof node !== 'object' || node === null) return typeof node === 'string' ? node : '';
  const children = Object.entries(node as Record<string, unknown>).filter(([key]) => !key.startsWith('@_') && key !== '#text');
  if (children.length === 0) {
    const text = (node as Record<string, unknown>)['#text'];
    return typeof text === 'string' ? text : '';
  }
  const value: Record<string, unknown> = {};
  for (const [key, child] of children) {
    const read = element(key, child, scope);
    // Two prefixes for one namespace (`a:part`, `b:part`) are one element repeated.
    const before = value[read.name];
    value[read.name] = before === undefined ? read.value : [before, read.value].flat();
  }
  return value;
}

function withDeclarations(scope: Scope, attributes: Record<string, unknown>): Scope {
  const declared = Object.entries(attributes).filter(([key]) => key === '@_xmlns' || key.startsWith('@_xmlns:'));
  if (declared.length === 0) return scope;
  const next = new Map(scope);
  for (const [key, uri] of declared) next.set(key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length), String(uri));
  return next;
}
