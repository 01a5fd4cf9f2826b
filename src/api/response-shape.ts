import type { TSchema } from 'typebox';
import { InvariantError } from '../domain/assert.js';

/**
 * What the serializers need to know about a response schema, read once per schema: the
 * properties in published order, which are required, and the kind of every leaf. The JSON
 * writer (`serialization.ts`) and the XML writer (`xml.ts`) are compiled from the same shape,
 * so both formats omit, order and print exactly alike.
 */
export type Shape =
  | { readonly kind: 'string'; readonly allowed: ReadonlySet<string> | undefined; readonly datePattern: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'kroner' }
  | { readonly kind: 'array'; readonly item: Shape; readonly minItems: number }
  | { readonly kind: 'object'; readonly fields: readonly Field[]; readonly xml: XmlName | undefined };

export interface Field {
  readonly name: string;
  readonly shape: Shape;
  readonly required: boolean;
}

export interface XmlName {
  readonly name: string;
  readonly namespace: string;
}

/** JSON-Schema view of the keywords we read (TypeBox schemas are plain JSON Schema). */
interface SchemaNode {
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly minItems?: number;
  readonly xml?: { readonly name?: string; readonly namespace?: string };
}

const shapes = new WeakMap<object, Shape>();

export function shapeOf(schema: TSchema): Shape {
  let shape = shapes.get(schema);
  if (shape === undefined) {
    shape = compileShape(schema as SchemaNode, '#');
    shapes.set(schema, shape);
  }
  return shape;
}

function compileShape(node: SchemaNode, path: string): Shape {
  if (node.enum !== undefined) {
    if (!node.enum.every((value) => typeof value === 'string')) throw unsupported(path, 'non-string enum');
    return { kind: 'string', allowed: new Set(node.enum as string[]), datePattern: false };
  }
  switch (node.type) {
    case 'string':
      return { kind: 'string', allowed: undefined, datePattern: node.format === 'date' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'number':
      // Every number this API publishes is an amount; an unmarked number would print wrongly.
      if (node.format !== 'kroner') throw unsupported(path, 'number without format "kroner"');
      return { kind: 'kroner' };
    case 'array':
      if (node.items === undefined) throw unsupported(path, 'array without items');
      return { kind: 'array', item: compileShape(node.items, `${path}/items`), minItems: node.minItems ?? 0 };
    case 'object':
      return compileObject(node, path);
    default:
      throw unsupported(path, `type ${String(node.type)}`);
  }
}

function compileObject(node: SchemaNode, path: string): Shape {
  const required = new Set(node.required ?? []);
  const fields = Object.entries(node.properties ?? {}).map(([name, child]) => ({
    name,
    shape: compileShape(child, `${path}/${name}`),
    required: required.has(name),
  }));
  const xml =
    node.xml?.name !== undefined && node.xml.namespace !== undefined ? { name: node.xml.name, namespace: node.xml.namespace } : undefined;
  return { kind: 'object', fields, xml };
}

function unsupported(path: string, what: string): Error {
  return new Error(`response schema at ${path}: ${what} is not supported by the API serializers`);
}

/**
 * Whether a field is written. Absent (`undefined`/`null`) optional fields and empty optional
 * lists are omitted, as in the published bodies; a missing required field or an empty list that
 * must have items is a mapping bug and stops the response rather than publish an invalid body.
 */
export function isWritten(field: Field, value: unknown): boolean {
  if (value === undefined || value === null) {
    if (field.required) throw new InvariantError(`required field ${field.name} is missing`);
    return false;
  }
  if (field.shape.kind === 'array' && Array.isArray(value) && value.length === 0) {
    if (field.required && field.shape.minItems > 0) throw new InvariantError(`required list ${field.name} is empty`);
    return field.required;
  }
  return true;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a leaf against its shape: the serializers never print a value the schema would reject. */
export function checkString(shape: Extract<Shape, { kind: 'string' }>, value: unknown): string {
  if (typeof value !== 'string') throw new InvariantError(`expected a string, got ${typeof value}`);
  if (shape.datePattern && !datePattern.test(value)) throw new InvariantError(`not a date YYYY-MM-DD: ${value}`);
  if (shape.allowed !== undefined && !shape.allowed.has(value)) throw new InvariantError(`value not allowed: ${value}`);
  return value;
}

export function checkBoolean(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvariantError(`expected a boolean, got ${typeof value}`);
  return value;
}

export function checkKroner(value: unknown): number {
  if (typeof value !== 'number') throw new InvariantError(`expected a kroner number, got ${typeof value}`);
  return value;
}

export function checkObject(value: unknown): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvariantError('expected an object');
  return value as Record<string, unknown>;
}

export function checkArray(value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new InvariantError('expected an array');
  return value;
}
