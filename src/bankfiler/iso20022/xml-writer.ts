import { XMLBuilder } from 'fast-xml-parser';

/**
 * Writing an ISO 20022 document: elements in the order they are listed (the schema's order is
 * the writer's responsibility), absent values left out, text escaped, indented by two spaces,
 * UTF-8 declared. The same input always gives the same bytes.
 */
export type XmlNode = string | XmlFields | readonly (string | XmlFields)[];
export interface XmlFields {
  readonly [name: string]: XmlNode | undefined;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  suppressEmptyNode: true,
  processEntities: true,
  format: true,
  indentBy: '  ',
});

export function writeXmlDocument(namespace: string, root: string, content: XmlFields): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ Document: { '@_xmlns': namespace, [root]: withoutAbsent(content) } })}`;
}

/** An amount element: `<Amt Ccy="NOK">100.00</Amt>`. */
export function amountNode(amount: string, ccy: string): XmlFields {
  return { '@_Ccy': ccy, '#text': amount };
}

function withoutAbsent(fields: XmlFields): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) result[name] = value.map((item: string | XmlFields) => (typeof item === 'string' ? item : withoutAbsent(item)));
    } else {
      result[name] = typeof value === 'string' ? value : withoutAbsent(value as XmlFields);
    }
  }
  return result;
}
