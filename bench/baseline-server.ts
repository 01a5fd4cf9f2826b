import Fastify from 'fastify';
import pg from 'pg';

/**
 * The baselines for aapnekrav.bench.ts, in their own process like ours: a bare Fastify route that
 * answers each path with the bytes our server gave for it, from memory (no token check, no
 * database, no mapping); and, when a PostgreSQL URL is given, the same bytes read per request by
 * primary key through `pg` (`/pk/<path>`), the least a database-backed answer can cost.
 * Arguments: the port, optionally the URL; stdin: `{ "<path>": "<body>", … }`.
 */
const port = Number(process.argv[2]);
const databaseUrl = process.argv[3];
let input = '';
for await (const chunk of process.stdin) input += String(chunk);
// Bytes, as our server keeps its bodies (src/api/body-cache.ts).
const bodies = new Map(Object.entries(JSON.parse(input) as Record<string, string>).map(([path, body]) => [path, Buffer.from(body, 'utf8')]));

const app = Fastify({ logger: false });
let pool: pg.Pool | undefined;
if (databaseUrl) {
  pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query('create table if not exists bench_body (path text primary key, body text not null)');
  for (const [path, body] of bodies) await pool.query('insert into bench_body values ($1, $2) on conflict (path) do update set body = excluded.body', [path, body]);
  app.get('/pk/*', async (request, reply) => {
    const result = await pool!.query<{ body: string }>('select body from bench_body where path = $1', [request.url.slice(3)]);
    if (result.rows.length === 0) return reply.code(404).send();
    return reply.type('application/json; charset=utf-8').send(result.rows[0]!.body);
  });
}
app.get('/*', async (request, reply) => {
  const body = bodies.get(request.url);
  if (body === undefined) return reply.code(404).send();
  return reply.type('application/json; charset=utf-8').send(body);
});
await app.listen({ port, host: '127.0.0.1' });
console.log('ready');
