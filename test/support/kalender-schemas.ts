import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import addFormats from 'ajv-formats';

/**
 * Validation against the Kalendertjeneste's *published* schemas, with tools independent of our
 * code: ajv on the draft-06 JSON Schema, and libxml2's `xmllint --schema` on the XSD. xmllint
 * comes from Debian's libxml2-utils (.ci/apt-packages); a machine without it fails these tests
 * with a message saying so — they are never skipped.
 */
export const publishedJsonSchemaPath = 'test/fixtures/kalender/no.skatteetaten.innkreving.deling.kalendertjeneste.v1-schema.json';
export const publishedXsdPath = 'test/fixtures/kalender/no.skatteetaten.innkreving.deling.kalendertjeneste.v1.xsd';

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(draft06);
addFormats.default(ajv);
const validatePublished = ajv.compile(JSON.parse(readFileSync(publishedJsonSchemaPath, 'utf8')) as object);

/** '' when the document validates against the published JSON Schema, else ajv's errors. */
export function publishedJsonSchemaErrors(document: unknown): string {
  return validatePublished(document) ? '' : ajv.errorsText(validatePublished.errors);
}

/** '' when the XML validates against the published XSD, else xmllint's report. */
export function publishedXsdErrors(xml: string): string {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', publishedXsdPath, '-'], { input: xml, encoding: 'utf8' });
  if (result.error !== undefined) {
    throw new Error(`xmllint could not run (${result.error.message}); install it: apt-get install libxml2-utils`);
  }
  return result.status === 0 ? '' : result.stderr.trim();
}
