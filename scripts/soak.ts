/**
 * The bench's `soak` scenario (issue 10): each attack a public line server
 * meets, replayed for a bounded time against one real server process while
 * polite clients query beside it — then a pause, and (with --soak-table)
 * one table row per attack: what the polite clients got (replies, p50/p99
 * latency, failures), how often an attacker was dropped without a line
 * saying why, the server's memory before / at its peak / after the pause,
 * and whether it still answers. It ends with one summary line.
 *
 * A server that dies or stops answering is reported and replaced for the
 * next attack; every wait here has a deadline, so the soak itself ends.
 * All traffic stays on 127.0.0.0/8.
 *
 *   node dist/scripts/bench.js --scenario soak --soak-table          # every attack, 5 s each, 30 s pause
 *   node dist/scripts/bench.js --scenario soak --soak-attacks hoard,ayt --duration 5 --soak-settle 5
 */
import { request, Agent } from 'node:http';
import type { Socket } from 'node:net';
import { formatMegabytes, formatMs, formatNumber, type SummaryRecord } from './bench-report.js';
import { connectSocket, LineClient } from './line-client.js';
import { readRssBytes } from './process-usage.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { percentile } from './stats.js';

const IAC = 0xff;
const DO = 0xfd;
const WILL = 0xfb;
const AYT = 0xf6;
const TIMING_MARK = 0x06;
const PROMPT = '?> ';
/** Polite clients come from here; attackers from 127.0.0.2 on, so a per-address cap on them spares the polite. */
const POLITE_ADDRESS = '127.0.0.1';
const CONNECT_TIMEOUT_MS = 5_000;
const CONTROL_TIMEOUT_MS = 10_000;
/** A polite client waits this long for a reply before it counts a timeout. */
const REPLY_TIMEOUT_MS = 10_000;
/** At the end of an attack, a client that never read reads for this long: to see what the server last said, and whether it had hung up. */
const FINAL_READ_MS = 2_000;
/** The most connections any attack holds at once (the connection flood: TCP and HTTP each). */
export const MAX_FLOOD_CONNECTIONS = 300;

const SMALL_QUERIES = ['cat face', 'registered', 'U+1F638', 'chess black king', 'snowman', 'greek small letter alpha', 'euro', 'rook'];

export interface SoakSettings {
  /** How long each attack runs. */
  seconds: number;
  /** Seconds to wait after each attack before the last RSS reading and the control query. */
  settleS: number;
  /** Polite connections, each a closed loop of small queries. */
  polite: number;
  /** Attack ids to run (undefined: all). */
  attacks?: string[];
  /** Print the table, one row per attack, before the summary line. */
  table: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const attackerAddress = (k: number) => `127.0.0.${2 + (k % 200)}`;

// ---------------------------------------------------------------- costly lines

let freshWords = 0;
/** Words that are in character names and short enough for 300 of them in one line. */
const SHORT_NAME_WORDS = [...'abcdefghijklmnopqrstuvwxyz', 'ox', 'up', 'of', 'on', 'ka', 'ta', 'na', 'ma', 'ra', 'la', 'pa', 'ba', 'da', 'ga', 'ha', 'ya', 'wa', 'sa'];

/** The three lines of the issue that cost the server most per byte; each a little different, so no cache answers it. */
function costlyLine(kind: number): string {
  switch (kind % 3) {
    case 0:
      return 'a* '.repeat(330) + `zq${(freshWords++).toString(36)}`;
    case 1:
      return '"a b" '.repeat(170).trimEnd();
    default:
      return Array.from({ length: 300 }, () => pick(SHORT_NAME_WORDS)).join(' ');
  }
}

// ---------------------------------------------------------------- connections and what they saw

/** An attacker's connection within CONNECT_TIMEOUT_MS; one that arrives too late is closed. */
const connectWithin = (port: number, localAddress: string) => connectSocket(port, { localAddress, allowHalfOpen: false, timeoutMs: CONNECT_TIMEOUT_MS });

/** A line a server sends before it hangs up on purpose: an error, the idle notice, the shutdown notice. */
const EXPLAINED_CLOSE = /^(error: |idle for |server shutting down|interrupted: )/;
/** An HTTP connection is hung up on with a reason when a response (a 408, a 503…) came before the close. */
const HTTP_RESPONSE = /^HTTP\/1\.[01] \d{3} /m;

/** Whether a connection's last words explained its close. */
type Explains = (tail: string) => boolean;
const lineProtocolExplains: Explains = (tail) => EXPLAINED_CLOSE.test(lastLine(tail));
const httpExplains: Explains = (tail) => HTTP_RESPONSE.test(tail);

/** What attackers saw of the server's hang-ups. */
interface AttackTally {
  connections: number;
  connectFailures: number;
  /** The server closed or reset the connection. */
  serverCloses: number;
  /** …and the last line the attacker had received did not say why. */
  silentCloses: number;
  /** Attack-specific counts for the notes column. */
  counts: Map<string, number>;
}

function newAttackTally(): AttackTally {
  return { connections: 0, connectFailures: 0, serverCloses: 0, silentCloses: 0, counts: new Map() };
}

function bump(tally: AttackTally, what: string, by = 1): void {
  tally.counts.set(what, (tally.counts.get(what) ?? 0) + by);
}

/** The last complete line in what a connection received, prompts and telnet commands taken off. */
function lastLine(tail: string): string {
  const lines = tail
    .replace(/\xff[\xfb-\xfe][\s\S]|\xff[\xf0-\xfa]/g, '')
    .split('\n')
    .slice(0, -1)
    .map((line) => line.replace(/\r$/, '').replace(/^(\?> )+/, ''))
    .filter((line) => line !== '');
  return lines.at(-1) ?? '';
}

/** An attacker's connection, watched for the server hanging up. */
class Watched {
  /** The last few KB received (latin1: the lines that matter are ASCII). */
  tail = '';
  /** Prompts received so far: replies answered. */
  prompts = 0;
  private closedByUs = false;
  private closedByServer = false;
  readonly closed: Promise<void>;

  constructor(
    readonly socket: Socket,
    tally: AttackTally,
    sockets: Set<Socket>,
    explains: Explains,
  ) {
    tally.connections++;
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      // A prompt may be split between two chunks: count in what is new plus the two bytes before it.
      this.prompts += (this.tail.slice(-2) + text).split(PROMPT).length - 1;
      this.tail = (this.tail + text).slice(-4096);
    });
    socket.on('end', () => (this.closedByServer = !this.closedByUs));
    socket.on('error', () => (this.closedByServer ||= !this.closedByUs));
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        sockets.delete(socket);
        if (this.closedByServer) {
          tally.serverCloses++;
          if (!explains(this.tail)) tally.silentCloses++;
        }
        resolve();
      }),
    );
  }

  get open(): boolean {
    return !this.socket.destroyed;
  }

  /** Writes, then waits for the kernel to take it (or the connection to go, or `until`). */
  async write(data: Buffer | string, until: number): Promise<void> {
    if (!this.open) return;
    if (this.socket.write(data)) return;
    await this.whicheverFirst('drain', until);
  }

  /** Ends the attacker's side: reads what is left for a moment, then closes. */
  async finish(): Promise<void> {
    if (this.open) {
      this.socket.resume();
      await Promise.race([this.closed, sleep(FINAL_READ_MS)]);
    }
    this.closedByUs = !this.closedByServer;
    this.socket.destroy();
    await this.closed;
  }

  /** Resolves on `event`, on the connection closing, or at `until`, whichever comes first. */
  whicheverFirst(event: string, until: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.socket.off(event, done).off('close', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, until - Date.now()));
      this.socket.once(event, done).once('close', done);
    });
  }
}

/** Everything an attack needs: where the server is, when to stop, where to count. */
interface AttackRun {
  port: number;
  httpPort: number;
  until: number;
  tally: AttackTally;
  /** Every socket the attack has open, closed for certain when it ends. */
  sockets: Set<Socket>;
}

/** Opens an attacker connection; undefined (counted) if the server would not take it. */
async function attackerConnection(run: AttackRun, k: number, port = run.port): Promise<Watched | undefined> {
  try {
    return new Watched(await connectWithin(port, attackerAddress(k)), run.tally, run.sockets, port === run.httpPort ? httpExplains : lineProtocolExplains);
  } catch {
    run.tally.connectFailures++;
    await sleep(100); // a refused connection is retried, not in a tight loop
    return undefined;
  }
}

/**
 * One attacker: `session` on a connection until it ends or the server hangs
 * up, then a new connection, until the attack's time is up.
 */
async function keepAttacking(run: AttackRun, k: number, session: (conn: Watched) => Promise<void>, port = run.port): Promise<void> {
  while (Date.now() < run.until) {
    const conn = await attackerConnection(run, k, port);
    if (!conn) continue;
    await session(conn).catch(() => {});
    if (conn.open) await Promise.race([conn.closed, sleep(run.until - Date.now())]);
    await conn.finish();
    await sleep(50); // hung up on at once, it does not come back in a tight loop
  }
}

/** Writes `chunk` again and again, never reading, until the time is up or the server hangs up. */
async function floodWith(run: AttackRun, k: number, chunk: () => Buffer): Promise<void> {
  await keepAttacking(run, k, async (conn) => {
    conn.socket.pause();
    while (conn.open && Date.now() < run.until) {
      const data = chunk();
      await conn.write(data, run.until);
      bump(run.tally, 'MB sent', data.length / 1048576);
    }
  });
}

/** Sends `lines` in one write and waits (up to `timeoutMs`) for as many prompts. */
async function pipelined(conn: Watched, lines: string[], until: number, timeoutMs: number): Promise<number> {
  const before = conn.prompts;
  await conn.write(lines.map((line) => line + '\r\n').join(''), until);
  const deadline = Math.min(until, Date.now() + timeoutMs);
  while (conn.open && Date.now() < deadline && conn.prompts - before < lines.length) await conn.whicheverFirst('data', deadline);
  return conn.prompts - before;
}

// ---------------------------------------------------------------- the attacks

interface Attack {
  id: string;
  name: string;
  run(run: AttackRun): Promise<void>;
}

const repeated = (bytes: number[], times: number) => Buffer.from(Array.from({ length: times }, () => bytes).flat());

const ATTACKS: Attack[] = [
  { id: 'baseline', name: 'none (polite clients alone)', run: async () => {} },
  {
    id: 'ayt',
    name: 'AYT flood, never reading (8 conns)',
    run: async (run) => {
      const chunk = repeated([IAC, AYT], 2048);
      await Promise.all(Array.from({ length: 8 }, (_, k) => floodWith(run, k, () => chunk)));
    },
  },
  {
    id: 'timing-mark',
    name: 'DO TIMING-MARK / DO x, WILL x flood, never reading (8 conns)',
    run: async (run) => {
      const timingMarks = repeated([IAC, DO, TIMING_MARK], 1365);
      // Every option but IAC itself, asked for and offered.
      const everyOption = Buffer.from(Array.from({ length: 255 }, (_, x) => [IAC, DO, x, IAC, WILL, x]).flat());
      await Promise.all(Array.from({ length: 8 }, (_, k) => floodWith(run, k, () => (k % 2 === 0 ? timingMarks : everyOption))));
    },
  },
  {
    id: 'costly',
    name: 'costly lines, pipelined four at a time (4 conns)',
    run: async (run) => {
      await Promise.all(
        Array.from({ length: 4 }, (_, k) =>
          keepAttacking(run, k, async (conn) => {
            let kind = k;
            while (conn.open && Date.now() < run.until) {
              const lines = Array.from({ length: 4 }, () => costlyLine(kind++));
              bump(run.tally, 'costly replies', await pipelined(conn, lines, run.until, REPLY_TIMEOUT_MS));
            }
          }),
        ),
      );
    },
  },
  {
    id: 'hoard',
    name: 'hoarders: cjk, never reading (16 conns)',
    run: async (run) => {
      await Promise.all(
        Array.from({ length: 16 }, (_, k) =>
          keepAttacking(run, k, async (conn) => {
            conn.socket.pause();
            await conn.write('cjk\r\n', run.until);
            bump(run.tally, 'cjk asked');
          }),
        ),
      );
    },
  },
  {
    id: 'slowloris',
    name: 'slowloris: a byte every 3 s, no line end (50 conns)',
    run: async (run) => {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          keepAttacking(run, k, async (conn) => {
            while (conn.open && Date.now() < run.until) {
              await conn.write('r', run.until);
              await Promise.race([conn.closed, sleep(Math.min(3000, run.until - Date.now()))]);
            }
          }),
        ),
      );
    },
  },
  {
    id: 'conn-flood',
    name: `connection flood: ${MAX_FLOOD_CONNECTIONS} idle TCP + ${MAX_FLOOD_CONNECTIONS} idle HTTP from 32 addresses`,
    run: async (run) => {
      const idle = (k: number, port: number) => keepAttacking(run, k % 32, () => Promise.resolve(), port);
      const holders: Promise<void>[] = [];
      for (let k = 0; k < MAX_FLOOD_CONNECTIONS; k++) {
        holders.push(idle(k, run.port), idle(k, run.httpPort));
        if (k % 25 === 24) await sleep(20); // a ramp, not one SYN storm
      }
      await Promise.all(holders);
    },
  },
  {
    id: 'http-costly',
    name: 'HTTP /api/search with the costly lines, as fast as allowed (8 addresses)',
    run: async (run) => {
      await Promise.all(Array.from({ length: 8 }, (_, k) => httpCostlyClient(run, k)));
    },
  },
  {
    id: 'runaway',
    name: 'runaway: 8 MB with no line end (4 conns)',
    run: async (run) => {
      const megabyte = Buffer.alloc(1048576, 0x41);
      await Promise.all(
        Array.from({ length: 4 }, (_, k) =>
          keepAttacking(run, k, async (conn) => {
            for (let sent = 0; sent < 8 && conn.open && Date.now() < run.until; sent++) {
              await conn.write(megabyte, run.until);
              bump(run.tally, 'MB sent');
            }
          }),
        ),
      );
    },
  },
];

/** One address's closed loop of costly API requests; a 429 is waited out as its Retry-After says. */
async function httpCostlyClient(run: AttackRun, k: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let kind = k;
  try {
    while (Date.now() < run.until) {
      const path = `/api/search?${new URLSearchParams({ q: costlyLine(kind++), limit: '100' })}`;
      const { status, retryAfter } = await new Promise<{ status: string; retryAfter: number }>((resolve) => {
        const req = request({ host: '127.0.0.1', port: run.httpPort, path, localAddress: attackerAddress(k), agent, timeout: REPLY_TIMEOUT_MS }, (response) => {
          response.resume();
          response.on('end', () => resolve({ status: String(response.statusCode), retryAfter: Number(response.headers['retry-after'] ?? 0) }));
          response.on('error', () => resolve({ status: 'error', retryAfter: 0 }));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', (error) => resolve({ status: error.message === 'timeout' ? 'timeout' : 'error', retryAfter: 0 }));
        req.end();
      });
      bump(run.tally, `HTTP ${status}`);
      if (status === '429') await sleep(Math.min(retryAfter * 1000 || 1000, run.until - Date.now()));
      else if (status === 'error') await sleep(100);
    }
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------- polite clients

interface PoliteTally {
  replies: number;
  latenciesMs: number[];
  failures: { error: number; close: number; timeout: number };
}

/** How a polite client's wait failed, from LineClient's error codes (CLOSED, TIMEOUT) or the socket's. */
function failureKind(error: unknown): keyof PoliteTally['failures'] {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'TIMEOUT' ? 'timeout' : code === 'CLOSED' ? 'close' : 'error';
}

async function politeClient(port: number, until: number, tally: PoliteTally): Promise<void> {
  while (Date.now() < until) {
    let client: LineClient | undefined;
    try {
      client = (await LineClient.ready(port, { localAddress: POLITE_ADDRESS, allowHalfOpen: false, timeoutMs: CONNECT_TIMEOUT_MS, keepReceived: false })).client;
      while (Date.now() < until) {
        const asked = performance.now();
        client.send(pick(SMALL_QUERIES) + '\r\n');
        await client.untilPrompt(REPLY_TIMEOUT_MS);
        tally.latenciesMs.push(performance.now() - asked);
        tally.replies++;
      }
    } catch (error) {
      tally.failures[failureKind(error)]++;
      await sleep(100);
    } finally {
      client?.close();
    }
  }
}

// ---------------------------------------------------------------- the server under test

interface Server {
  process: ServerProcess;
  httpPort: number;
  exitCode: number | null | undefined;
}

async function startServer(): Promise<Server> {
  const process = await startServerProcess(['--http', '0']);
  const server: Server = { process, httpPort: process.httpPort!, exitCode: undefined };
  void process.exited.then((code) => (server.exitCode = code));
  return server;
}

/** 'yes' when a control query is answered in time; otherwise why not. */
async function answers(server: Server): Promise<string> {
  if (server.exitCode !== undefined) return `no: exited (${server.exitCode ?? 'signal'})`;
  let client: LineClient | undefined;
  try {
    client = (await LineClient.ready(server.process.port, { localAddress: POLITE_ADDRESS, timeoutMs: CONTROL_TIMEOUT_MS })).client;
    client.send('registered\r\n');
    await client.untilPrompt(CONTROL_TIMEOUT_MS);
    return 'yes';
  } catch (error) {
    await sleep(100);
    if (server.exitCode !== undefined) return `no: exited (${server.exitCode ?? 'signal'})`;
    return `no: stalled (${(error as Error).message})`;
  } finally {
    client?.close();
  }
}

async function stopServer(server: Server): Promise<void> {
  if (server.exitCode === undefined) await server.process.stop();
}

// ---------------------------------------------------------------- one attack, one row

interface Row {
  attack: string;
  replies: number;
  p50: number;
  p99: number;
  failures: PoliteTally['failures'];
  silentCloses: number;
  serverCloses: number;
  rss: { before?: number; peak: number; after?: number };
  /** The server's JavaScript heap in use after the pause, from its answer to SIGHUP. */
  heapAfter?: number;
  alive: string;
  notes: string;
}

async function runAttack(attack: Attack, server: Server, options: SoakSettings): Promise<Row> {
  const pid = server.process.pid;
  const rssBefore = readRssBytes(pid);
  let rssPeak = rssBefore ?? 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, readRssBytes(pid) ?? 0)), 100);

  const until = Date.now() + options.seconds * 1000;
  const polite: PoliteTally = { replies: 0, latenciesMs: [], failures: { error: 0, close: 0, timeout: 0 } };
  const run: AttackRun = { port: server.process.port, httpPort: server.httpPort, until, tally: newAttackTally(), sockets: new Set() };
  const politeClients = Array.from({ length: options.polite }, () => politeClient(run.port, until, polite));
  // However an attack goes, it is over a little after its time: what it still holds is closed.
  const attacking = attack.run(run).catch((error: Error) => bump(run.tally, `soak error: ${error.message}`));
  await Promise.race([Promise.all([attacking, ...politeClients]), sleep(options.seconds * 1000 + FINAL_READ_MS + REPLY_TIMEOUT_MS + 5_000)]);
  for (const socket of run.sockets) socket.destroy();

  await sleep(options.settleS * 1000);
  clearInterval(sampler);
  const rssAfter = readRssBytes(pid);
  const heapAfter = await heapInUse(server);
  const alive = await answers(server);
  const connectFailures = run.tally.connectFailures ? [`${run.tally.connectFailures} connects failed`] : [];
  const notes = [
    ...(run.tally.connections > 0 ? [`${run.tally.connections} attacker conns, ${run.tally.serverCloses} closed by server`] : []),
    ...connectFailures,
    ...[...run.tally.counts].map(([what, n]) => (what === 'MB sent' ? `${n.toFixed(0)} MB sent` : `${what} ${n}`)),
  ].join('; ');
  return {
    attack: attack.name,
    replies: polite.replies,
    p50: percentile(polite.latenciesMs, 0.5),
    p99: percentile(polite.latenciesMs, 0.99),
    failures: polite.failures,
    silentCloses: run.tally.silentCloses,
    serverCloses: run.tally.serverCloses,
    rss: { before: rssBefore, peak: rssPeak, after: rssAfter },
    heapAfter,
    alive,
    notes: attack.id === 'baseline' ? '' : notes,
  };
}

/** Asks the server for its memory (it logs it on SIGHUP) and reads the heap in use from the log, within 2 s. */
async function heapInUse(server: Server): Promise<number | undefined> {
  const seen = (server.process.log().match(/SIGHUP: ignored/g) ?? []).length;
  try {
    process.kill(server.process.pid, 'SIGHUP');
  } catch {
    return undefined;
  }
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline) {
    const lines = server.process.log().match(/SIGHUP: ignored.*heap (\d+) MB used/g) ?? [];
    if (lines.length > seen) return Number(/heap (\d+) MB used/.exec(lines.at(-1)!)![1]) * 1048576;
    await sleep(20);
  }
  return undefined;
}

const mb = (bytes: number | undefined) => (bytes === undefined ? "–" : (bytes / 1e6).toFixed(0));
const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(0));

function formatRow(row: Row): string {
  const { error, close, timeout } = row.failures;
  const failures = error + close + timeout === 0 ? '0' : `${error + close + timeout} (${error} err, ${close} closed, ${timeout} timeout)`;
  const cells = [row.attack, row.replies.toLocaleString('en-US'), ms(row.p50), ms(row.p99), failures, String(row.silentCloses), `${mb(row.rss.before)} / ${mb(row.rss.peak)} / ${mb(row.rss.after)}`, mb(row.heapAfter), row.alive, row.notes];
  return `| ${cells.join(' | ')} |`;
}

export const ATTACK_IDS = ATTACKS.map((attack) => attack.id);

/** Every chosen attack in turn against one server (a fresh one after a server that stopped answering); one summary line. */
export async function runSoak(options: SoakSettings): Promise<SummaryRecord> {
  const unknown = options.attacks?.filter((id) => !ATTACK_IDS.includes(id)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown attack ${unknown.join(', ')}; the attacks: ${ATTACK_IDS.join(', ')}`);
  const attacks = ATTACKS.filter((attack) => !options.attacks || options.attacks.includes(attack.id));
  const details = options.table
    ? [
        `soak: ${attacks.length} attacks, ${options.seconds} s each beside ${options.polite} polite connections (small queries, reply timeout ${REPLY_TIMEOUT_MS / 1000} s), then ${options.settleS} s before the last reading`,
        '',
        `| attack | polite replies | p50 ms | p99 ms | polite failures | silent closes | RSS MB before / peak / ${options.settleS} s after | heap MB after | alive | notes |`,
        '|---|---:|---:|---:|---|---:|---|---:|---|---|',
      ]
    : [];
  const rows: Row[] = [];
  let server = await startServer();
  try {
    for (const attack of attacks) {
      if (rows.length > 0 && rows.at(-1)!.alive !== 'yes') {
        await stopServer(server);
        server = await startServer();
        process.stderr.write(`soak: a new server (pid ${server.process.pid}) for the next attack\n`);
      }
      process.stderr.write(`soak: ${attack.id} against pid ${server.process.pid} (TCP ${server.process.port}, HTTP ${server.httpPort})\n`);
      const row = await runAttack(attack, server, options);
      rows.push(row);
      if (options.table) details.push(formatRow(row));
    }
  } finally {
    await stopServer(server);
  }
  if (options.table) details.push('');
  return { scenario: 'soak', counts: `attacks=${attacks.length} ${options.seconds}s`, summary: summarizeRows(rows), details, ok: rows.every((row) => row.alive === 'yes') };
}

/** The whole soak in one line: what the polite clients got at worst, attackers dropped silently, peak memory, whether every attack left the server answering. */
function summarizeRows(rows: Row[]): string {
  const sum = (of: (row: Row) => number) => rows.reduce((total, row) => total + of(row), 0);
  const failures = sum((row) => row.failures.error + row.failures.close + row.failures.timeout);
  const worst = rows.reduce((a, b) => (b.p99 > a.p99 ? b : a));
  const down = rows.filter((row) => row.alive !== 'yes').map((row) => `${row.attack}: ${row.alive}`);
  const peak = rows.reduce((a, b) => (b.rss.peak > a.rss.peak ? b : a));
  return [
    `polite replies=${formatNumber(sum((row) => row.replies), 0)} failures=${failures}`,
    `worst p99=${formatMs(worst.p99)} (${worst.attack})`,
    `silent closes=${sum((row) => row.silentCloses)}`,
    `server-rss peak=${formatMegabytes(peak.rss.peak)} (${peak.attack})`,
    down.length === 0 ? 'answering after every attack: yes' : `! NOT answering after: ${down.join('; ')}`,
  ].join('  ');
}
