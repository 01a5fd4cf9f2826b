import { XMLParser } from 'fast-xml-parser';
import { readDataFile } from './data-files.js';

/**
 * The code lists kravtype and kravgruppe (data/kodelister/*.xml, Skatteetaten's published
 * snapshot) plus our supplement for the types the real ledger uses but the list lacks, and the
 * `kravtype` strings the API shows. Loaded once and frozen. See docs/decisions/0007-kravtype.md.
 */
export interface Kravgruppe {
  /** Code from kravgruppe.xml, e.g. `skatt`, `særavgifter`. */
  readonly kode: string;
  /** The label the API prints in `kravgruppe`, e.g. `Skatt`, `Særavgift`. */
  readonly tekst: string;
}

export interface Kravtype {
  /** Code from kravtype.xml (`tekniskNavn`) or the supplement, e.g. `utskrevetForskuddsskattPerson`. */
  readonly kode: string;
  /** `ledetekstMotEksternBruker`: the label shown to users and the default claim description. */
  readonly tekst: string;
  readonly kravgruppe: string;
  /** The `kravtype` string of the API (ARBGAVG, Mva-melding, …); the code itself when unmapped. */
  readonly apiKravtype: string;
  /**
   * True for forsinkelsesrente claims: they accrue no interest themselves (no compounding,
   * domain-rules §2.4) and are covered after principals (§3.3, §3.4).
   */
  readonly erForsinkelsesrente: boolean;
  /** Whether a late payment of this type accrues forsinkelsesrente. */
  readonly rentebaerende: boolean;
}

export interface Kodelister {
  readonly kravtyper: ReadonlyMap<string, Kravtype>;
  readonly kravgrupper: ReadonlyMap<string, Kravgruppe>;
}

interface SupplementFile {
  kravgrupper: { kode: string; tekst: string }[];
  kravtyper: { kode: string; tekst: string; kravgruppe: string; forsinkelsesrente: boolean }[];
}

interface XmlKode {
  tekniskNavn: string;
  beskrivelse?: { spraakTekst: { tekst: string }[] };
  kodetillegg?: { ledetekstMotEksternBruker?: string; kravgruppe?: string };
}

/** The API prints the singular "Særavgift" (examples, kravtype.xml) where kravgruppe.xml says "Særavgifter". */
const apiGruppetekst: Readonly<Record<string, string>> = { særavgifter: 'Særavgift' };
const forsinkelsesrenteKode = /^forsinkelsesrente/;

let loaded: Kodelister | undefined;

export function kodelister(): Kodelister {
  loaded ??= loadKodelister();
  return loaded;
}

export function findKravtype(kode: string): Kravtype | undefined {
  return kodelister().kravtyper.get(kode);
}

export function kravgruppeTekst(kode: string): string {
  return kodelister().kravgrupper.get(kode)?.tekst ?? kode;
}

/** The API's kravtype string for a stored code. */
export function apiKravtype(kode: string): string {
  return findKravtype(kode)?.apiKravtype ?? kode;
}

function loadKodelister(): Kodelister {
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => name === 'kode' || name === 'spraakTekst',
  });
  const supplement = JSON.parse(readDataFile('kodelister/kravtype-tillegg.json')) as SupplementFile;
  const apiNames = (JSON.parse(readDataFile('kodelister/api-kravtype.json')) as { kravtype: Record<string, string> }).kravtype;

  const kravgrupper = new Map<string, Kravgruppe>();
  const gruppeXml = parser.parse(readDataFile('kodelister/kravgruppe.xml')).kodeliste.kode as XmlKode[];
  for (const kode of [...gruppeXml.map((k) => ({ kode: k.tekniskNavn, tekst: firstText(k) })), ...supplement.kravgrupper]) {
    kravgrupper.set(kode.kode, Object.freeze({ kode: kode.kode, tekst: apiGruppetekst[kode.kode] ?? kode.tekst }));
  }
  const gruppeByLabel = new Map([...kravgrupper.values()].flatMap((g) => labelKeys(g).map((key) => [key, g.kode] as const)));

  const kravtyper = new Map<string, Kravtype>();
  const add = (kode: string, tekst: string, kravgruppe: string, rentebaerende: boolean) => {
    if (kravtyper.has(kode)) throw new Error(`kravtype ${kode} er definert to ganger`);
    if (!kravgrupper.has(kravgruppe)) throw new Error(`kravtype ${kode} peker på ukjent kravgruppe ${kravgruppe}`);
    const erForsinkelsesrente = forsinkelsesrenteKode.test(kode);
    kravtyper.set(
      kode,
      Object.freeze({ kode, tekst, kravgruppe, apiKravtype: apiNames[kode] ?? kode, erForsinkelsesrente, rentebaerende: rentebaerende && !erForsinkelsesrente }),
    );
  };
  for (const kode of parser.parse(readDataFile('kodelister/kravtype.xml')).kodeliste.kode as XmlKode[]) {
    const label = kode.kodetillegg?.kravgruppe ?? '';
    const gruppe = gruppeByLabel.get(normalizeLabel(label));
    if (!gruppe) throw new Error(`kravtype ${kode.tekniskNavn}: ukjent kravgruppe "${label}"`);
    add(kode.tekniskNavn, (kode.kodetillegg?.ledetekstMotEksternBruker ?? firstText(kode)).replace(/\s+/g, ' ').trim(), gruppe, true);
  }
  for (const kode of supplement.kravtyper) add(kode.kode, kode.tekst, kode.kravgruppe, kode.forsinkelsesrente);
  for (const kode of Object.keys(apiNames)) {
    if (!kravtyper.has(kode)) throw new Error(`api-kravtype.json nevner ukjent kravtype ${kode}`);
  }
  return Object.freeze({ kravtyper, kravgrupper });
}

function firstText(kode: XmlKode): string {
  return kode.beskrivelse?.spraakTekst[0]?.tekst ?? kode.tekniskNavn;
}

/** kravtype.xml names groups by label, singular or plural ("Særavgift" / "Særavgifter"). */
function labelKeys(gruppe: Kravgruppe): string[] {
  return [normalizeLabel(gruppe.tekst), normalizeLabel(gruppe.kode)];
}

function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/\s+/g, '').replace(/er$/, '');
}
