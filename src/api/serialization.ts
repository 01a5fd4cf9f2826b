import type { TSchema } from 'typebox';
import { formatKroner } from './kroner.js';
import { checkArray, checkBoolean, checkKroner, checkObject, checkString, isWritten, shapeOf, type Shape } from './response-shape.js';
import { xmlWriter } from './xml.js';

/**
 * The one serializer of the API's response bodies (decision 0025). Compiled once per schema
 * into plain closures: only the schema's properties are written (an internal field can never
 * leak), in the schema's order, empty optionals omitted, amounts printed `10000.0`.
 */
export type BodyWriter = (value: unknown) => string;

export type MediaFormat = 'json' | 'xml';

export const mediaTypes: Readonly<Record<MediaFormat, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

const jsonWriters = new WeakMap<object, BodyWriter>();

export function jsonWriter(schema: TSchema): BodyWriter {
  let writer = jsonWriters.get(schema);
  if (writer === undefined) {
    writer = compileJson(shapeOf(schema));
    jsonWriters.set(schema, writer);
  }
  return writer;
}

/** The writer for a body in the negotiated format. */
export function bodyWriter(schema: TSchema, format: MediaFormat): BodyWriter {
  return format === 'json' ? jsonWriter(schema) : xmlWriter(schema);
}

function compileJson(shape: Shape): BodyWriter {
  switch (shape.kind) {
    case 'string':
      return (value) => JSON.stringify(checkString(shape, value));
    case 'boolean':
      return (value) => (checkBoolean(value) ? 'true' : 'false');
    case 'kroner':
      return (value) => formatKroner(checkKroner(value));
    case 'array': {
      const writeItem = compileJson(shape.item);
      return (value) => {
        const items = checkArray(value);
        let out = '[';
        for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ',') + writeItem(items[i]);
        return out + ']';
      };
    }
    case 'object': {
      const fields = shape.fields.map((field) => ({ field, key: `${JSON.stringify(field.name)}:`, write: compileJson(field.shape) }));
      return (value) => {
        const object = checkObject(value);
        let out = '{';
        let separator = '';
        for (const { field, key, write } of fields) {
          const fieldValue = object[field.name];
          if (!isWritten(field, fieldValue)) continue;
          out += separator + key + write(fieldValue);
          separator = ',';
        }
        return out + '}';
      };
    }
  }
}
