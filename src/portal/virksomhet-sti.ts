/**
 * Where a business's pages live in Min side: `/virksomhet/{orgnr}/…` (decision 0101). The
 * business is part of the address, so each tab shows and acts for the one it names.
 */
export function virksomhetSti(orgnr: string, side = ''): string {
  return `/virksomhet/${orgnr}/${side}`;
}
