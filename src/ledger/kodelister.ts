import { XMLParser } from 'fast-xml-parser';
import { produktomraader, type Produktomraade } from '../domain/deadlines/index.js';
import type { Oere } from '../domain/money.js';
import { readDataFile } from './data-files.js';

/**
 * The code lists kravtype and kravgruppe (data/kodelister/*.xml, Skatteetaten's published
 * snapshot) plus our supplement for the types the real ledger uses but the list lacks, the
 * `kravtype` strings the API shows, and what the ledger needs to know of each group
 * (kravgruppe-egenskaper.json). Loaded once and frozen: one record per kravtype and kravgruppe,
 * which every rule asks instead of comparing codes. See docs/decisions/0007-kravtype.md.
 */
export interface Kravgruppe {
  /** Code from kravgruppe.xml, e.g. `skatt`, `særavgifter`. */
  readonly kode: string;
  /** The label the API prints in `kravgruppe`, e.g. `Skatt`, `Særavgift`. */
  readonly tekst: string;
  /** Skatteetaten's account a claim of the group is payable to when it names none (decision 0002). */
  readonly mottakerkonto: string;
  /** The kravtype of the forsinkelsesrente a late covering of the group's claims posts (decision 0005). */
  readonly forsinkelsesrenteKravtype: string;
  /** The calendar's `produktomraade` (decision 0012). */
  readonly produktomraade: Produktomraade;
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

interface GruppeEgenskaper {
  readonly mottakerkonto?: string;
  readonly forsinkelsesrenteKravtype?: string;
  readonly produktomraade?: string;
}

interface EgenskaperFile {
  standard: Required<GruppeEgenskaper>;
  kravgrupper: Record<string, GruppeEgenskaper>;
  forsinkelsesrenteKravtyper: string[];
}

interface XmlKode {
  tekniskNavn: string;
  beskrivelse?: { spraakTekst: { tekst: string }[] };
  kodetillegg?: { ledetekstMotEksternBruker?: string; kravgruppe?: string };
}

/** The API prints the singular "Særavgift" (examples, kravtype.xml) where kravgruppe.xml says "Særavgifter". */
const apiGruppetekst: Readonly<Record<string, string>> = { særavgifter: 'Særavgift' };

let loaded: Kodelister | undefined;

export function kodelister(): Kodelister {
  loaded ??= loadKodelister();
  return loaded;
}

export function findKravtype(kode: string): Kravtype | undefined {
  return kodelister().kravtyper.get(kode);
}

/**
 * The claim type a caller names, by its code (`arbeidsgiveravgift`) or by the string the API
 * shows (`ARBGAVG`; several codes may share one, and the first in the code list is taken).
 */
export function kravtypeFraNavn(navn: string): Kravtype | undefined {
  return findKravtype(navn) ?? [...kodelister().kravtyper.values()].find((kravtype) => kravtype.apiKravtype === navn);
}

/**
 * The record of a stored code. A code the lists do not know (they may change under booked claims)
 * is shown as itself, in no known group, and treated like an ordinary principal.
 */
export function kravtypeFor(kode: string): Kravtype {
  return findKravtype(kode) ?? Object.freeze({ kode, tekst: kode, kravgruppe: '', apiKravtype: kode, erForsinkelsesrente: false, rentebaerende: true });
}

/** The record of a group; a group the lists do not know has the standard properties and its code as label. */
export function kravgruppeFor(kode: string): Kravgruppe {
  return kodelister().kravgrupper.get(kode) ?? Object.freeze({ ...standardGruppe(), kode, tekst: kode });
}

export function kravgruppeTekst(kode: string): string {
  return kravgruppeFor(kode).tekst;
}

/** The tax-collection ledger's account: a payment that names neither account nor a known claim lands here (decision 0002). */
export function skatteinnkrevingKonto(): string {
  return standardGruppe().mottakerkonto;
}

/** The API's kravtype string for a stored code. */
export function apiKravtype(kode: string): string {
  return kravtypeFor(kode).apiKravtype;
}

/**
 * The one rule for interest on a claim (domain-rules §2.4, decision 0005): a forsinkelsesrente
 * claim (by its type, or any claim computed on a principal) is covered after principals and
 * accrues nothing itself; interest runs on debit claims of an interest-bearing type only.
 */
export function renteregel(krav: { readonly kravtype: string; readonly hovedstolKravId: string | null; readonly beloepOere: Oere }): {
  readonly erForsinkelsesrente: boolean;
  readonly renteberegnes: boolean;
} {
  const kravtype = kravtypeFor(krav.kravtype);
  return {
    erForsinkelsesrente: kravtype.erForsinkelsesrente || krav.hovedstolKravId !== null,
    renteberegnes: kravtype.rentebaerende && krav.hovedstolKravId === null && krav.beloepOere > 0,
  };
}

let egenskaper: EgenskaperFile | undefined;

function egenskaperFile(): EgenskaperFile {
  egenskaper ??= JSON.parse(readDataFile('kodelister/kravgruppe-egenskaper.json')) as EgenskaperFile;
  return egenskaper;
}

function standardGruppe(): Omit<Kravgruppe, 'kode' | 'tekst'> {
  const { standard } = egenskaperFile();
  return { mottakerkonto: standard.mottakerkonto, forsinkelsesrenteKravtype: standard.forsinkelsesrenteKravtype, produktomraade: checkProduktomraade(standard.produktomraade) };
}

function checkProduktomraade(value: string): Produktomraade {
  if (!(produktomraader as readonly string[]).includes(value)) throw new Error(`kravgruppe-egenskaper.json: ukjent produktområde ${value}`);
  return value as Produktomraade;
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

  const { kravgrupper: gruppeEgenskaper, forsinkelsesrenteKravtyper } = egenskaperFile();
  const kravgrupper = new Map<string, Kravgruppe>();
  const gruppeXml = parser.parse(readDataFile('kodelister/kravgruppe.xml')).kodeliste.kode as XmlKode[];
  for (const kode of [...gruppeXml.map((k) => ({ kode: k.tekniskNavn, tekst: firstText(k) })), ...supplement.kravgrupper]) {
    const own = gruppeEgenskaper[kode.kode] ?? {};
    const standard = standardGruppe();
    kravgrupper.set(
      kode.kode,
      Object.freeze({
        kode: kode.kode,
        tekst: apiGruppetekst[kode.kode] ?? kode.tekst,
        mottakerkonto: own.mottakerkonto ?? standard.mottakerkonto,
        forsinkelsesrenteKravtype: own.forsinkelsesrenteKravtype ?? standard.forsinkelsesrenteKravtype,
        produktomraade: own.produktomraade === undefined ? standard.produktomraade : checkProduktomraade(own.produktomraade),
      }),
    );
  }
  for (const kode of Object.keys(gruppeEgenskaper)) {
    if (!kravgrupper.has(kode)) throw new Error(`kravgruppe-egenskaper.json nevner ukjent kravgruppe ${kode}`);
  }
  const renteKoder = new Set(forsinkelsesrenteKravtyper);
  const gruppeByLabel = new Map([...kravgrupper.values()].flatMap((g) => labelKeys(g).map((key) => [key, g.kode] as const)));

  const kravtyper = new Map<string, Kravtype>();
  const add = (kode: string, tekst: string, kravgruppe: string, rentebaerende: boolean) => {
    if (kravtyper.has(kode)) throw new Error(`kravtype ${kode} er definert to ganger`);
    if (!kravgrupper.has(kravgruppe)) throw new Error(`kravtype ${kode} peker på ukjent kravgruppe ${kravgruppe}`);
    const erForsinkelsesrente = renteKoder.has(kode);
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
  for (const kode of [...renteKoder, ...[...kravgrupper.values()].map((g) => g.forsinkelsesrenteKravtype)]) {
    if (!kravtyper.has(kode)) throw new Error(`kravgruppe-egenskaper.json nevner ukjent kravtype ${kode}`);
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
