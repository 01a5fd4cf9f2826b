import { Feil } from './error-body.js';
import type { ApiError, CatalogueEntry } from './error-catalogue.js';
import type { MediaFormat } from './serialization.js';
import { xmlWriter } from './xml.js';

/**
 * The OpenAPI side of a surface's error catalogue, for every surface alike: one response per
 * HTTP status listing its codes, with a sample body per code in each format the surface speaks.
 */
export const korrelasjonsidHeaderDoc = {
  Korrelasjonsid: { type: 'string', description: 'Korrelasjonsiden fra forespørselen, eller en ny UUID.' },
};

const sampleKorrelasjonsid = '13a865f5-28f9-47db-9abd-ab78977c79fe';

const mediaTypeNames: Readonly<Record<MediaFormat, string>> = { json: 'application/json', xml: 'application/xml' };

export interface DocumentedCatalogue<Code extends string> {
  readonly entries: Readonly<Record<Code, CatalogueEntry>>;
  /** A typical melding per code (the real text names the actual value). */
  readonly samples: Readonly<Record<Code, ApiError>>;
  readonly formats: readonly MediaFormat[];
}

function errorResponse<Code extends string>(catalogue: DocumentedCatalogue<Code>, codes: readonly Code[]) {
  const examples = (format: MediaFormat) =>
    Object.fromEntries(
      codes.map((kode) => {
        const body = { kode, melding: catalogue.samples[kode].melding, korrelasjonsid: sampleKorrelasjonsid };
        return [kode, { summary: catalogue.entries[kode].beskrivelse, value: format === 'json' ? body : xmlWriter(Feil)(body) }];
      }),
    );
  return {
    description: codes.map((kode) => `${kode}: ${catalogue.entries[kode].beskrivelse}`).join(' '),
    headers: korrelasjonsidHeaderDoc,
    content: Object.fromEntries(catalogue.formats.map((format) => [mediaTypeNames[format], { schema: Feil, examples: examples(format) }])),
  };
}

/** Error responses grouped by HTTP status, codes in the order given. */
export function errorResponses<Code extends string>(catalogue: DocumentedCatalogue<Code>, codes: readonly Code[]): Record<string, ReturnType<typeof errorResponse>> {
  const byStatus = new Map<number, Code[]>();
  for (const kode of codes) {
    const status = catalogue.entries[kode].httpStatus;
    byStatus.set(status, [...(byStatus.get(status) ?? []), kode]);
  }
  return Object.fromEntries([...byStatus].map(([status, statusCodes]) => [String(status), errorResponse(catalogue, statusCodes)]));
}
