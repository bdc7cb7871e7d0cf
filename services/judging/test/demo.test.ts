import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForStatus } from '@digicraft/testkit';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVICES = ['registration', 'judging', 'talent-pool', 'matching'];
/** What the issue asks the demo to do: 200 contestants, 100 on each of two tracks. */
const CONTESTANTS = 200;

interface Row {
  rank: number;
  code: string;
  raw: number;
  std: number;
  medal: string;
}

/** The results tables as a reader sees them: title, formula, header, then one line per entry. */
function resultsTables(output: string): { title: string; formula: string; rows: Row[] }[] {
  const lines = output.split('\n');
  const tables: { title: string; formula: string; rows: Row[] }[] = [];
  lines.forEach((line, i) => {
    if (!/^rank {2}entry +raw +std {2}medal$/.test(line)) return;
    const rows: Row[] = [];
    for (let k = i + 1; k < lines.length; k += 1) {
      const m = /^ *(\d+) {2}([2-9A-Z]{4}-[2-9A-Z]{4}) +(\d+\.\d\d) +(\d+\.\d\d) {2}(gold|silver|bronze|excellence|)$/.exec(lines[k] ?? '');
      if (m === null) break;
      rows.push({ rank: Number(m[1]), code: m[2] ?? '', raw: Number(m[3]), std: Number(m[4]), medal: m[5] ?? '' });
    }
    tables.push({ title: lines[i - 2] ?? '', formula: lines[i - 1] ?? '', rows });
  });
  return tables;
}

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
 * `pnpm demo` against a whole platform started the way `./digicraft start` starts it (built
 * processes, every service and the gateway), on free ports, with the test infrastructure. The demo
 * drives everything through the public REST API at the full size (200 contestants, two
 * tracks); this test checks what its reader would: everyone answered and ranked, every entry
 * signed off, two well-formed results tables, verified ledgers, and the step timings printed.
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

  it('runs a 200-contestant competition end to end: everyone answered and ranked, every entry signed off, both tables printed, ledgers verified', async () => {
    const demo = spawn(process.execPath, ['-r', '@swc-node/register', path.join(REPO_ROOT, 'services', 'judging', 'demo', 'demo.ts')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DEMO_BASE_URL: baseUrl,
        DEMO_CONTESTANTS: String(CONTESTANTS),
        // A fresh admin each run: the demo must create it with the gateway's bootstrap CLI.
        DEMO_ADMIN_EMAIL: `admin-${randomUUID().slice(0, 8)}@demo.digicraft.example`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { code, output } = await collect(demo).done;
    if (code !== 0) throw new Error(`demo exited ${code}:\n${output}\n--- platform ---\n${platformOutput()}`);
    // Where the time went, for whoever reads the CI log.
    console.log(output.split('\n').filter((line) => /step timing|DEMO OK/.test(line)).join('\n'));

    expect(output).toContain("running the gateway's bootstrap-admin CLI");
    // Every contestant got an answer: registered and confirmed, then ranked in the published results.
    expect(output).toContain(`${CONTESTANTS} contestants signed up and registered (GB 11643 identity numbers, all confirmed)`);
    expect(output).toContain(`every one of the ${CONTESTANTS} contestants has a rank in the published results`);
    // Three judges per entry, every sheet submitted, every entry signed off by its chief judge.
    expect(output).toContain(`${CONTESTANTS} contestants, 14 judges, ${3 * CONTESTANTS} assignments`);
    expect(output).toMatch(new RegExp(`marking: \\d+ saves, ${3 * CONTESTANTS} submits, \\d+ flagged aspects resolved, ${CONTESTANTS} sign-offs`));

    const tables = resultsTables(output);
    expect(tables.map((t) => t.title)).toEqual(['Big data engineering — results revision 1', 'Data security — results revision 1']);
    for (const table of tables) {
      expect(table.formula).toMatch(/^standardized = 700 \+ 30·\(raw − [\d.]+\) \/ /);
      expect(table.rows).toHaveLength(CONTESTANTS / 2);
      expect(new Set(table.rows.map((r) => r.code)).size).toBe(CONTESTANTS / 2);
      expect(table.rows[0]).toMatchObject({ rank: 1, medal: 'gold' });
      for (const [i, row] of table.rows.entries()) {
        const before = table.rows[i - 1];
        if (before !== undefined) {
          // Ranks never go down; a shared rank means an equal raw total; higher raw, higher standardized.
          expect(row.rank).toBeGreaterThanOrEqual(before.rank);
          if (row.rank === before.rank) expect(row.raw).toBe(before.raw);
          expect(row.std).toBeLessThanOrEqual(before.std);
        }
        // Gold 1, silver 2, bronze 3 by rank; after them a medallion for excellence at 700 or more.
        const band = row.rank <= 1 ? 'gold' : row.rank <= 3 ? 'silver' : row.rank <= 6 ? 'bronze' : row.std >= 700 ? 'excellence' : '';
        expect(`${row.code} rank ${row.rank} ${row.medal}`).toBe(`${row.code} rank ${row.rank} ${band}`);
      }
      expect(table.rows.some((r) => r.medal === '')).toBe(true);
    }
    expect(output.match(/ranked, winner [2-9A-Z]{4}-[2-9A-Z]{4} .*, ledger ok \(\d+ records\)/g)).toHaveLength(2);
    expect(output).toMatch(/DEMO OK in [\d.]+ s/);
    // Four steps before judging, three per track (set-up, marking, sign-off), then publishing.
    expect(output.match(/step timing +[\d.]+ s {2}\S/g)).toHaveLength(11);
  }, 540_000);
});
