import { Table, type SortState } from '@skatteetaten/ds-table';
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import styles from './reskontro.module.css';

export interface Kolonne {
  readonly overskrift: string;
  /** Amounts are right-aligned. */
  readonly hoeyre?: boolean;
  /** Makes the header a sort button (UtvidbarTabell with sorting). */
  readonly sortKey?: string;
}

const justering = (kolonne: Kolonne | undefined) => (kolonne?.hoeyre ? 'right' : 'left');

/**
 * One row's cells; the first is the row header when the row has one (`radId`). Each cell carries
 * its column's name, shown only when a narrow screen stacks the row (the header row is hidden
 * then); screen readers keep reading the table's own headers.
 */
function Celler({ kolonner, celler, radId }: { readonly kolonner: readonly Kolonne[]; readonly celler: readonly ReactNode[]; readonly radId?: string }) {
  return celler.map((celle, j) => {
    const innhold = (
      <>
        <span className={styles.etikett} aria-hidden="true">
          {kolonner[j]?.overskrift}
        </span>
        <span className={styles.celleverdi}>{celle}</span>
      </>
    );
    return j === 0 && radId !== undefined ? (
      <Table.DataCell key={j} as="th" scope="row" id={radId}>
        {innhold}
      </Table.DataCell>
    ) : (
      <Table.DataCell key={j} alignment={justering(kolonner[j])}>
        {innhold}
      </Table.DataCell>
    );
  });
}

function Overskrifter({ kolonner, detaljer = false }: { readonly kolonner: readonly Kolonne[]; readonly detaljer?: boolean }) {
  return (
    <Table.Header>
      <Table.Row>
        {kolonner.map((k) =>
          k.sortKey ? (
            <Table.HeaderCell key={k.overskrift} scope="col" alignment={justering(k)} isSortable sortKey={k.sortKey}>
              {k.overskrift}
            </Table.HeaderCell>
          ) : (
            <Table.HeaderCell key={k.overskrift} scope="col" alignment={justering(k)}>
              {k.overskrift}
            </Table.HeaderCell>
          ),
        )}
        {detaljer && (
          <Table.HeaderCell scope="col">
            <span className="skjult">Detaljer</span>
          </Table.HeaderCell>
        )}
      </Table.Row>
    </Table.Header>
  );
}

/** A compact table of plain rows (the caption is read by screen readers, not shown). */
export function Tabell({ caption, kolonner, rader }: { readonly caption: string; readonly kolonner: readonly Kolonne[]; readonly rader: readonly (readonly ReactNode[])[] }) {
  return (
    <Table caption={caption} variant="compact" hasFullWidth className={styles.stablet}>
      <Overskrifter kolonner={kolonner} />
      <Table.Body>
        {rader.map((rad, i) => (
          <Table.Row key={i}>
            <Celler kolonner={kolonner} celler={rad} />
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

export interface UtvidbarRad {
  /** Unique in the page: the row header's id, which the "Detaljer" button points to. */
  readonly id: string;
  /** The first cell is the row's header. */
  readonly celler: readonly ReactNode[];
  readonly detaljer: ReactNode;
}

/**
 * A table whose rows open with a "Detaljer" button at the right (the design system's expandable
 * rows; the details come in a row of their own below), optionally with sortable headers.
 */
export function UtvidbarTabell({
  caption,
  kolonner,
  rader,
  sortering,
}: {
  readonly caption: string;
  readonly kolonner: readonly Kolonne[];
  readonly rader: readonly UtvidbarRad[];
  readonly sortering?: { readonly sortState: SortState; readonly setSortState: Dispatch<SetStateAction<SortState>> };
}) {
  return (
    <Table caption={caption} hasFullWidth className={styles.stablet} {...(sortering ?? {})}>
      <Overskrifter kolonner={kolonner} detaljer />
      <Table.Body>
        {rader.map((rad) => (
          <Table.Row key={rad.id} isExpandable showExpandButtonTitle expandButtonPosition="right" expandButtonAriaDescribedby={rad.id} expandableContent={<div className={styles.detaljer}>{rad.detaljer}</div>} data-testid={rad.id}>
            <Celler kolonner={kolonner} celler={rad.celler} radId={rad.id} />
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
