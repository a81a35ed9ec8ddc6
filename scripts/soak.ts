/**
 * Soak run: N clients (default 1,000) connect to a real server process on
 * 127.0.0.0/8 for a bounded time; half query politely in a closed loop, half
 * misbehave in the ways a public line server meets. Then a report: queries
 * answered, errors by kind, server RSS at start/peak/end, crashes.
 *
 *   node dist/scripts/soak.js [--clients 1000] [--seconds 30]
 */
import { connect, type Socket } from 'node:net';
import { connectFrom, startServerProcess } from './server-process.js';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readRssBytes } from './bench-server.js';

const argv = yargs(hideBin(process.argv))
  .option('clients', { type: 'number', default: 1000, describe: 'clients in all; half of them misbehave' })
  .option('seconds', { type: 'number', default: 30, describe: 'how long the clients run' })
  .option('misbehaving', { type: 'number', default: 0.5, describe: 'share of clients that misbehave' })
  .option('addresses', { type: 'number', default: 32, describe: 'loopback source addresses to spread clients over (127.0.0.2 …)' })
  .strict()
  .parseSync();

const SMALL = ['cat face', 'registered', 'chess black king', 'snowman', 'greek small letter alpha', 'white bishop', 'rook', 'U+1F638', '😸é→', 'nbsp'];
const IAC = 0xff;

type Misbehaviour = (socket: Socket, until: number) => Promise<void>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

/** The ways a client goes wrong, each run until the soak ends or the server hangs up. */
const MISBEHAVIOURS: Record<string, Misbehaviour> = {
  'invalid UTF-8': async (socket, until) => {
    while (Date.now() < until && !socket.destroyed) {
      socket.write(Buffer.from([0x63, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xc0, 0xaf, 0x0a]));
      await sleep(50);
    }
  },
  'long lines': async (socket, until) => {
    while (Date.now() < until && !socket.destroyed) {
      socket.write('x'.repeat(5000) + '\r\n');
      await sleep(50);
    }
  },
  'no line end': async (socket) => {
    socket.write(Buffer.alloc(200_000, 0x41));
  },
  'telnet interrupts': async (socket, until) => {
    while (Date.now() < until && !socket.destroyed) {
      socket.write('cjk\r\n');
      await sleep(5);
      socket.write(Buffer.from([IAC, 0xf4, IAC, 0xfd, 0x06]));
      await sleep(100);
    }
  },
  'endless subnegotiation': async (socket, until) => {
    socket.write(Buffer.from([IAC, 0xfa, 0x18]));
    while (Date.now() < until && !socket.destroyed) {
      socket.write(Buffer.alloc(4096, 0x42));
      await sleep(50);
    }
  },
  slowloris: async (socket, until) => {
    while (Date.now() < until && !socket.destroyed) {
      socket.write('r');
      await sleep(2000);
    }
  },
  'never reads': async (socket) => {
    socket.pause();
    socket.write('cjk\r\n'.repeat(20));
  },
  'reset mid-reply': async (socket, until) => {
    socket.write('cjk\r\n');
    await sleep(20);
    socket.resetAndDestroy();
    void until;
  },
  'pipelined flood': async (socket) => {
    socket.write('registered\r\n'.repeat(10_000));
  },
  'binary garbage': async (socket, until) => {
    while (Date.now() < until && !socket.destroyed) {
      socket.write(Buffer.from(Array.from({ length: 512 }, () => Math.floor(Math.random() * 256))));
      await sleep(50);
    }
  },
  'connects and idles': async () => {},
};

interface Tally {
  answered: number;
  latencies: number[];
  goodFailures: number;
  lines: Map<string, number>;
  misbehaving: Map<string, number>;
  failureReasons: Map<string, number>;
  greetings: number[];
}

const tally: Tally = { answered: 0, latencies: [], goodFailures: 0, lines: new Map(), misbehaving: new Map(), failureReasons: new Map(), greetings: [] };

/** The server's refusal and farewell lines, by kind. */
const LINE_KINDS: [RegExp, string][] = [
  [/^error: that line is not valid UTF-8/, 'invalid UTF-8'],
  [/^error: line too long/, 'line too long'],
  [/^error: no line end/, 'no line end'],
  [/^error: a line must be finished/, 'line deadline'],
  [/^error: the server is full/, 'server full'],
  [/^error: too many connections from your address/, 'too many from address'],
  [/^error: /, 'other error'],
  [/^interrupted/, 'reply interrupted'],
  [/^idle for/, 'idle timeout'],
  [/^server shutting down/, 'shutdown'],
];

function countLine(line: string): void {
  const kind = LINE_KINDS.find(([pattern]) => pattern.test(line.replace(/^(\?> )+/, '')))?.[1];
  if (kind) tally.lines.set(kind, (tally.lines.get(kind) ?? 0) + 1);
}

const open = (port: number, localAddress: string) => connectFrom(port, localAddress, true);

/** A polite client: one small query at a time, reading each reply to its prompt. */
async function goodClient(port: number, localAddress: string, until: number): Promise<void> {
  let socket: Socket;
  try {
    socket = await open(port, localAddress);
  } catch (error) {
    tally.goodFailures++;
    const reason = `connect: ${(error as NodeJS.ErrnoException).code}`;
    tally.failureReasons.set(reason, (tally.failureReasons.get(reason) ?? 0) + 1);
    return;
  }
  let buffer = '';
  let waiting: (() => void) | null = null;
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => {
    buffer += text;
    waiting?.();
  });
  socket.on('error', () => {});
  const untilPrompt = async () => {
    const deadline = Date.now() + 10_000;
    while (!buffer.endsWith('?> ')) {
      if (socket.destroyed) throw new Error(`closed by the server: ${JSON.stringify(buffer.slice(-120))}`);
      if (Date.now() > deadline) throw new Error('no answer within 10 s');
      await new Promise<void>((resolve) => {
        waiting = resolve;
        setTimeout(resolve, 100);
      });
    }
    for (const line of buffer.split('\r\n')) countLine(line);
    buffer = '';
  };
  const connectedAt = performance.now();
  try {
    await untilPrompt().catch((error: Error) => {
      throw new Error(`greeting: ${error.message}`);
    });
    tally.greetings.push(performance.now() - connectedAt);
    while (Date.now() < until) {
      const started = performance.now();
      socket.write(pick(SMALL) + '\r\n');
      await untilPrompt();
      tally.latencies.push(performance.now() - started);
      tally.answered++;
      await sleep(Math.random() * 20);
    }
  } catch (error) {
    tally.goodFailures++;
    const reason = (error as Error).message;
    tally.failureReasons.set(reason, (tally.failureReasons.get(reason) ?? 0) + 1);
  } finally {
    socket.destroy();
  }
}

async function badClient(port: number, localAddress: string, until: number, name: string): Promise<void> {
  tally.misbehaving.set(name, (tally.misbehaving.get(name) ?? 0) + 1);
  let socket: Socket;
  try {
    socket = await open(port, localAddress);
  } catch {
    return;
  }
  let text = '';
  socket.on('data', (chunk: Buffer) => {
    // Keep only the lines worth counting; replies to floods are not kept.
    text = (text + chunk.toString('utf8')).slice(-4096);
  });
  socket.on('error', () => {});
  // However it misbehaves, it stops when the soak does.
  await Promise.race([MISBEHAVIOURS[name](socket, until).catch(() => {}), sleep(until - Date.now())]);
  while (Date.now() < until && !socket.destroyed && !socket.readableEnded) await sleep(100);
  for (const line of text.split('\r\n')) countLine(line);
  socket.destroy();
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const mb = (bytes: number | undefined) => (bytes === undefined ? '?' : `${(bytes / 1048576).toFixed(1)} MB`);

async function main(): Promise<void> {
  const server = await startServerProcess(['--line-deadline', '10', '--write-stall-timeout', '10']);
  const { port, pid, exited } = server;
  console.error(`soak: server pid ${pid} on port ${port}`);
  await sleep(300);
  const rssStart = readRssBytes(pid);
  let rssPeak = rssStart ?? 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, readRssBytes(pid) ?? 0)), 100);

  const names = Object.keys(MISBEHAVIOURS);
  const until = Date.now() + argv.seconds * 1000;
  const clients: Promise<void>[] = [];
  let badCount = 0;
  for (let k = 0; k < argv.clients; k++) {
    const localAddress = `127.0.0.${2 + (k % argv.addresses)}`;
    const misbehaves = Math.floor((k + 1) * argv.misbehaving) > Math.floor(k * argv.misbehaving);
    clients.push(misbehaves ? badClient(port, localAddress, until, names[badCount++ % names.length]) : goodClient(port, localAddress, until));
    if (k % 50 === 49) await sleep(10); // ramp up rather than one SYN storm
  }
  await Promise.all(clients);
  await sleep(3000); // let the server drop what is left and settle
  clearInterval(sampler);
  const rssEnd = readRssBytes(pid);

  // A control query after the storm, then a clean stop.
  const control = await new Promise<string>((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    socket.on('error', (error) => resolve(`error ${error.message}`));
    socket.on('connect', () => socket.end('registered\r\n'));
    socket.on('close', () => resolve(text));
  });
  server.child.kill('SIGTERM');
  const code = await exited;
  const crashed = code === 0 ? null : `exit ${code ?? 'by signal'}`;

  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const good = argv.clients - badCount;
  console.log(`soak: ${argv.clients} clients (${good} polite, ${argv.clients - good} misbehaving) for ${argv.seconds} s on 127.0.0.2–127.0.0.${1 + argv.addresses}`);
  console.log(
    `  polite clients: ${tally.answered.toLocaleString('en-US')} queries answered (${(tally.answered / argv.seconds).toFixed(0)}/s), ` +
      `p50 ${percentile(sorted, 0.5).toFixed(2)} ms, p99 ${percentile(sorted, 0.99).toFixed(2)} ms, max ${sorted.at(-1)?.toFixed(1)} ms; ${tally.goodFailures} failed${tally.failureReasons.size ? ` (${[...tally.failureReasons].map(([why, n]) => `${why}: ${n}`).join('; ')})` : ''}`,
  );
  const greetings = [...tally.greetings].sort((a, b) => a - b);
  console.log(`  greeting after connect: p50 ${percentile(greetings, 0.5).toFixed(1)} ms, p99 ${percentile(greetings, 0.99).toFixed(1)} ms, max ${greetings.at(-1)?.toFixed(1)} ms`);
  console.log(`  misbehaving clients: ${[...tally.misbehaving].map(([name, n]) => `${name} ${n}`).join(', ')}`);
  console.log(`  refusal and farewell lines seen: ${[...tally.lines].map(([kind, n]) => `${kind} ${n.toLocaleString('en-US')}`).join(', ') || 'none'}`);
  console.log(`  server RSS: start ${mb(rssStart)}, peak ${mb(rssPeak)}, end ${mb(rssEnd)}`);
  console.log(`  control query afterwards: ${control.includes("1 match for 'registered'") ? 'answered' : `NOT answered (${JSON.stringify(control.slice(-200))})`}`);
  console.log(`  server exit: ${code === 0 ? 'code 0 after SIGTERM' : `CRASH (${crashed})`}; ${/stopped: .*/.exec(server.log())?.[0] ?? 'no summary'}`);
  process.exitCode = code === 0 && tally.goodFailures === 0 && control.includes("1 match for 'registered'") ? 0 : 1;
}

await main();
