import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import type { TSchema } from 'typebox';
import { createApiAjv } from '../../src/api/ajv.js';

/** Test helpers around the API schemas: strict validation and reading our XML back. */

const ajv = createApiAjv();

interface Node {
  type?: string;
  properties?: Record<string, Node>;
  items?: Node;
  required?: string[];
  format?: string;
  xml?: { name: string; namespace: string };
  additionalProperties?: boolean;
}

/**
 * The schema with every object closed (`additionalProperties: false`). The published schemas
 * stay open (clients tolerate new fields); the tests use this to prove that every field of a
 * published example, and every field we write, is named by our schemas with its exact casing.
 */
export function closed(schema: TSchema): TSchema {
  const close = (node: Node): Node => {
    const copy: Node = { ...node };
    if (copy.properties !== undefined) {
      copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([key, child]) => [key, close(child)]));
      copy.additionalProperties = false;
    }
    if (copy.items !== undefined) copy.items = close(copy.items);
    return copy;
  };
  return close(schema as Node) as TSchema;
}

/** Validates with the API's Ajv; returns the errors as readable text ('' when valid). */
export function schemaErrors(schema: TSchema, value: unknown): string {
  const validate = ajv.compile(schema);
  return validate(value) ? '' : ajv.errorsText(validate.errors);
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Removes the whitespace between JSON tokens, keeping numbers as written (`10000.0`). */
export function minifyJsonText(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (inString) {
      out += char;
      if (char === '\\') out += text[++i];
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (!/\s/.test(char)) {
      out += char;
    }
  }
  return out;
}

/**
 * Reads an XML body written by the API back into the JSON object, using the schema to know
 * what is a list, a number or a boolean (XML itself does not say). Also checks the root
 * element name and namespace.
 */
export function readXmlBody(schema: TSchema, xml: string): unknown {
  const root = schema as Node;
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false }).parse(xml) as Record<string, unknown>;
  const element = parsed[root.xml!.name] as Record<string, unknown> | undefined;
  if (element === undefined) throw new Error(`root element ${root.xml!.name} missing`);
  if (element['@_xmlns'] !== root.xml!.namespace) throw new Error(`namespace ${String(element['@_xmlns'])}`);
  return fromXml(root, element);
}

function fromXml(node: Node, value: unknown): unknown {
  switch (node.type) {
    case 'object': {
      const element = (value === '' ? {} : value) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        if (element[name] !== undefined) out[name] = fromXml(child, element[name]);
      }
      return out;
    }
    case 'array':
      return (Array.isArray(value) ? value : [value]).map((item) => fromXml(node.items!, item));
    case 'number':
      return Number(value);
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw new Error(`not a boolean: ${String(value)}`);
      return value === 'true';
    default:
      return value;
  }
}
