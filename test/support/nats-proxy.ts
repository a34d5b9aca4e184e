import net from 'node:net';

/**
 * A TCP proxy between a NATS client under test and the server, to make the broker unreachable
 * or to cut the connection at an exact point: after a given number of messages published with
 * headers (`HPUB`, what every JetStream publish carrying a message id is), the connection is
 * cut in the middle of the client's bytes, so the server has those messages and not one more.
 */
export class NatsProxy {
  private refusing = false;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private hpubLimit = Infinity;
  private hpubSeen = 0;
  private tail = Buffer.alloc(0);
  private cutFired?: () => void;

  private constructor(
    private readonly server: net.Server,
    private readonly target: URL,
    readonly port: number,
  ) {}

  static async start(natsUrl: string): Promise<NatsProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const proxy = new NatsProxy(server, new URL(natsUrl), (server.address() as net.AddressInfo).port);
    server.on('connection', (socket) => proxy.accept(socket));
    return proxy;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Like a broker that is down: open connections are cut, new ones reset. */
  refuse(): void {
    this.refusing = true;
    this.cutAll();
  }

  pass(): void {
    this.refusing = false;
  }

  /** Resolves once `count` more header-carrying publishes went through and the connection was cut right after them. */
  cutAfterPublishes(count: number): Promise<void> {
    this.hpubSeen = 0;
    this.tail = Buffer.alloc(0);
    this.hpubLimit = count;
    return new Promise((resolve) => (this.cutFired = resolve));
  }

  cutAll(): void {
    for (const pair of [...this.pairs]) this.cut(pair);
  }

  async close(): Promise<void> {
    this.refuse();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined);
    if (this.refusing) return void client.resetAndDestroy();
    const upstream = net.connect({ host: this.target.hostname, port: Number(this.target.port || 4222) });
    upstream.on('error', () => undefined);
    const pair = { client, upstream };
    this.pairs.add(pair);
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('data', (chunk: Buffer) => this.forward(pair, chunk));
    client.on('close', () => this.cut(pair));
    upstream.on('close', () => this.cut(pair));
  }

  private forward(pair: { client: net.Socket; upstream: net.Socket }, chunk: Buffer): void {
    if (this.hpubSeen > this.hpubLimit) return;
    // The last bytes of the previous chunk too, so a "HPUB " split across two chunks is seen.
    const tail = this.tail;
    const seen = Buffer.concat([tail, chunk]);
    this.tail = seen.subarray(Math.max(0, seen.length - 4));
    let from = 0;
    for (;;) {
      const at = seen.indexOf('HPUB ', from);
      if (at < 0) break;
      if (this.hpubSeen === this.hpubLimit) {
        // Everything before this publish goes through; it and the rest never do.
        pair.upstream.write(chunk.subarray(0, Math.max(0, at - tail.length)), () => {
          this.cutAll();
          this.cutFired?.();
        });
        this.hpubSeen++;
        return;
      }
      this.hpubSeen++;
      from = at + 5;
    }
    pair.upstream.write(chunk);
  }

  private cut(pair: { client: net.Socket; upstream: net.Socket }): void {
    this.pairs.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
