/** What a person starting the service needs to know, gathered once it listens. */
export interface StartupSummary {
  url: string;
  /** Where the database is: the embedded PostgreSQL's data directory, or DATABASE_URL's host and name. */
  database: { embedded: true; dataDir: string } | { embedded: false; location: string };
  /** The key auditors pin to check checkpoints (GET /checkpoint/key). */
  verifierKey?: string;
  /** Set when the development keys are in use: every one of them. */
  devKeys: { name: string; role: string; secret: string }[] | null;
}

/** DATABASE_URL without its credentials: host, port and database name. */
export function databaseLocation(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/**
 * The start-up block a person reads on a terminal: where the service and its documentation
 * are, where its data lives, and — in development — the keys to try it with, named as what
 * they are.
 */
export function formatStartupBlock(summary: StartupSummary): string {
  const rows: [string, string][] = [
    ['API', summary.url],
    ['OpenAPI docs', `${summary.url}/docs`],
    ['Metrics', `${summary.url}/metrics`],
    ['Database', summary.database.embedded ? `embedded PostgreSQL, data in ${summary.database.dataDir}` : summary.database.location],
  ];
  if (summary.verifierKey) rows.push(['Checkpoint key', summary.verifierKey]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = ['', 'ceasefire-monitor is running', '', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
  if (summary.devKeys) {
    const keys = summary.devKeys;
    const nameWidth = Math.max(4, ...keys.map((k) => k.name.length));
    const roleWidth = Math.max(4, ...keys.map((k) => k.role.length));
    lines.push(
      '',
      '  DEVELOPMENT KEYS — API_KEYS is not set, so these well-known keys (printed in the README) are in use.',
      '  Anyone may use them: the service listens on 127.0.0.1 only. Set API_KEYS before it serves anyone else.',
      '',
      `    ${'NAME'.padEnd(nameWidth)}  ${'ROLE'.padEnd(roleWidth)}  SECRET`,
      ...keys.map((k) => `    ${k.name.padEnd(nameWidth)}  ${k.role.padEnd(roleWidth)}  ${k.secret}`),
      '',
      `  Try: curl -H 'Authorization: Bearer ${keys[0].secret}' ${summary.url}/truces`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
