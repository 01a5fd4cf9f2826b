import { XMLBuilder } from 'fast-xml-parser';
import type { TSchema } from 'typebox';
import { formatKroner } from './kroner.js';
import { checkArray, checkBoolean, checkKroner, checkObject, checkString, isWritten, shapeOf, type Shape } from './response-shape.js';

/**
 * The XML rendering of a response body (decision 0030, docs/api-xml.md): OpenAPI's default XML
 * mapping of the same schema. The root element and namespace come from the schema's `xml`
 * keyword; every property is an element of the same name, in schema order; a list is the
 * element repeated (no wrapper); amounts print as in JSON (`10000.0`); booleans `true`/`false`;
 * an empty object is an empty element; omitted fields are absent elements.
 */
type XmlTree = string | XmlTree[] | { [element: string]: XmlTree };
type TreeBuilder = (value: unknown) => XmlTree;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  processEntities: true,
  format: false,
});

const declaration = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * Characters XML 1.0 cannot carry even escaped (most C0 controls, lone surrogates, U+FFFE/F).
 * JSON can escape them; XML must drop them, or the whole document would be unreadable.
 */
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Cheap first look (no lookarounds): almost every text has no such character at all. */
const suspectChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

function xmlText(text: string): string {
  return suspectChar.test(text) ? text.replace(notXmlChar, '') : text;
}

const xmlWriters = new WeakMap<object, (value: unknown) => string>();

export function xmlWriter(schema: TSchema): (value: unknown) => string {
  let writer = xmlWriters.get(schema);
  if (writer === undefined) {
    writer = compileDocument(shapeOf(schema));
    xmlWriters.set(schema, writer);
  }
  return writer;
}

function compileDocument(shape: Shape): (value: unknown) => string {
  if (shape.kind !== 'object' || shape.xml === undefined) {
    throw new Error('an XML body needs an object schema with xml.name and xml.namespace');
  }
  const { name, namespace } = shape.xml;
  const buildChildren = compileTree(shape);
  return (value) => {
    const children = buildChildren(value) as Record<string, XmlTree>;
    return declaration + builder.build({ [name]: { '@_xmlns': namespace, ...children } });
  };
}

function compileTree(shape: Shape): TreeBuilder {
  switch (shape.kind) {
    case 'string':
      return (value) => xmlText(checkString(shape, value));
    case 'boolean':
      return (value) => (checkBoolean(value) ? 'true' : 'false');
    case 'kroner':
      return (value) => formatKroner(checkKroner(value));
    case 'array': {
      const buildItem = compileTree(shape.item);
      return (value) => checkArray(value).map(buildItem);
    }
    case 'object': {
      const fields = shape.fields.map((field) => ({ field, build: compileTree(field.shape) }));
      return (value) => {
        const object = checkObject(value);
        const element: Record<string, XmlTree> = {};
        for (const { field, build } of fields) {
          const fieldValue = object[field.name];
          if (isWritten(field, fieldValue)) element[field.name] = build(fieldValue);
        }
        return element;
      };
    }
  }
}
