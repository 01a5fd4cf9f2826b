import Fastify from 'fastify';

/**
 * The baseline for aapnekrav.bench.ts, in its own process like ours: a bare Fastify route that
 * answers each path with the bytes our server gave for it, from memory (no token check, no
 * database, no mapping). Argument: the port; stdin: `{ "<path>": "<body>", … }`.
 */
const port = Number(process.argv[2]);
let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const bodies = new Map(Object.entries(JSON.parse(input) as Record<string, string>));

const app = Fastify({ logger: false });
app.get('/*', async (request, reply) => {
  const body = bodies.get(request.url);
  if (body === undefined) return reply.code(404).send();
  return reply.type('application/json; charset=utf-8').send(body);
});
await app.listen({ port, host: '127.0.0.1' });
console.log('ready');
