import path from 'node:path';
import { ensureInfrastructure } from '../ensure-infrastructure';
import { resolveInfraConfig } from '../infra-config';
import { findRepoRoot } from '../repo-root';
import { stopInfrastructure } from '../stop-infrastructure';
import { platformServices, serviceEnvironment } from './platform-services';
import { spawnService, stopServiceProcess, waitUntilReady, type RunningServiceProcess } from './service-process';

/**
 * `./digicraft start`: the infrastructure, then every service, each awaited on /readyz; prints
 * where everything listens; Ctrl-C (or SIGTERM) stops the services, then the servers it started.
 */
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;

async function main(): Promise<void> {
  const t0 = Date.now();
  const repoRoot = findRepoRoot();
  const { home } = resolveInfraConfig();
  // Read first, so a bad port override stops the start before any server is launched.
  const services = platformServices();
  const infra = await ensureInfrastructure({ log: (line) => console.log(`  ${line}`) });
  const running: RunningServiceProcess[] = [];
  let stopping = false;

  const stopAll = async (reason: string, code: number): Promise<never> => {
    if (stopping) {
      console.log('still stopping; the services are finishing their work…');
      return new Promise<never>(() => undefined);
    }
    stopping = true;
    console.log(`\nstopping (${reason})…`);
    for (const proc of [...running].reverse()) {
      await stopServiceProcess(proc, STOP_GRACE_MS);
      console.log(`  ${proc.service.name} stopped`);
    }
    if (infra.started.length > 0) await stopInfrastructure(infra.started);
    console.log('everything stopped');
    process.exit(code);
  };
  // `on`, not `once`: a second Ctrl-C must not kill this process and orphan the services.
  process.on('SIGINT', () => void stopAll('Ctrl-C', 0));
  process.on('SIGTERM', () => void stopAll('SIGTERM', 0));

  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    KAFKA_BROKERS: infra.kafkaBrokers,
    MONGO_URL: infra.mongoUrl,
    REDIS_URL: infra.redisUrl,
  };
  const logDir = path.join(home, 'logs');
  try {
    for (const service of services) {
      const proc = await spawnService(repoRoot, logDir, service, { ...env, ...serviceEnvironment(service, services) });
      running.push(proc);
      void proc.exited.then((how) => {
        if (!stopping) void stopAll(`${service.name} ended unexpectedly (${how}); see ${proc.logFile}`, 1);
      });
    }
    const deadline = Date.now() + READY_TIMEOUT_MS;
    await Promise.all(running.map((proc) => waitUntilReady(proc, deadline)));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return stopAll('start failed', 1);
  }

  console.log(`\nDigiCraft is up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`  kafka   ${infra.kafkaBrokers}\n  mongo   ${infra.mongoUrl}\n  redis   ${infra.redisUrl}`);
  for (const proc of running) {
    const { name, httpPort, grpcPort, adminPort } = proc.service;
    const api = httpPort !== undefined ? `http://127.0.0.1:${httpPort}/v1` : `grpc 127.0.0.1:${grpcPort}`;
    console.log(`  ${name.padEnd(13)} ${api.padEnd(28)} admin http://127.0.0.1:${adminPort}/readyz  log ${proc.logFile}`);
  }
  console.log('Press Ctrl-C to stop everything.');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
