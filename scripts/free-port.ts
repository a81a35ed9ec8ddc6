/** A free TCP port on loopback, for a server that must be told its port (the book's, the ceiling, haproxy's bind). */
import net from 'node:net';

/** Asks the kernel for an ephemeral port and releases it; the caller binds it next. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
