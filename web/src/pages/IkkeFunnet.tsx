import { Link } from '@skatteetaten/ds-buttons';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';

export function IkkeFunnet() {
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        Fant ikke siden
      </Heading>
      <Paragraph hasSpacing>Siden finnes ikke i Min side.</Paragraph>
      <Link href="/">Til oversikten</Link>
    </>
  );
}
