import { Button } from '@skatteetaten/ds-buttons';
import { LogOutSVGpath } from '@skatteetaten/ds-icons';
import { RolePicker, type Business, type Entity } from '@skatteetaten/ds-overlays';
import { Alert } from '@skatteetaten/ds-status';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { useEffect, useRef } from 'react';
import type { Virksomhet } from '../api';

/**
 * "Hvem vil du representere?": the design system's role picker over the businesses the person
 * may act for. A person with none is told so plainly, with a way out.
 */
export function VelgVirksomhet({
  personNavn,
  virksomheter,
  onValgt,
  onLoggUt,
}: {
  readonly personNavn: string;
  readonly virksomheter: readonly Virksomhet[];
  /** Opens the business's pages in this tab: `/virksomhet/{orgnr}/` (decision 0101). */
  readonly onValgt: (orgnr: string) => void;
  readonly onLoggUt: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (virksomheter.length > 0 && !dialog.current?.open) dialog.current?.showModal();
  }, [virksomheter.length]);

  if (virksomheter.length === 0) {
    return (
      <>
        <Heading as="h1" level={1} hasSpacing>
          Du kan ikke representere noen virksomhet
        </Heading>
        <Alert variant="info" showAlert>
          {personNavn} er ikke registrert som innehaver, daglig leder, styreleder eller regnskapsfører for noen virksomhet i
          testmiljøet.
        </Alert>
        <Paragraph hasSpacing>Logg ut og velg en annen testperson for å se krav og betalinger for en virksomhet.</Paragraph>
        <Button svgPath={LogOutSVGpath} onClick={onLoggUt}>
          Logg ut
        </Button>
      </>
    );
  }

  const businesses: Business[] = virksomheter.map((v) => ({
    name: v.navn,
    type: 'Organization',
    organizationNumber: v.orgnr,
    unitType: v.organisasjonsform ?? '',
  }));
  // The choice is the address: nothing is stored, so another tab keeps the business it shows.
  const velg = async (entity: Entity) => {
    dialog.current?.close();
    onValgt((entity as Business).organizationNumber);
    return undefined;
  };

  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Velg virksomhet
      </Heading>
      <Paragraph hasSpacing>Du er logget inn som {personNavn}.</Paragraph>
      <RolePicker
        ref={dialog}
        title="Hvem vil du representere?"
        businesses={{ total: businesses.length, list: businesses }}
        hideCloseButton
        dismissOnEsc={false}
        dismissOnOutsideClick={false}
        onEntitySelect={velg}
        onLogout={onLoggUt}
      />
    </>
  );
}
