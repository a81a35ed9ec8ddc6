// The ceiling the bench sets charfinder beside: a bare Node line server that
// answers every line with the same reply, framed like charfinder's (CRLF
// lines, then the `?> ` prompt), so the bench's reply reader reads it
// unchanged. No index, no search, no limits: what one Node thread can
// answer on this machine, and so the most charfinder could.
//
//   node dist/scripts/ceiling-server.js 127.0.0.1 PORT [REPLY_BYTES]

import net from 'node:net';

/**
 * About the median reply of the bench's queries: the small mix's median
 * lies between 'latin small letter e with acute' (414 bytes) and 'cat face'
 * (456); the diverse list's replies averaged ~440 bytes (0.9 MB/s at
 * 2,048 replies/s). A few result lines and a status line.
 */
const DEFAULT_REPLY_BYTES = 440;
const PROMPT = '?> ';
const LF = 0x0a;

const [host = '127.0.0.1', portText = '2323', bytesText = String(DEFAULT_REPLY_BYTES)] = process.argv.slice(2);
const reply = fixedReply(Number(bytesText));
const greeting = Buffer.from(`ceiling — every line answered with the same ${reply.length} bytes\r\n${PROMPT}`, 'utf8');

/** Result lines and a status line, then the prompt: at most `bytes` long, as near as whole lines allow. */
function fixedReply(bytes: number): Buffer {
  const line = 'U+2605\t★\tBLACK STAR\r\n';
  const ending = (count: number) => `${count} matches for 'ceiling'\r\n${PROMPT}`;
  let count = 0;
  while (Buffer.byteLength(line.repeat(count + 1) + ending(count + 1)) <= bytes) count++;
  return Buffer.from(line.repeat(count) + ending(count), 'utf8');
}

const server = net.createServer({ noDelay: true }, (socket) => {
  socket.on('error', () => {});
  socket.write(greeting);
  socket.on('data', (chunk: Buffer) => {
    // One reply per complete line; a line split over chunks is answered when its end arrives.
    for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) socket.write(reply);
  });
});
server.listen(Number(portText), host, () => console.log(`ceiling listening on ${host}:${portText}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
