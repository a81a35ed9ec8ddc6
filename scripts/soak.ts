/**
 * Soak run (issue 10): each attack a public line server meets, replayed for
 * a bounded time against one real server process while polite clients
 * query beside it — then a pause, and one table row per attack: what the
 * polite clients got (replies, p50/p99 latency, failures), how often an
 * attacker was dropped without a line saying why, the server's memory
 * before / at its peak / after the pause, and whether it still answers.
 *
 * A server that dies or stops answering is reported and replaced for the
 * next attack; every wait here has a deadline, so the soak itself ends.
 * All traffic stays on 127.0.0.0/8; `--help` is the documentation.
 *
 *   npm run soak                                   # every attack, 10 s each, 30 s pause: about 6 minutes
 *   node dist/scripts/soak.js --attacks hoard,ayt --seconds 5 --settle 5
 */
import { request, Agent } from 'node:http';
import type { Socket } from 'node:net';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readRssBytes } from './process-usage.js';
import { connectFrom, startServerProcess, type ServerProcess } from './server-process.js';
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
/** At the end of an attack, a client that never read reads for this long: to see what the server last said, and whether it had hung up. */
const FINAL_READ_MS = 2_000;
/** The most connections any attack holds at once (the connection flood: TCP and HTTP each). */
const MAX_FLOOD_CONNECTIONS = 300;

const SMALL_QUERIES = ['cat face', 'registered', 'U+1F638', 'chess black king', 'snowman', 'greek small letter alpha', 'euro', 'rook'];

const options = yargs(hideBin(process.argv))
  .scriptName('node dist/scripts/soak.js')
  .usage('$0 [options]\n\nReplays each attack beside polite clients against a real server process; one table row per attack.')
  .option('seconds', { type: 'number', default: 10, describe: 'how long each attack runs' })
  .option('settle', { type: 'number', default: 30, describe: 'seconds to wait after each attack before the last RSS reading and the control query' })
  .option('polite', { type: 'number', default: 20, describe: 'polite connections, each a closed loop of small queries' })
  .option('reply-timeout', { type: 'number', default: 10, describe: 'seconds a polite client waits for a reply before it counts a timeout' })
  .option('attacks', { type: 'string', describe: 'comma-separated attack ids to run (default: all): ' + 'baseline,ayt,timing-mark,costly,hoard,slowloris,conn-flood,http-costly,runaway' })
  .option('server-arg', { type: 'string', array: true, default: [] as string[], describe: 'extra flags for `charfinder serve` (repeat for each)' })
  .check((argv) => argv.seconds > 0 && argv.settle >= 0 && argv.polite >= 1 && argv['reply-timeout'] > 0)
  .strict()
  .help()
  .parseSync();

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

/** Bounds a promise; a connection that arrives too late is closed. */
async function connectWithin(port: number, localAddress: string, allowHalfOpen = false): Promise<Socket> {
  const connecting = connectFrom(port, localAddress, allowHalfOpen);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error('connect timed out'), { code: 'TIMEOUT' })), CONNECT_TIMEOUT_MS)));
  try {
    return await Promise.race([connecting, late]);
  } catch (error) {
    connecting.then((socket) => socket.destroy()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

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
              bump(run.tally, 'costly replies', await pipelined(conn, lines, run.until, options['reply-timeout'] * 1000));
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
        const req = request({ host: '127.0.0.1', port: run.httpPort, path, localAddress: attackerAddress(k), agent, timeout: options['reply-timeout'] * 1000 }, (response) => {
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

class ReplyFailure extends Error {
  constructor(readonly kind: keyof PoliteTally['failures'], message: string) {
    super(message);
  }
}

/** A polite conversation: one query at a time, each reply read in full to its prompt. */
class Conversation {
  private buffer = '';
  private wake: (() => void) | null = null;
  private failure: ReplyFailure | null = null;

  constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      this.buffer += text;
      this.wake?.();
    });
    socket.on('error', (error) => {
      this.failure ??= new ReplyFailure('error', error.message);
      this.wake?.();
    });
    socket.on('close', () => {
      this.failure ??= new ReplyFailure('close', 'closed by the server');
      this.wake?.();
    });
  }

  /** Waits for the next prompt; the reply before it is dropped (only its arrival is timed). */
  async reply(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.buffer.endsWith(PROMPT)) {
      if (this.failure) throw this.failure;
      if (Date.now() >= deadline) throw new ReplyFailure('timeout', `no prompt within ${timeoutMs / 1000} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, deadline - Date.now());
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = null;
    }
    this.buffer = '';
  }

  ask(query: string): void {
    this.socket.write(query + '\r\n');
  }
}

async function politeClient(port: number, until: number, tally: PoliteTally): Promise<void> {
  const timeoutMs = options['reply-timeout'] * 1000;
  while (Date.now() < until) {
    let socket: Socket | undefined;
    try {
      try {
        socket = await connectWithin(port, POLITE_ADDRESS);
      } catch (error) {
        throw new ReplyFailure((error as NodeJS.ErrnoException).code === 'TIMEOUT' ? 'timeout' : 'error', (error as Error).message);
      }
      const conversation = new Conversation(socket);
      await conversation.reply(timeoutMs); // the greeting
      while (Date.now() < until) {
        const asked = performance.now();
        conversation.ask(pick(SMALL_QUERIES));
        await conversation.reply(timeoutMs);
        tally.latenciesMs.push(performance.now() - asked);
        tally.replies++;
      }
    } catch (error) {
      if (!(error instanceof ReplyFailure)) throw error;
      tally.failures[error.kind]++;
      await sleep(100);
    } finally {
      socket?.destroy();
    }
  }
}

// ---------------------------------------------------------------- the server under test

const HTTP_SERVING = /serving the page and API at http:\/\/127\.0\.0\.1:(\d+)\//;

interface Server {
  process: ServerProcess;
  httpPort: number;
  exitCode: number | null | undefined;
}

async function startServer(): Promise<Server> {
  const process = await startServerProcess(['--http', '0', ...options['server-arg']]);
  const server: Server = { process, httpPort: 0, exitCode: undefined };
  void process.exited.then((code) => (server.exitCode = code));
  const deadline = Date.now() + 30_000;
  while (!HTTP_SERVING.test(process.log())) {
    if (Date.now() > deadline) throw new Error(`the server did not say where HTTP is: ${process.log()}`);
    await sleep(20);
  }
  server.httpPort = Number(HTTP_SERVING.exec(process.log())![1]);
  return server;
}

/** 'yes' when a control query is answered in time; otherwise why not. */
async function answers(server: Server): Promise<string> {
  if (server.exitCode !== undefined) return `no: exited (${server.exitCode ?? 'signal'})`;
  let socket: Socket | undefined;
  try {
    socket = await connectWithin(server.process.port, POLITE_ADDRESS);
    const conversation = new Conversation(socket);
    await conversation.reply(CONTROL_TIMEOUT_MS);
    conversation.ask('registered');
    await conversation.reply(CONTROL_TIMEOUT_MS);
    return 'yes';
  } catch (error) {
    await sleep(100);
    if (server.exitCode !== undefined) return `no: exited (${server.exitCode ?? 'signal'})`;
    return `no: stalled (${(error as Error).message})`;
  } finally {
    socket?.destroy();
  }
}

async function stopServer(server: Server): Promise<void> {
  if (server.exitCode !== undefined) return;
  server.process.child.kill('SIGTERM');
  const stopped = await Promise.race([server.process.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) {
    server.process.child.kill('SIGKILL');
    await Promise.race([server.process.exited, sleep(5_000)]);
  }
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

async function runAttack(attack: Attack, server: Server): Promise<Row> {
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
  await Promise.race([Promise.all([attacking, ...politeClients]), sleep(options.seconds * 1000 + FINAL_READ_MS + options['reply-timeout'] * 1000 + 5_000)]);
  for (const socket of run.sockets) socket.destroy();

  await sleep(options.settle * 1000);
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

const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 1048576).toFixed(0));
const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(0));

function formatRow(row: Row): string {
  const { error, close, timeout } = row.failures;
  const failures = error + close + timeout === 0 ? '0' : `${error + close + timeout} (${error} err, ${close} closed, ${timeout} timeout)`;
  const cells = [row.attack, row.replies.toLocaleString('en-US'), ms(row.p50), ms(row.p99), failures, String(row.silentCloses), `${mb(row.rss.before)} / ${mb(row.rss.peak)} / ${mb(row.rss.after)}`, mb(row.heapAfter), row.alive, row.notes];
  return `| ${cells.join(' | ')} |`;
}

async function main(): Promise<void> {
  const wanted = options.attacks?.split(',').map((id) => id.trim());
  const unknown = wanted?.filter((id) => !ATTACKS.some((attack) => attack.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown attack ${unknown.join(', ')}; the attacks: ${ATTACKS.map((attack) => attack.id).join(', ')}`);
  const attacks = ATTACKS.filter((attack) => !wanted || wanted.includes(attack.id));

  console.log(
    `soak: ${attacks.length} attacks, ${options.seconds} s each beside ${options.polite} polite connections (small queries, reply timeout ${options['reply-timeout']} s), then ${options.settle} s before the last reading`,
  );
  console.log('');
  console.log(`| attack | polite replies | p50 ms | p99 ms | polite failures | silent closes | RSS MB before / peak / ${options.settle} s after | heap MB after | alive | notes |`);
  console.log('|---|---:|---:|---:|---|---:|---|---:|---|---|');
  let server = await startServer();
  let healthy = true;
  try {
    for (const attack of attacks) {
      if (!healthy) {
        await stopServer(server);
        server = await startServer();
        console.error(`soak: a new server (pid ${server.process.pid}) for the next attack`);
      }
      console.error(`soak: ${attack.id} against pid ${server.process.pid} (TCP ${server.process.port}, HTTP ${server.httpPort})`);
      const row = await runAttack(attack, server);
      console.log(formatRow(row));
      healthy = row.alive === 'yes';
      if (!healthy) process.exitCode = 1;
    }
  } finally {
    await stopServer(server);
  }
}

await main();
// Anything an attack left behind (a late connect, an HTTP agent) must not keep the soak alive.
process.exit();
