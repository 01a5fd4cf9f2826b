import { Button, Link } from '@skatteetaten/ds-buttons';
import { LockOutlineSVGpath } from '@skatteetaten/ds-icons';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { loggInn } from '../api';
import { useSandkasse } from '../miljoe';

/** The start page before login. */
export function Forside() {
  const sandkasse = useSandkasse();
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
      {sandkasse && (
        <Paragraph hasSpacing>
          Leter du etter en virksomhet med forfalte krav, en utbetaling eller en annen situasjon?{' '}
          <Link href="/testdata">Søk i testdata og logg inn som den som representerer den</Link>.
        </Paragraph>
      )}
      <Button svgPath={LockOutlineSVGpath} onClick={() => loggInn()}>
        Logg inn
      </Button>
    </>
  );
}
