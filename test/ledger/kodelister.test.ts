import { describe, expect, it } from 'vitest';
import { apiKravtype, findKravtype, kodelister, kravgruppeFor, kravgruppeTekst } from '../../src/ledger/kodelister.js';

describe('kodelister', () => {
  it('loads every published kravtype and our supplement', () => {
    const { kravtyper } = kodelister();
    expect(kravtyper.size).toBe(446 + 6);
    expect(findKravtype('utskrevetForskuddsskattPerson')).toMatchObject({
      tekst: 'Utskrevet forskuddsskatt, person',
      kravgruppe: 'skatt',
      apiKravtype: 'UTSKR_FORSKSKATT',
      rentebaerende: true,
    });
    expect(findKravtype('motpostTilbakebetaling')).toMatchObject({ kravgruppe: 'andreKrav', apiKravtype: 'MOTP_TILB_BET', rentebaerende: false });
  });

  it('treats "Særavgift" in kravtype.xml and "Særavgifter" in kravgruppe.xml as one group, shown as the API shows it', () => {
    expect(findKravtype('sjokoladeavgift')?.kravgruppe).toBe('særavgifter');
    expect(kravgruppeTekst('særavgifter')).toBe('Særavgift');
    expect(kravgruppeTekst('øvrigeOffentligeKrav')).toBe('Øvrige offentlige krav');
    expect(kravgruppeTekst('tilbakebetalingskrav')).toBe('Tilbakebetalingskrav');
  });

  it('maps codes to the kravtype strings of the published examples and falls back to the code', () => {
    expect(apiKravtype('arbeidsgiveravgift')).toBe('ARBGAVG');
    expect(apiKravtype('åBetaleMva')).toBe('Mva-melding');
    expect(apiKravtype('fastsettingMva')).toBe('Fasts § 12-1 (1) 1. pkt.');
    expect(apiKravtype('forsinkelsesrenterMva')).toBe('Forsinkelsesrente');
    expect(apiKravtype('forsinkelsesrenteKredit')).toBe('Fors.rente kredit');
    expect(apiKravtype('tvangsmulkt')).toBe('tvangsmulkt');
  });

  it('marks forsinkelsesrente types: they accrue no interest of their own', () => {
    expect(findKravtype('forsinkelsesrente')).toMatchObject({ erForsinkelsesrente: true, rentebaerende: false });
    expect(findKravtype('fastsettingsrenterMva')).toMatchObject({ erForsinkelsesrente: false, rentebaerende: true });
  });

  it('cleans the one label with a line break', () => {
    for (const kravtype of kodelister().kravtyper.values()) expect(kravtype.tekst).not.toMatch(/\n/);
  });

  it.each([
    ['merverdiavgift', 'MVA'],
    ['arbeidsgiveravgift', 'Arbeidsgiveravgift'],
    ['forskuddstrekk', 'Forskuddstrekk'],
    ['skatt', 'Skatt'],
    ['særavgifter', 'Saeravgift'],
    ['andreKrav', 'AndreKrav'],
    ['øvrigeOffentligeKrav', 'OevrigeOffentligeKrav'],
    ['tilbakebetalingskrav', 'AndreKrav'],
    ['en gruppe listene ikke kjenner', 'AndreKrav'],
  ])('gives the calendar the product area of kravgruppe %s: %s', (kode, produktomraade) => {
    expect(kravgruppeFor(kode).produktomraade).toBe(produktomraade);
  });

  it('gives every kravtype a group whose product area is a known one', () => {
    for (const kravtype of kodelister().kravtyper.values()) expect(kravgruppeFor(kravtype.kravgruppe).produktomraade).toMatch(/^[A-Za-z-]+$/);
  });
});
