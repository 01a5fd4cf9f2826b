import { Button } from '@skatteetaten/ds-buttons';
import { LockOutlineSVGpath } from '@skatteetaten/ds-icons';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { loggInn } from '../api';

/** The start page before login. */
export function Forside() {
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Krav og betalinger for virksomheter
      </Heading>
      <Paragraph hasSpacing>
        Her ser en virksomhet eller dens regnskapsfører krav, betalinger og frister slik Min side viser dem — i et testmiljø med
        oppdiktede personer og virksomheter.
      </Paragraph>
      <Paragraph hasSpacing>Du logger inn med en testperson, og velger deretter hvilken virksomhet du vil representere.</Paragraph>
      <Button svgPath={LockOutlineSVGpath} onClick={loggInn}>
        Logg inn
      </Button>
    </>
  );
}
