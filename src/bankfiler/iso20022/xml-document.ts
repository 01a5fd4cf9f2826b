import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { limits } from '../../domain/limits.js';
import { quote, refuse } from '../bankfil-feil.js';

/**
 * An XML bank file as a tree of elements with their namespaces resolved, read strictly: within
 * the size limit, well-formed, no DOCTYPE (so no DTD, no entity expansion, nothing fetched), no
 * entity but XML's five and character references, no deeper than the depth limit, no text mixed
 * with elements. Every element knows its path, so a fault can name it.
 */
export interface XmlElement {
  /** The local name, without prefix. */
  readonly name: string;
  readonly namespace: string | undefined;
  /** Attributes by their name as written (namespace declarations left out). */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The text content, trimmed; '' for an element with children. */
  readonly text: string;
  /** E.g. `/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[2]`: an index where siblings share the name. */
  readonly path: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Decodes character references (&#248;); named entities other than XML's five are refused before parsing.
  htmlEntities: true,
  // A hard stop for the parser itself; the depth limit is checked while the tree is built, to name the element.
  maxNestedTags: limits.bankfilXmlDepthMax * 4,
});

type ParsedNode = Record<string, unknown>;
type Scope = ReadonlyMap<string, string>;

export function readXmlDocument(text: string): XmlElement {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (source.length > limits.bankfilBytesMax) {
    refuse({ kode: 'too-large', melding: `Filen er større enn ${limits.bankfilBytesMax} byte.`, message: `The file is larger than ${limits.bankfilBytesMax} bytes.` });
  }
  if (/<!DOCTYPE/i.test(source)) {
    refuse({ kode: 'doctype', melding: 'XML med DOCTYPE støttes ikke; send filen uten DTD.', message: 'XML with a DOCTYPE is not accepted; send the file without a DTD.' });
  }
  const valid = XMLValidator.validate(source);
  if (valid !== true) syntaxError(valid.err.line, valid.err.col, valid.err.msg);
  const entity = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(source);
  if (entity !== null) {
    const { line, col } = position(source, entity.index);
    syntaxError(line, col, 'an entity other than &lt; &gt; &amp; &quot; &apos; or a character reference');
  }
  let parsed: ParsedNode[];
  try {
    parsed = parser.parse(source) as ParsedNode[];
  } catch (error) {
    if (error instanceof Error && /nested tags/i.test(error.message)) depthError(undefined);
    // The parser refuses names that would reach an object's prototype (`__proto__`, `constructor`,
    // `prototype`); no bank file has them, so they are the file's fault, not a failure.
    const reserved = error instanceof Error ? /^\[SECURITY\] Invalid name: "([^"]*)"/.exec(error.message)?.[1] : undefined;
    if (reserved !== undefined) {
      refuse({ kode: 'xml-syntax', melding: `Navnet ${quote(reserved)} er ikke tillatt i en bankfil.`, message: `The name ${quote(reserved)} is not allowed in a bank file.` });
    }
    throw error;
  }
  const roots = parsed.filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) {
    refuse({ kode: 'xml-syntax', melding: 'XML-dokumentet må ha nøyaktig ett rotelement.', message: 'The XML document must have exactly one root element.' });
  }
  return toElement(roots[0]!, '', new Map(), 1);
}

function toElement(node: ParsedNode, parentPath: string, parentScope: Scope, depth: number, index?: number): XmlElement {
  const qualifiedName = elementName(node)!;
  const separator = qualifiedName.indexOf(':');
  const prefix = separator < 0 ? '' : qualifiedName.slice(0, separator);
  const name = qualifiedName.slice(separator + 1);
  const path = `${parentPath}/${name}${index === undefined ? '' : `[${index}]`}`;
  if (depth > limits.bankfilXmlDepthMax) depthError(path);
  const declared = (node[':@'] ?? {}) as Record<string, string>;
  const scope = withDeclarations(parentScope, declared);
  if (prefix !== '' && !scope.has(prefix)) {
    refuse({ kode: 'namespace', element: path, melding: `Elementet ${path} har prefikset ${quote(prefix)}, som ikke er deklarert.`, message: `The element ${path} has the prefix ${quote(prefix)}, which is not declared.` });
  }
  const attributes = new Map(Object.entries(declared).filter(([key]) => key !== 'xmlns' && !key.startsWith('xmlns:')));
  const content = node[qualifiedName] as ParsedNode[];
  const childNodes = content.filter((child) => elementName(child) !== undefined);
  const texts = content.flatMap((child) => (typeof child['#text'] === 'string' ? [child['#text']] : []));
  if (childNodes.length > 0 && texts.some((t) => t !== '')) {
    refuse({ kode: 'value', element: path, melding: `Elementet ${path} blander tekst og elementer.`, message: `The element ${path} mixes text and elements.` });
  }
  const counts = new Map<string, number>();
  for (const child of childNodes) counts.set(localName(child), (counts.get(localName(child)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const children = childNodes.map((child) => {
    const childName = localName(child);
    const position = (seen.get(childName) ?? 0) + 1;
    seen.set(childName, position);
    return toElement(child, path, scope, depth + 1, counts.get(childName)! > 1 ? position : undefined);
  });
  return { name, namespace: scope.get(prefix), attributes, children, text: texts.join(''), path };
}

function elementName(node: ParsedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

function localName(node: ParsedNode): string {
  const qualified = elementName(node)!;
  return qualified.slice(qualified.indexOf(':') + 1);
}

function withDeclarations(scope: Scope, attributes: Record<string, string>): Scope {
  const declared = Object.entries(attributes).filter(([key]) => key === 'xmlns' || key.startsWith('xmlns:'));
  if (declared.length === 0) return scope;
  const next = new Map(scope);
  for (const [key, uri] of declared) next.set(key === 'xmlns' ? '' : key.slice('xmlns:'.length), uri);
  return next;
}

function position(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

function syntaxError(line: number, col: number, detail: string): never {
  const shown = detail.length > 160 ? `${detail.slice(0, 160)}…` : detail;
  return refuse({
    kode: 'xml-syntax',
    melding: `Ugyldig XML på linje ${line}, kolonne ${col} (${shown}).`,
    message: `Malformed XML at line ${line}, column ${col} (${shown}).`,
  });
}

function depthError(path: string | undefined): never {
  const max = limits.bankfilXmlDepthMax;
  return refuse({
    kode: 'xml-depth',
    ...(path === undefined ? {} : { element: path }),
    melding: `XML-dokumentet er nestet dypere enn ${max} nivåer${path === undefined ? '' : ` (ved ${shortPath(path)})`}.`,
    message: `The XML document is nested deeper than ${max} levels${path === undefined ? '' : ` (at ${shortPath(path)})`}.`,
  });
}

function shortPath(path: string): string {
  const steps = path.split('/');
  return steps.length <= 6 ? path : `/${steps[1]}/…/${steps.slice(-3).join('/')}`;
}
