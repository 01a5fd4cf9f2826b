import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Validation of our ISO 20022 files against the official XSDs in data/iso20022 (see its README),
 * with libxml2's `xmllint --schema` (Debian's libxml2-utils, .ci/apt-packages): a tool that
 * shares no code with our writers. A machine without xmllint fails these tests with a message
 * saying so; they are never skipped.
 *
 * camt.054.001.08's XSD is not to be had offline. Its content types are those of
 * camt.052.001.08 (same release, same building blocks: ReportEntry10, EntryTransaction10, …);
 * the two messages differ only in the root and the account-level wrapper. So the .08 schema is
 * derived from the official camt.052.001.08 XSD by that difference — and the same derivation,
 * applied to the official camt.052.001.02 XSD, gives the official camt.054.001.02 XSD exactly
 * (tested), which is what lets us trust it for .08.
 */
const dataDir = 'data/iso20022';

export const officialXsd = {
  'camt.054.001.02': join(dataDir, 'camt.054.001.02.xsd'),
  'camt.052.001.02': join(dataDir, 'camt.052.001.02.xsd'),
  'camt.052.001.08': join(dataDir, 'camt.052.001.08.xsd'),
  'pain.001.001.09': join(dataDir, 'pain.001.001.09.xsd'),
} as const;

interface Names {
  readonly version: '02' | '08';
  readonly report: string;
  readonly notification: string;
}

/** camt.052 (BankToCustomerAccountReport) → camt.054 (BankToCustomerDebitCreditNotification). */
export function deriveCamt054Xsd(camt052Xsd: string, names: Names): string {
  const { version, report, notification } = names;
  let xsd = camt052Xsd
    .replaceAll(`camt.052.001.${version}`, `camt.054.001.${version}`)
    .replace(`name="BkToCstmrAcctRpt" type="BankToCustomerAccountReportV${version}"`, `name="BkToCstmrDbtCdtNtfctn" type="BankToCustomerDebitCreditNotificationV${version}"`)
    .replace(`name="BankToCustomerAccountReportV${version}"`, `name="BankToCustomerDebitCreditNotificationV${version}"`)
    .replace(`name="Rpt" type="${report}"`, `name="Ntfctn" type="${notification}"`)
    .replace(`<xs:complexType name="${report}">`, `<xs:complexType name="${notification}">`)
    // A notification has no balances, and its pagination and free text are named for it.
    .replace(/\r?\n +<xs:element [^>]*name="Bal" [^>]*\/>/, '')
    .replace('name="RptPgntn"', 'name="NtfctnPgntn"')
    .replace('name="AddtlRptInf"', 'name="AddtlNtfctnInf"');
  // Drop the types only the report used, as the official schema does not define them.
  for (;;) {
    const definitions = [...xsd.matchAll(/\r?\n {4}<xs:(complexType|simpleType) name="([^"]+)">[\s\S]*?\r?\n {4}<\/xs:\1>/g)];
    const unused = definitions.filter(([, , name]) => !new RegExp(`(?:type|base)="${name}"`).test(xsd));
    if (unused.length === 0) return xsd;
    for (const [definition] of unused) xsd = xsd.replace(definition, '');
  }
}

export const camt054v02Names: Names = { version: '02', report: 'AccountReport11', notification: 'AccountNotification2' };
export const camt054v08Names: Names = { version: '08', report: 'AccountReport25', notification: 'AccountNotification17' };

let derivedV08Path: string | undefined;

function camt054v08XsdPath(): string {
  if (derivedV08Path === undefined) {
    const xsd = deriveCamt054Xsd(readFileSync(officialXsd['camt.052.001.08'], 'utf8'), camt054v08Names);
    derivedV08Path = join(mkdtempSync(join(tmpdir(), 'camt054-')), 'camt.054.001.08.xsd');
    writeFileSync(derivedV08Path, xsd);
  }
  return derivedV08Path;
}

export type SchemaName = 'camt.054.001.02' | 'camt.054.001.08' | 'pain.001.001.09';

/** '' when the XML validates against the schema, else xmllint's report. */
export function xsdErrors(xml: string, schema: SchemaName): string {
  const xsdPath = schema === 'camt.054.001.08' ? camt054v08XsdPath() : officialXsd[schema];
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsdPath, '-'], { input: xml, encoding: 'utf8' });
  if (result.error !== undefined) {
    throw new Error(`xmllint could not run (${result.error.message}); install it: apt-get install libxml2-utils`);
  }
  return result.status === 0 ? '' : result.stderr.trim();
}
