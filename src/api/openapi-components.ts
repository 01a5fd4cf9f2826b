import { isDeepStrictEqual } from 'node:util';

/**
 * Route schemas are written inline (that is what Fastify validates and serializes); the OpenAPI
 * document is easier to read and gives generated clients the published type names when every
 * titled object or enum schema is a named component (an enum becomes an enum type in a generated
 * client, as the published `Fastsettingsmaate` does). This moves each `title`d object or enum
 * schema found under a `schema` key of the paths into `components.schemas[title]` and leaves a
 * `$ref` behind.
 * Two different schemas with one title (say another API's `Periode`) get `Periode2`, … .
 */
type Json = unknown;
type JsonObject = Record<string, Json>;

const nestedSchemaKeys = ['items', 'not', 'additionalProperties'] as const;
const schemaListKeys = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;

export function hoistTitledSchemas(document: JsonObject): JsonObject {
  const components = (document.components ?? {}) as JsonObject;
  const schemas: JsonObject = { ...((components.schemas ?? {}) as JsonObject) };

  const hoist = (schema: Json): Json => {
    if (!isObject(schema)) return schema;
    const copy: JsonObject = { ...schema };
    if (isObject(copy.properties)) {
      copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([name, child]) => [name, hoist(child)]));
    }
    for (const key of nestedSchemaKeys) if (isObject(copy[key])) copy[key] = hoist(copy[key]);
    for (const key of schemaListKeys) if (Array.isArray(copy[key])) copy[key] = (copy[key] as Json[]).map(hoist);
    if (typeof copy.title !== 'string' || (copy.type !== 'object' && !Array.isArray(copy.enum))) return copy;
    return { $ref: `#/components/schemas/${register(copy.title, copy)}` };
  };

  const register = (title: string, schema: JsonObject): string => {
    for (let n = 1; ; n++) {
      const name = n === 1 ? title : `${title}${n}`;
      if (schemas[name] === undefined) {
        schemas[name] = schema;
        return name;
      }
      if (isDeepStrictEqual(schemas[name], schema)) return name;
    }
  };

  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'schema' ? hoist(value) : walk(value)]));
  };

  const paths = walk(document.paths ?? {});
  return { ...document, paths, components: { ...components, schemas } };
}

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
