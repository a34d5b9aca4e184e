import { databaseLocation, formatStartupBlock, StartupSummary } from './startup-summary';

const DEV_KEYS = [
  { name: 'dev-admin', role: 'admin', secret: 'dev-admin-key' },
  { name: 'dev-verifier', role: 'verifier', secret: 'dev-verifier-key' },
  { name: 'dev-reporter', role: 'reporter', secret: 'dev-reporter-key' },
];

const embedded: StartupSummary = {
  url: 'http://127.0.0.1:3000',
  database: { embedded: true, dataDir: '/srv/app/.data/postgres' },
  verifierKey: 'ceasefire-monitor.local/log+28da4213+AYAa',
  devKeys: DEV_KEYS,
};

describe('the start-up block', () => {
  it('names the URL, the docs, the data directory and every development key with its role, as development keys', () => {
    const block = formatStartupBlock(embedded);
    expect(block).toContain('http://127.0.0.1:3000\n');
    expect(block).toContain('http://127.0.0.1:3000/docs');
    expect(block).toContain('/srv/app/.data/postgres');
    expect(block).toContain('ceasefire-monitor.local/log+28da4213+AYAa');
    for (const key of DEV_KEYS) expect(block).toMatch(new RegExp(`${key.name}\\s+${key.role}\\s+${key.secret}`));
    expect(block).toMatch(/DEVELOPMENT KEYS/);
    expect(block.split('\n').length).toBeLessThan(25);
  });

  it('shows no keys, and no password from DATABASE_URL, when the service is configured', () => {
    const block = formatStartupBlock({
      url: 'http://localhost:8080',
      database: { embedded: false, location: databaseLocation('postgres://app:s3cr3t-pw@db.internal:5432/ceasefire') },
      devKeys: null,
    });
    expect(block).toContain('PostgreSQL at db.internal:5432/ceasefire');
    expect(block).not.toContain('s3cr3t-pw');
    expect(block).not.toMatch(/DEVELOPMENT KEYS|SECRET/);
  });
});
