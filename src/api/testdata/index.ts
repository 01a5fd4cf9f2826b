/** The sandbox's test-support API (decision 0176): what `server.ts` registers. */
export { testdataFrameworkErrorRoute, testdataPlugin, testdataPrefix, type TestdataOptions } from './plugin.js';
export { testdataTag, testdataTagDescription } from './openapi-docs.js';
export { testdataErrors, type TestdataErrorCode } from './errors.js';
