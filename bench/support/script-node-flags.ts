import { readFileSync } from 'node:fs';

/**
 * The Node flags an npm script runs its command with (`… exec node [flags] dist/…`): package.json
 * is the one place they are written, so a benchmark's child process runs as the operator's command
 * does — for `import` and `rebuild`, a bounded heap, which sets the peak RSS measured.
 */
export function scriptNodeFlags(script: string): string[] {
  const command = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts[script];
  const flags = /exec node ((?:--\S+ )*)dist\//.exec(command ?? '');
  if (!flags) throw new Error(`package.json's ${script} script is not "… exec node [flags] dist/…": ${command}`);
  return flags[1].split(' ').filter(Boolean);
}
