import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const tempHomes: string[] = [];

/** A fresh temporary folder, removed by removeTempHomes() (each holds jars, a binary and data). */
export function tempHome(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempHomes.push(dir);
  return dir;
}

export function removeTempHomes(): void {
  for (const dir of tempHomes.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * An environment for a launcher of our own: a temporary cache folder and ports away from the
 * dev servers (19092/19093, 27018, 16379), with the URL variables removed so that it resolves
 * to the local launcher.
 */
export function launcherEnv(ports: { kafka: number; controller: number; mongo: number; redis: number }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.KAFKA_BROKERS;
  delete env.MONGO_URL;
  delete env.REDIS_URL;
  return {
    ...env,
    DIGICRAFT_HOME: tempHome('digicraft-launcher-'),
    DIGICRAFT_INFRA: 'local',
    DIGICRAFT_KAFKA_PORT: String(ports.kafka),
    DIGICRAFT_KAFKA_CONTROLLER_PORT: String(ports.controller),
    DIGICRAFT_MONGO_PORT: String(ports.mongo),
    DIGICRAFT_REDIS_PORT: String(ports.redis),
    DIGICRAFT_KAFKA_PARTITIONS: '3',
  };
}

/** A TCP listener that speaks no protocol at all, to take a port away from a server. */
export async function occupyPort(port: number): Promise<net.Server> {
  const server = net.createServer((socket) => socket.on('error', () => undefined).resume());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

export const closeServer = (server: net.Server): Promise<void> =>
  new Promise((resolve) => server.close(() => resolve()));
