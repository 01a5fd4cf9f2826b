import { Link } from '@skatteetaten/ds-buttons';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';

/** An address naming a business the person may not act for (or none that exists): said plainly, with a way on. */
export function IkkeTilgang() {
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Du kan ikke representere denne virksomheten
      </Heading>
      <Paragraph hasSpacing>Adressen gjelder en virksomhet du ikke har en rolle for, eller som ikke finnes i testmiljøet.</Paragraph>
      <Link href="/velg-virksomhet">Velg en virksomhet du kan representere</Link>
    </>
  );
}
