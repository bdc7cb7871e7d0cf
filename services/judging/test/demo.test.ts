import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForStatus } from '@digicraft/testkit';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVICES = ['registration', 'judging', 'talent-pool', 'matching'];

interface Finished {
  code: number | null;
  output: string;
}

function collect(child: ChildProcess): { output: () => string; done: Promise<Finished> } {
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { output: () => output, done: new Promise((resolve) => child.once('exit', (code) => resolve({ code, output }))) };
}

/**
 * `pnpm demo` against a whole platform started the way `pnpm start` starts it (built processes,
 * every service and the gateway), on free ports, with the test infrastructure. The demo drives
 * everything through the public REST API; this test proves it finishes and prints the results.
 */
describe('the demo drives a whole competition through the public API of a running platform', () => {
  let platform: ChildProcess | undefined;
  let platformOutput: () => string = () => '';
  let platformDone: Promise<Finished> | undefined;
  let home = '';
  let baseUrl = '';

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'digicraft-demo-'));
    const ports: Record<string, string> = {};
    for (const name of SERVICES) {
      const key = name.toUpperCase().replace(/-/g, '_');
      ports[`DIGICRAFT_${key}_GRPC_PORT`] = String(await freePort());
      ports[`DIGICRAFT_${key}_ADMIN_PORT`] = String(await freePort());
    }
    const httpPort = await freePort();
    const adminPort = await freePort();
    platform = spawn(process.execPath, [path.join(REPO_ROOT, 'deploy', 'local', 'dist', 'platform', 'main.js')], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
        MONGO_URL: process.env.MONGO_URL ?? '',
        REDIS_URL: process.env.REDIS_URL ?? '',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        DIGICRAFT_HOME: home,
        DIGICRAFT_GATEWAY_HTTP_PORT: String(httpPort),
        DIGICRAFT_GATEWAY_ADMIN_PORT: String(adminPort),
        // Sign-up hashing at production cost would dominate the test's time.
        PASSWORD_HASH_COST: 'fast',
        ...ports,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collected = collect(platform);
    platformOutput = collected.output;
    platformDone = collected.done;
    baseUrl = `http://127.0.0.1:${httpPort}`;
    await waitForStatus(`http://127.0.0.1:${adminPort}/readyz`, 200, 90_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${platformOutput()}`);
    });
  }, 120_000);

  afterAll(async () => {
    if (platform !== undefined && platform.exitCode === null) {
      platform.kill('SIGTERM');
      await platformDone;
    }
    await rm(home, { recursive: true, force: true });
  }, 60_000);

  it('bootstraps the admin, runs every step, prints the results table and exits 0', async () => {
    const demo = spawn(process.execPath, ['-r', '@swc-node/register', path.join(REPO_ROOT, 'services', 'judging', 'demo', 'demo.ts')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DEMO_BASE_URL: baseUrl,
        DEMO_CONTESTANTS: process.env.DEMO_CONTESTANTS ?? '40',
        // A fresh admin each run: the demo must create it with the gateway's bootstrap CLI.
        DEMO_ADMIN_EMAIL: `admin-${randomUUID().slice(0, 8)}@demo.digicraft.example`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { code, output } = await collect(demo).done;
    if (code !== 0) throw new Error(`demo exited ${code}:\n${output}\n--- platform ---\n${platformOutput()}`);
    expect(output).toContain("running the gateway's bootstrap-admin CLI");
    expect(output).toMatch(/contestants signed up and registered/);
    // Two tables with the columns a reader expects, each led by a gold medal.
    expect(output.match(/rank {2}entry +raw +std {2}medal/g)).toHaveLength(2);
    // The line under each header is a rank-1 entry with gold (ties may put several there).
    const leaders = output.split(/rank {2}entry +raw +std {2}medal\n/).slice(1).map((table) => table.split('\n')[0]);
    expect(leaders).toHaveLength(2);
    for (const leader of leaders) expect(leader).toMatch(/^ {3}1 {2}[2-9A-Z]{4}-[2-9A-Z]{4} +\d+\.\d\d +\d+\.\d\d {2}gold$/);
    expect(output).toMatch(/standardized = 700 \+ 30·\(raw − [\d.]+\)/);
    expect(output).toMatch(/DEMO OK in [\d.]+ s/);
    expect(output).toMatch(/40 contestants, 14 judges, 120 assignments/);
    expect(output.match(/ledger ok/g)).toHaveLength(2);
  }, 150_000);
});
