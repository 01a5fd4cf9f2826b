export { KravOgBetalingerKlient, maksForsoekPaaNytt, type KlientOptions, type Periode, type AapneKrav, type Krav, type Innbetalinger, type Utbetalinger, type Endring, type Kalender, type Frister } from './klient.js';
export { ApiFeil, TokenFeil } from './feil.js';
export { sandkasse, skatteetatenTest, skatteetatenProduksjon, type Miljoe } from './miljoe.js';
export { grantLifetimeSeconds, tokenRequestBody, signGrant, importNoekkel, type Noekkel, type Fullmakt } from './maskinporten.js';
export type { paths, components } from './generated/api.js';
