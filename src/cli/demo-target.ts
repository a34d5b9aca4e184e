import { validateConfig } from '../config/app-config';
import { DEV_KEYS, startServer } from '../server';

export interface DemoTarget {
  url: string;
  /** The development keys, when the service uses them (otherwise DEMO_*_KEY name the secrets). */
  devKeys: typeof DEV_KEYS | null;
  /** True when the demo started the service itself (and keeps serving after it). */
  started: boolean;
}

/**
 * Where `npm run demo` records the case: a service already running on this machine (DEMO_URL, or
 * the port of `npm start`) — so the demo never starts a second service on the same embedded
 * database — or else one it starts itself.
 */
export async function demoTarget(env: Record<string, string | undefined> = process.env): Promise<DemoTarget> {
  const url = env.DEMO_URL ?? `http://127.0.0.1:${validateConfig(env).PORT}`;
  const running = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1000) }).then(
    (res) => res.ok,
    () => false,
  );
  if (running) return { url, devKeys: env.API_KEYS || env.DEMO_ADMIN_KEY ? null : DEV_KEYS, started: false };
  if (env.DEMO_URL) throw new Error(`Nothing answers at DEMO_URL (${url}).`);
  const server = await startServer(env);
  return { url: server.url, devKeys: server.devKeys, started: true };
}
