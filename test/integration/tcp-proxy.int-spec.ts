import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Client, ClientConfig, Pool, QueryConfig } from 'pg';
import { eventually, sleep, track } from '../support/event-store-fixtures';
import { containsCommit, isCommitMessage, PgFrameReader, TcpProxy } from '../support/tcp-proxy';
import { testDatabaseUrl } from '../support/test-database';

// Hand-built protocol messages, for the parser and for checking what the proxy reads.
const cstr = (s: string) => Buffer.from(`${s}\0`);
const message = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
};
const untyped = (code: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeInt32BE(body.length + 8, 0);
  header.writeInt32BE(code, 4);
  return Buffer.concat([header, body]);
};
const query = (sql: string) => message('Q', cstr(sql));
const parse = (sql: string, name = '') => message('P', cstr(name), cstr(sql), Buffer.from([0, 0]));

describe('the PostgreSQL protocol reader of the TCP proxy', () => {
  it('finds COMMIT statements, alone or among others, but not in strings or comments', () => {
    for (const sql of [
      'COMMIT',
      ' commit ; ',
      'BEGIN; INSERT INTO t VALUES (1); COMMIT',
      'END',
      'commit work',
      'COMMIT AND NO CHAIN',
      "COMMIT PREPARED 'tx1'",
    ]) {
      expect([sql, containsCommit(sql)]).toEqual([sql, true]);
    }
    for (const sql of [
      'ROLLBACK',
      'SELECT 1',
      "SELECT 'x; COMMIT'",
      'SELECT "commit"',
      '-- COMMIT\nSELECT 1',
      '/* ;COMMIT; */ SELECT 1',
      'SELECT $q$; COMMIT$q$',
      'COMMITTED',
    ]) {
      expect([sql, containsCommit(sql)]).toEqual([sql, false]);
    }
  });

  it('spots COMMIT in a simple Query or in the Parse of the extended protocol, nowhere else', () => {
    const [q, p, named, select, bind] = [
      query('INSERT INTO t VALUES (1); COMMIT'),
      parse('COMMIT'),
      parse('commit', 's1'),
      parse('SELECT 1'),
      message('B', cstr(''), cstr('COMMIT')),
    ];
    expect([q, p, named, select, bind].map((raw) => isCommitMessage({ type: String.fromCharCode(raw[0]), raw }))).toEqual([true, true, true, false, false]);
  });

  it('yields the same whole messages whether the bytes come one at a time or all in one chunk', () => {
    const ssl = untyped(80877103);
    const startup = untyped(196608, cstr('user'), cstr('postgres'), cstr(''));
    const stream = Buffer.concat([ssl, startup, query('BEGIN; SELECT 1'), parse('COMMIT'), message('S'), query('COMMIT')]);
    const expected = ['startup', 'startup', 'Q', 'P', 'S', 'Q'];

    const whole = new PgFrameReader('startup').push(stream);
    expect(whole.map((f) => f.type)).toEqual(expected);
    expect(Buffer.concat(whole.map((f) => f.raw)).equals(stream)).toBe(true);

    const reader = new PgFrameReader('startup');
    const bytewise = [...stream].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(bytewise.map((f) => [f.type, f.raw.toString('hex')])).toEqual(whole.map((f) => [f.type, f.raw.toString('hex')]));
  });

  it('reads the one-byte answer to SSLRequest, then typed messages; an encrypted stream is passed through', () => {
    const reader = new PgFrameReader('reply');
    expect(reader.push(Buffer.concat([Buffer.from('N'), message('Z', Buffer.from('I'))])).map((f) => f.type)).toEqual(['reply', 'Z']);
    const tls = new PgFrameReader('startup');
    expect(tls.push(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])).map((f) => f.type)).toEqual(['raw']);
  });
});

describe('TcpProxy in front of PostgreSQL', () => {
  const databaseUrl = testDatabaseUrl();
  const target = { host: new URL(databaseUrl).hostname, port: Number(new URL(databaseUrl).port || 5432) };
  const table = `proxy_probe_${randomBytes(6).toString('hex')}`;
  let direct: Client;
  let proxy: TcpProxy;
  let nextId = 1;
  const opened: Array<{ end(): Promise<void> }> = [];

  /** A pg client through `url` whose unexpected errors are kept, not thrown. */
  async function connect(url: string, config: ClientConfig = {}): Promise<Client & { errors: Error[] }> {
    const client = Object.assign(new Client({ connectionString: url, ...config }), { errors: [] as Error[] });
    client.on('error', (error) => client.errors.push(error));
    opened.push(client);
    await client.connect();
    return client;
  }

  const backendAlive = async (pid: number) => (await direct.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 1;
  const rowsWithId = async (id: number) => Number((await direct.query(`SELECT count(*) AS n FROM ${table} WHERE id = $1`, [id])).rows[0].n);

  beforeAll(async () => {
    direct = new Client({ connectionString: databaseUrl });
    await direct.connect();
    await direct.query(`CREATE TABLE ${table} (id int)`);
  });

  afterAll(async () => {
    await direct?.query(`DROP TABLE IF EXISTS ${table}`);
    await direct?.end();
  });

  beforeEach(async () => {
    proxy = await TcpProxy.start({ target });
  });

  afterEach(async () => {
    await proxy.close(); // first: a client cannot say goodbye through a blackhole
    await Promise.all(opened.splice(0).map((c) => c.end().catch(() => undefined)));
  });

  it('pass: forwards queries and counts the connection', async () => {
    const client = await connect(proxy.url(databaseUrl));
    expect((await client.query('SELECT 41 + 1 AS answer')).rows).toEqual([{ answer: 42 }]);
    expect(proxy.connections).toBe(1);
    await client.end();
    await eventually(async () => proxy.connections === 0, 'the proxy to see the client go', 2_000);
  }, 10_000);

  it('refuse: cuts open connections, resets new ones at once; pass() lets them in again', async () => {
    const open = await connect(proxy.url(databaseUrl));
    proxy.refuse();
    await eventually(async () => open.errors.length > 0, 'the open connection to be cut', 2_000);

    const started = Date.now();
    await expect(connect(proxy.url(databaseUrl))).rejects.toThrow(/ECONNRESET|ECONNREFUSED|Connection terminated/);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(proxy.connections).toBe(0);

    proxy.pass();
    expect((await (await connect(proxy.url(databaseUrl))).query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  }, 10_000);

  it('blackhole: a query on an open connection goes unanswered until the client times out; pass() delivers what was held', async () => {
    const client = await connect(proxy.url(databaseUrl), { query_timeout: 1_500 });
    proxy.blackhole();
    const pending = track(client.query('SELECT 1 AS one'));
    await sleep(500);
    expect(pending.settled()).toBe(false);
    await expect(pending.promise).rejects.toThrow('Query read timeout');
    expect([proxy.connections, client.errors]).toEqual([1, []]); // nothing was closed

    proxy.pass();
    expect((await client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  }, 10_000);

  it('blackhole: a new connection never completes its handshake; cutAll() ends a query stuck in it', async () => {
    const stuck = await connect(proxy.url(databaseUrl));
    proxy.blackhole();
    const query = track(stuck.query('SELECT 1'));

    const started = Date.now();
    const newcomer = connect(proxy.url(databaseUrl), { connectionTimeoutMillis: 400 });
    await eventually(async () => proxy.connections === 2, 'the proxy to accept the new connection', 2_000);
    await expect(newcomer).rejects.toThrow(/timeout/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(query.settled()).toBe(false);

    proxy.cutAll();
    await expect(query.promise).rejects.toThrow(/Connection terminated unexpectedly/);
  }, 10_000);

  it('cutAll: an idle pooled client reports the error; the pool recovers with a new connection', async () => {
    const pool = new Pool({ connectionString: proxy.url(databaseUrl), max: 2 });
    opened.push(pool);
    const firstPid = (await pool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const poolError = new Promise<Error>((resolve) => pool.once('error', resolve));

    proxy.cutAll();
    expect((await poolError).message).toMatch(/Connection terminated unexpectedly/);
    const secondPid = (await pool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    expect(secondPid).not.toBe(firstPid);
    expect([pool.totalCount, proxy.connections]).toEqual([1, 1]);
  }, 10_000);

  /**
   * Each COMMIT fault, with COMMIT sent as its own simple Query, through the extended protocol
   * (Parse/Bind/Execute/Sync, sent as one chunk), or in one Query with BEGIN and the INSERT; and
   * once through a relay that forwards one byte at a time, so that every message is split.
   */
  it.each([
    ['before', 'separate', 'direct'],
    ['after', 'separate', 'direct'],
    ['before', 'extended', 'direct'],
    ['after', 'extended', 'direct'],
    ['before', 'one-message', 'direct'],
    ['after', 'one-message', 'direct'],
    ['before', 'separate', 'byte by byte'],
    ['after', 'extended', 'byte by byte'],
  ] as const)(
    'COMMIT fault %s, COMMIT sent %s, %s',
    async (mode, style, path) => {
      const dribbler = path === 'byte by byte' ? await startDribbler(proxy.port) : undefined;
      try {
        const client = await connect(dribbler ? dribbler.url(proxy.url(databaseUrl)) : proxy.url(databaseUrl));
        const pid: number = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        const id = nextId++;
        const fired = proxy.armCommitFault(mode);
        let commit: Promise<unknown>;
        if (style === 'one-message') {
          commit = client.query(`BEGIN; INSERT INTO ${table} VALUES (${id}); COMMIT`);
        } else {
          await client.query('BEGIN');
          await client.query(`INSERT INTO ${table} VALUES ($1)`, [id]);
          // The fault is about to strike an open transaction holding the row.
          expect((await direct.query('SELECT state FROM pg_stat_activity WHERE pid = $1', [pid])).rows).toEqual([{ state: 'idle in transaction' }]);
          commit = client.query(style === 'extended' ? ({ text: 'COMMIT', queryMode: 'extended' } as QueryConfig) : 'COMMIT');
        }

        await expect(commit).rejects.toThrow(/Connection terminated unexpectedly|ECONNRESET/);
        await expect(fired).resolves.toEqual({ committed: mode === 'after' });
        await eventually(async () => !(await backendAlive(pid)), 'the server to notice the lost connection', 5_000);
        expect(await rowsWithId(id)).toBe(mode === 'after' ? 1 : 0);
      } finally {
        await proxy.close(); // before the dribbler, whose sockets it holds
        await dribbler?.close();
      }
    },
    10_000,
  );

  /**
   * A proxy that cut the client as soon as COMMIT went through would pass the tests above by
   * luck: the server commits before it next reads the socket. Here COMMIT is slow (a deferred
   * trigger sleeps) and the server watches for a lost client while it runs
   * (client_connection_check_interval), so a premature cut would abort the commit.
   */
  it('after: the cut waits until the server has finished a slow COMMIT', async () => {
    const slow = `${table}_slow`;
    await direct.query(`CREATE TABLE ${slow} (id int)`);
    await direct.query(`CREATE FUNCTION ${slow}_sleep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.3); RETURN NULL; END $$`);
    await direct.query(
      `CREATE CONSTRAINT TRIGGER sleep_at_commit AFTER INSERT ON ${slow} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${slow}_sleep()`,
    );
    try {
      const client = await connect(proxy.url(databaseUrl));
      await client.query(`SET client_connection_check_interval = '10ms'`);
      const pid: number = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await client.query('BEGIN');
      await client.query(`INSERT INTO ${slow} VALUES (1)`);
      const fired = proxy.armCommitFault('after');

      const started = Date.now();
      await expect(client.query('COMMIT')).rejects.toThrow(/Connection terminated unexpectedly/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      await expect(fired).resolves.toEqual({ committed: true });
      await eventually(async () => !(await backendAlive(pid)), 'the server to notice the lost connection', 5_000);
      expect((await direct.query(`SELECT id FROM ${slow}`)).rows).toEqual([{ id: 1 }]);
    } finally {
      await direct.query(`DROP TABLE ${slow}; DROP FUNCTION ${slow}_sleep()`);
    }
  }, 10_000);

  it('a COMMIT fault fires once, on the next COMMIT only', async () => {
    const client = await connect(proxy.url(databaseUrl));
    const fired = track(proxy.armCommitFault('before'));
    await client.query(`SELECT 'COMMIT; -- not one' AS text`);
    await client.query('BEGIN; ROLLBACK');
    expect(fired.settled()).toBe(false);
    expect(() => proxy.armCommitFault('after')).toThrow(/already armed/);
    await expect(client.query('COMMIT')).rejects.toThrow(/Connection terminated unexpectedly/);
    await expect(fired.promise).resolves.toEqual({ committed: false });

    const again = await connect(proxy.url(databaseUrl));
    await again.query('BEGIN');
    await again.query('COMMIT');
  }, 10_000);
});

/**
 * A relay in front of the proxy that forwards what the client sends one byte per turn of the
 * event loop, so the proxy receives each message in many chunks.
 */
async function startDribbler(port: number): Promise<{ url(databaseUrl: string): string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    upstream.setNoDelay(true);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('data', (chunk: Buffer) => {
      client.pause();
      void (async () => {
        for (const byte of chunk) {
          upstream.write(Buffer.from([byte]));
          await new Promise((resolve) => setImmediate(resolve));
        }
        client.resume();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const own = (server.address() as net.AddressInfo).port;
  return {
    url: (databaseUrl) => {
      const url = new URL(databaseUrl);
      url.port = String(own);
      return url.toString();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
