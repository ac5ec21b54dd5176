/**
 * The `log-proof` bench's client, in a process of its own as a real client is: it asks for
 * `count` inclusion proofs of random leaves at `size` over HTTP, one after another on one
 * keep-alive connection, checks each answer and prints the times (ms) as JSON. Run in the
 * server's process, the client's own work (fetch, JSON parsing) ran on the server's event loop
 * and was counted as the server's; here only the machine is shared, as it would be on loopback.
 *
 *   node --import tsx scripts/bench/public-log/proof-client.ts URL SIZE COUNT
 */
const [url, sizeArg, countArg] = process.argv.slice(2);
const size = Number(sizeArg);
const count = Number(countArg);
if (!url || !(size > 0) || !(count > 0)) throw new Error('usage: proof-client.ts URL SIZE COUNT');

// Warm-up, untimed: the first request opens the connection and loads fetch's own code, and the
// first few dozen run before either process's JIT has compiled the path (a server answers
// thousands; its steady state is what the bar is about). 50 requests, within the route's budget.
for (let k = 0; k < 50; k++) await (await fetch(`${url}/log/proof/inclusion?leaf=${k % size}&size=${size}`)).text();
const times: number[] = [];
for (let k = 0; k < count; k++) {
  const leaf = Math.floor(Math.random() * size);
  const s = performance.now();
  const r = await fetch(`${url}/log/proof/inclusion?leaf=${leaf}&size=${size}`);
  const body = (await r.json()) as { inclusionProof?: string[] };
  times.push(performance.now() - s);
  if (r.status !== 200 || !body.inclusionProof?.length) throw new Error(`proof of ${leaf}: ${r.status} ${JSON.stringify(body)}`);
}
process.stdout.write(JSON.stringify(times));
