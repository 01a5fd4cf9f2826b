import { DescriptionList } from '@skatteetaten/ds-content';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { formatOrganisasjonsnummer } from '../../../src/domain/format';
import { grunnlagTekst } from '../grunnlag';
import { KravOversikt } from '../reskontro/KravOversikt';
import { useValgtVirksomhet } from '../valgt-virksomhet';

/** The chosen business, why the person may act for it, and its claims in sum. */
export function Oversikt() {
  const { virksomhet } = useValgtVirksomhet();
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        {virksomhet.navn}
      </Heading>
      <Paragraph hasSpacing>Du representerer denne virksomheten i testmiljøet for krav og betalinger.</Paragraph>
      <DescriptionList>
        <DescriptionList.Element term="Organisasjonsnummer">{formatOrganisasjonsnummer(virksomhet.orgnr)}</DescriptionList.Element>
        {virksomhet.organisasjonsform && (
          <DescriptionList.Element term="Organisasjonsform">{virksomhet.organisasjonsform}</DescriptionList.Element>
        )}
        <DescriptionList.Element term="Din rolle">{grunnlagTekst(virksomhet.grunnlag)}</DescriptionList.Element>
      </DescriptionList>
      <KravOversikt />
    </>
  );
}
