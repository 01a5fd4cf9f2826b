import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { kravOgBetalingerPlugin, type KravOgBetalingerOptions } from '../../../src/api/kravogbetalinger/index.js';
import { fixedClock, fixtureData, testChecker } from './test-api.js';

describe('the plugin refuses to start half-configured', () => {
  const complete: KravOgBetalingerOptions = { clock: fixedClock('2023-09-01'), checker: testChecker, data: fixtureData().data };

  it.each([
    ['without an access checker: the API is never served unprotected', { ...complete, checker: undefined }, /access checker/],
    ['without a data provider', { ...complete, data: undefined }, /data provider/],
    ['with a data provider missing a reader', { ...complete, data: { ...complete.data, utbetalinger: undefined } }, /data provider/],
    ['without a clock', { ...complete, clock: undefined }, /clock/],
  ])('%s', async (_case, options, message) => {
    const app = Fastify();
    await expect(app.register(kravOgBetalingerPlugin, options as unknown as KravOgBetalingerOptions).ready()).rejects.toThrow(message);
    await app.close();
  });

  it('starts when complete', async () => {
    const app = Fastify();
    await app.register(kravOgBetalingerPlugin, complete).ready();
    await app.close();
  });
});
