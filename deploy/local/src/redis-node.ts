import path from 'node:path';
import { layout } from './infra-config';
import type { LocalServerSpec } from './local-server';
import { redisAnswers } from './server-probes';
import { ensureTool, TOOLS } from './tool-check';

export interface RedisOptions {
  readonly home: string;
  readonly port: number;
  readonly readyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** Redis from the OS package, without persistence: it holds only caches, limits and TTL data. */
export function redisServerSpec(options: RedisOptions): LocalServerSpec {
  const dir = layout.redisNode(options.home);
  return {
    name: 'redis',
    port: options.port,
    address: `redis://127.0.0.1:${options.port}`,
    dir,
    logFile: path.join(dir, 'redis.log'),
    pidFile: path.join(dir, 'redis.pid'),
    marker: dir,
    readyTimeoutMs: options.readyTimeoutMs ?? 15_000,
    stopGraceMs: 10_000,
    answers: () => redisAnswers(options.port),
    async prepare() {
      const redis = await ensureTool(TOOLS.redis, path.join(dir, 'install.log'), options.log ?? ((): void => undefined));
      return {
        command: redis,
        args: ['--bind', '127.0.0.1', '--port', String(options.port), '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir],
      };
    },
  };
}
