/**
 * Deploy check: the shipped HAProxy config (deploy/haproxy.cfg) in front of
 * two charfinder replicas started with the flags of deploy/charfinder@.service,
 * all on 127.0.0.1. Many clients through the balancer, every reply compared
 * with a replica's own; the spread over both replicas; the per-client cap;
 * the health check passing for a replica and failing for an impostor that
 * answers wrongly; one replica killed while clients keep connecting; latency
 * through the balancer vs direct. Then everything stops, and a report.
 *
 *   apt-get install -y haproxy
 *   node dist/scripts/deploy-check.js [--clients 200] [--samples 400]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { freePort } from './free-port.js';
import { LineClient } from './line-client.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { percentile } from './stats.js';

const argv = yargs(hideBin(process.argv))
  .option('clients', { type: 'number', default: 200, describe: 'clients connected through the balancer at once' })
  .option('samples', { type: 'number', default: 400, describe: 'queries timed direct and through the balancer, each' })
  .strict()
  .parseSync();

const CLI = fileURLToPath(new URL('../charfinder.cjs', import.meta.url));
const HAPROXY_CONFIG = fileURLToPath(new URL('../../deploy/haproxy.cfg', import.meta.url));
const SYSTEMD_UNIT = fileURLToPath(new URL('../../deploy/charfinder@.service', import.meta.url));
const QUERIES = ['cat face', 'registered', 'chess black king', 'snowman', 'greek small letter alpha', 'U+1F638', '😸é→', 'white bishop'];
const QUERIES_PER_CLIENT = 5;
const PROMPT = '?> ';
/** The whole check gives up after this, whatever it is waiting for. */
const WATCHDOG_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const n = (value: number) => value.toLocaleString('en-US');
const failures: string[] = [];
const children = new Set<ChildProcess>();
const directory = mkdtempSync(join(tmpdir(), 'charfinder-deploy-'));

function expect(ok: boolean, failure: string): boolean {
  if (!ok) failures.push(failure);
  return ok;
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

/** Connected and greeted (the shared client, holding only what is unread); rejects if the connection closes before the prompt. */
async function open(port: number, localAddress = '127.0.0.1'): Promise<LineClient> {
  return (await LineClient.ready(port, { localAddress, keepReceived: false, timeoutMs: 5000 })).client;
}

/** A reply's text, prompt excluded. */
async function ask(client: LineClient, query: string): Promise<string> {
  client.send(query + '\r\n');
  return client.untilPrompt(5000);
}

/** The other side is done sending: a FIN (HAProxy passing on a dead replica's) or a close. */
const hungUp = (client: LineClient) => client.ended || client.closed;

/** A replica started with the systemd unit's own flags; its log is kept to count its sessions. */
class Replica {
  port = 0;
  server!: ServerProcess;

  constructor(readonly args: string[]) {}

  get log(): string {
    return this.server.log();
  }

  async started(): Promise<this> {
    // args start with `serve`, which startServerProcess adds itself.
    this.server = await startServerProcess(this.args.slice(1), { stderr: 'log' });
    this.port = this.server.port;
    return this;
  }

  /** Sessions that ended after exactly this many queries (the health check's ask one). */
  sessionsAsking(queries: number): number {
    return this.log.split('\n').filter((line) => line.includes(` after ${queries} quer`)).length;
  }
}

/** `serve` and its flags from the unit's ExecStart, with this check's address, port and log level. */
function replicaArguments(unit: string): string[] {
  const execStart = /^ExecStart=((?:.*\\\n)*.*)/m.exec(unit)?.[1].replace(/\\\n/g, ' ');
  if (!execStart) throw new Error(`${SYSTEMD_UNIT}: no ExecStart`);
  const words = execStart.trim().split(/\s+/);
  const args = words.slice(words.indexOf('serve'));
  const value = (flag: string) => {
    if (!args.includes(flag)) throw new Error(`${SYSTEMD_UNIT}: ExecStart has no ${flag}`);
    return args.indexOf(flag) + 1;
  };
  args[value('--host')] = '127.0.0.1';
  args[value('--port')] = '0';
  // Sessions are counted from the replicas' connection log.
  args[value('--log')] = 'connections';
  return args;
}

/**
 * The shipped config with only what differs on a test machine replaced: the
 * `global` section (no chroot, user, daemon or syslog; a private stats
 * socket), the bind address and the server addresses. A copy of the backend
 * checks an impostor, to show the health check fails for a wrong answer.
 */
function balancerConfig(shipped: string, bindPort: number, replicaPorts: number[], impostorPort: number, statsSocket: string): string {
  const sections: string[][] = [];
  for (const line of shipped.split('\n')) {
    if (/^[a-z]/.test(line) || sections.length === 0) sections.push([line]);
    else sections.at(-1)!.push(line);
  }
  const output: string[] = [];
  for (const section of sections) {
    const kind = section[0].split(/\s+/)[0];
    if (kind === 'global') {
      output.push('global', '    maxconn 4096', `    stats socket ${statsSocket} mode 600 level admin`, '    hard-stop-after 5s', '');
      continue;
    }
    const servers = section.filter((line) => /^\s+server\s/.test(line));
    const replaced = section.map((line) => line.replace(/^(\s+bind\s+)\S+/, `$1127.0.0.1:${bindPort}`)).filter((line) => !servers.includes(line));
    if (servers.length > 0) {
      const [, , , options] = /^\s+server\s+(\S+)\s+(\S+)\s*(.*)$/.exec(servers[0])!;
      const at = section.indexOf(servers[0]);
      replaced.splice(at, 0, ...replicaPorts.map((port) => `    server replica${port} 127.0.0.1:${port} ${options}`.trimEnd()));
      if (kind === 'backend') {
        output.push(...replaced);
        const impostor = section.filter((line) => !servers.includes(line)).map((line) => line.replace(/^backend\s+(\S+)/, 'backend $1-impostor'));
        impostor.splice(at, 0, `    server impostor 127.0.0.1:${impostorPort} ${options}`.trimEnd(), '');
        output.push(...impostor);
        continue;
      }
    }
    output.push(...replaced);
  }
  return output.join('\n');
}

/** Speaks the protocol, but its index is empty: every query has 0 matches. */
async function startImpostor(): Promise<{ port: number; close(): void }> {
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.write('charfinder 0.1.0 — Unicode 17.0.0 — 0 characters\r\n' + PROMPT);
    socket.on('data', (data) => {
      for (const line of data.toString('utf8').split('\r\n').slice(0, -1)) socket.write(`0 matches for '${line}'\r\n` + PROMPT);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

type ServerStats = Record<string, string>;

/** HAProxy's `show stat`, one record per backend server, by server name. */
async function balancerStats(socketPath: string): Promise<Map<string, ServerStats>> {
  const csv = await new Promise<string>((resolve, reject) => {
    const socket = connect(socketPath);
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
    socket.end('show stat\n');
  });
  const [header, ...rows] = csv.trim().split('\n');
  const fields = header.replace(/^# /, '').split(',');
  const stats = new Map<string, ServerStats>();
  for (const row of rows) {
    const record = Object.fromEntries(row.split(',').map((value, k) => [fields[k], value]));
    if (record.svname !== 'FRONTEND' && record.svname !== 'BACKEND') stats.set(record.svname, record);
  }
  return stats;
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  if ((await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) === false) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function main(): Promise<number> {
  const version = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  if (version.error) {
    console.error('deploy-check: haproxy is not installed; install it from Debian with: apt-get install -y haproxy');
    return 2;
  }
  const haproxyVersion = /version (\S+)/.exec(version.stdout)?.[1] ?? '?';
  const started = performance.now();
  const statsSocket = join(directory, 'admin.sock');
  const args = replicaArguments(readFileSync(SYSTEMD_UNIT, 'utf8'));
  const replicas = await Promise.all([new Replica(args).started(), new Replica(args).started()]);
  const [a, b] = replicas;
  const name = (replica: Replica) => `replica${replica.port}`;
  const impostor = await startImpostor();
  const bindPort = await freePort();
  const configPath = join(directory, 'haproxy.cfg');
  const shipped = readFileSync(HAPROXY_CONFIG, 'utf8');
  writeFileSync(configPath, balancerConfig(shipped, bindPort, [a.port, b.port], impostor.port, statsSocket));
  const check = spawnSync('haproxy', ['-c', '-f', configPath], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy -c rejects the test config ${configPath}:\n${check.stdout}${check.stderr}`);

  const balancer = spawn('haproxy', ['-db', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(balancer);
  let balancerLog = '';
  balancer.stdout.setEncoding('utf8').on('data', (text: string) => (balancerLog += text));
  balancer.stderr.setEncoding('utf8').on('data', (text: string) => (balancerLog += text));
  const stats = () => balancerStats(statsSocket).catch(() => undefined);
  const healthy = await waitFor('both replicas UP by the health check', 15_000, async () => {
    const servers = await stats();
    const up = servers && [a, b].every((replica) => servers.get(name(replica))?.status === 'UP' && servers.get(name(replica))?.check_status === 'L7OK');
    return up ? servers : undefined;
  });

  console.log(`deploy-check: HAProxy ${haproxyVersion} on 127.0.0.1:${bindPort} → charfinder replicas on :${a.port} and :${b.port}`);
  console.log(`  config: deploy/haproxy.cfg with a test global section, bind and server addresses (${configPath}); haproxy -c: valid`);
  console.log(`  replicas: charfinder ${args.join(' ')}  (ExecStart of deploy/charfinder@.service; port and log level replaced)`);
  const checkSteps = [...shipped.matchAll(/^\s+tcp-check (send|expect string) (".*")$/gm)].map(([, step, text]) => `${step.split(' ')[0]} ${text}`);
  console.log(`  health check (${checkSteps.join(', ')}): both replicas UP, ${healthy.get(name(a))!.check_desc}`);

  // What a replica answers directly is what every client must get through the balancer.
  const expected = new Map<string, string>();
  for (const replica of [a, b]) {
    const client = await open(replica.port);
    for (const query of QUERIES) {
      const reply = await ask(client, query);
      if (replica === a) expected.set(query, reply);
      else expect(reply === expected.get(query), `replicas disagree on ${JSON.stringify(query)}`);
    }
    client.close();
  }

  // Spread: many clients at once from 40 loopback addresses, each asking a few queries.
  const before = await stats();
  let right = 0;
  let wrong = 0;
  const clients = await Promise.all(
    Array.from({ length: argv.clients }, async (_, k) => {
      await sleep(Math.floor(k / 50) * 20); // ramp up rather than one SYN storm
      return open(bindPort, `127.0.0.${2 + (k % 40)}`);
    }),
  );
  await Promise.all(
    clients.map(async (client, k) => {
      for (let q = 0; q < QUERIES_PER_CLIENT; q++) {
        const query = QUERIES[(k + q) % QUERIES.length];
        if ((await ask(client, query)) === expected.get(query)) right++;
        else wrong++;
      }
    }),
  );
  for (const client of clients) client.close();
  const sessions = await waitFor('the replicas logging every session closed', 10_000, () => {
    const counts = [a, b].map((replica) => replica.sessionsAsking(QUERIES_PER_CLIENT));
    return counts[0] + counts[1] >= argv.clients ? counts : undefined;
  });
  const after = await stats();
  const total = (servers: Map<string, ServerStats> | undefined, replica: Replica) => Number(servers?.get(name(replica))?.stot ?? 0);
  const stot = [a, b].map((replica) => total(after, replica) - total(before, replica));
  expect(wrong === 0, `${wrong} wrong replies through the balancer`);
  expect(sessions.every((count) => count > argv.clients / 4), `connections not spread: ${sessions.join(' / ')}`);
  console.log(
    `  spread: ${n(argv.clients)} clients at once from 127.0.0.2–41, ${QUERIES_PER_CLIENT} queries each: ${n(right)} of ${n(right + wrong)} replies identical to a replica's direct reply; ` +
      `sessions per replica (their logs) ${sessions.join(' / ')}, (HAProxy stot) ${stot.join(' / ')}`,
  );

  // A client that half-closes after its queries (nc -N) still gets every reply.
  const halfClosed = await open(bindPort);
  halfClosed.socket.end('registered\r\nsnowman\r\n');
  const all = await halfClosed.untilEnd(5000);
  const bothReplies = expected.get('registered')! + PROMPT + expected.get('snowman')! + PROMPT;
  expect(all === bothReplies, `half-closed client got ${JSON.stringify(all.slice(0, 200))}`);
  console.log(`  half-close: 2 queries then FIN (like nc -N): ${all === bothReplies ? 'both replies, then the server closed' : 'WRONG'}`);

  // The per-client cap HAProxy enforces in the replicas' place.
  const capped = await Promise.all(Array.from({ length: 64 }, () => open(bindPort, '127.0.0.200')));
  const extra = await open(bindPort, '127.0.0.200').then(
    (client) => (client.close(), 'greeted'),
    (error: NodeJS.ErrnoException) => `closed by HAProxy without a greeting (${error.code === 'CLOSED' ? 'FIN' : error.code})`,
  );
  for (const client of capped) client.close();
  expect(extra.startsWith('closed'), `65th connection from one address: ${extra}`);
  console.log(`  per-client cap: 64 connections from 127.0.0.200 greeted; the 65th ${extra}`);

  // Latency, alternating between a direct connection and one through the balancer.
  const direct = await open(a.port);
  const balanced = await open(bindPort);
  const times = { direct: [] as number[], balanced: [] as number[] };
  for (let k = 0; k < argv.samples + 50; k++) {
    for (const [client, samples] of [[direct, times.direct], [balanced, times.balanced]] as const) {
      const query = QUERIES[k % QUERIES.length];
      const sent = performance.now();
      const reply = await ask(client, query);
      if (k >= 50) samples.push(performance.now() - sent); // the first 50 warm up
      expect(reply === expected.get(query), `wrong reply to ${query} while timing`);
    }
  }
  direct.close();
  balanced.close();
  const connects = { direct: [] as number[], balanced: [] as number[] };
  for (let k = 0; k < 100; k++) {
    for (const [port, samples] of [[a.port, connects.direct], [bindPort, connects.balanced]] as const) {
      const sent = performance.now();
      (await open(port)).close();
      samples.push(performance.now() - sent);
    }
  }
  const p50 = { direct: percentile(times.direct, 0.5), balanced: percentile(times.balanced, 0.5) };
  console.log(
    `  latency, ${n(argv.samples)} queries on one connection each, alternating: direct p50 ${ms(p50.direct)} p90 ${ms(percentile(times.direct, 0.9))}; ` +
      `through HAProxy p50 ${ms(p50.balanced)} p90 ${ms(percentile(times.balanced, 0.9))} (+${ms(p50.balanced - p50.direct)} at p50)`,
  );
  console.log(
    `  connect to greeting, 100 connections: direct p50 ${ms(percentile(connects.direct, 0.5))}; through HAProxy p50 ${ms(percentile(connects.balanced, 0.5))}`,
  );

  // The health check speaks the protocol: a server that answers, but wrongly, is taken out.
  const impostorStats = await waitFor('the impostor marked DOWN', 20_000, async () => {
    const server = (await stats())?.get('impostor');
    return server?.status === 'DOWN' ? server : undefined;
  });
  console.log(`  health check vs an impostor answering "0 matches for 'registered'": DOWN, ${impostorStats.check_desc}${impostorStats.last_chk}`);

  // Failover: clients hold connections, one replica dies, new clients keep coming.
  const held = await Promise.all(Array.from({ length: 20 }, (_, k) => open(bindPort, `127.0.0.${100 + k}`)));
  const beforeKill = await stats();
  const killedAt = performance.now();
  const dead = b.server.exited;
  b.server.child.kill('SIGKILL');
  // A connection made while the process is being torn down can be accepted by its socket and then cut: new clients start once it is gone.
  await dead;
  let duringDetection = 0;
  let failedDuringDetection = 0;
  const failureReasons = new Set<string>();
  let down: number | undefined;
  const watch = (async () => {
    await waitFor(`${name(b)} marked DOWN`, 15_000, async () => ((await stats())?.get(name(b))?.status === 'DOWN' ? true : undefined));
    down = performance.now() - killedAt;
  })();
  while (down === undefined && performance.now() - killedAt < 15_000) {
    try {
      const client = await open(bindPort, '127.0.0.99');
      if ((await ask(client, 'registered')) === expected.get('registered')) duringDetection++;
      else (failedDuringDetection++, failureReasons.add('wrong reply'));
      client.close();
    } catch (error) {
      failedDuringDetection++;
      failureReasons.add((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
    await sleep(100);
  }
  await watch;
  const cut = held.filter(hungUp).length;
  let survivorsRight = 0;
  for (const client of held.filter((client) => !hungUp(client))) if ((await ask(client, 'snowman')) === expected.get('snowman')) survivorsRight++;
  const afterDown = await Promise.all(Array.from({ length: 50 }, (_, k) => open(bindPort, `127.0.0.${150 + (k % 10)}`)));
  let afterRight = 0;
  await Promise.all(afterDown.map(async (client) => ((await ask(client, 'cat face')) === expected.get('cat face') ? afterRight++ : 0)));
  for (const client of [...held, ...afterDown]) client.close();
  const afterFailover = await stats();
  const downLine = new RegExp(`Server \\S+/${name(b)} is DOWN, reason: [^,]+(?:, info: "[^"]*")?`).exec(balancerLog)?.[0] ?? '(no DOWN line in its output)';
  const redispatched = Number(afterFailover?.get(name(b))?.wredis ?? 0) - Number(beforeKill?.get(name(b))?.wredis ?? 0);
  const toA = total(afterFailover, a) - total(beforeKill, a);
  expect(failedDuringDetection === 0, `${failedDuringDetection} new connections failed while ${name(b)} was being detected: ${[...failureReasons].join('; ')}`);
  expect(afterRight === afterDown.length, `${afterDown.length - afterRight} of ${afterDown.length} clients failed after ${name(b)} went DOWN`);
  expect(toA === duringDetection + afterDown.length, `${duringDetection + afterDown.length} new clients since the kill, but ${toA} sessions on ${name(a)}`);
  expect(cut + survivorsRight === held.length, `held connections: ${cut} cut, ${survivorsRight} answering, of ${held.length}`);
  console.log(`  failover: SIGKILL ${name(b)}; HAProxy: "${downLine}" ${(down! / 1000).toFixed(1)} s later`);
  console.log(
    `    ${cut} of ${held.length} held connections were on it and were cut (their clients must reconnect); the other ${survivorsRight} still answer; ` +
      `${duringDetection} new clients during detection: all answered (HAProxy first picked the dead replica for ${redispatched}, was refused, and redispatched); ` +
      `${afterRight} of ${afterDown.length} new clients after DOWN answered; all ${toA} new sessions since the kill on ${name(a)}`,
  );

  // Stop: the balancer at once, the surviving replica gracefully (SIGTERM, like systemctl stop).
  const stopping = performance.now();
  await stopProcess(balancer, 'SIGTERM', 5000);
  await a.server.stop();
  impostor.close();
  const summary = /stopped: .*/.exec(a.log)?.[0];
  expect(summary !== undefined, `${name(a)} did not log its stop: ${a.log.slice(-300)}`);
  console.log(`  stop: HAProxy and ${name(a)} stopped in ${((performance.now() - stopping) / 1000).toFixed(1)} s; ${name(a)}: ${summary}`);
  console.log(`deploy-check: ${failures.length === 0 ? 'PASS' : 'FAIL'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const failure of failures) console.log(`  ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

// Whatever happens, no replica or balancer outlives the check, nor its files.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(directory, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(1));
const watchdog = setTimeout(() => {
  console.error(`deploy-check: gave up after ${WATCHDOG_MS / 1000} s`);
  process.exit(1);
}, WATCHDOG_MS);
try {
  process.exitCode = await main();
} catch (error) {
  console.error(`deploy-check: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
}
// Sockets left open by a failed step must not keep the check alive.
process.exit();
