import { createServer } from 'node:net';

/**
 * A free loopback port. A server's public URL (and so the identity provider's issuer) must name
 * its port before the server starts, so it cannot simply listen on port 0.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
