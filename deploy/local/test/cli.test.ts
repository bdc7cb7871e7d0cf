import { execFile } from 'node:child_process';
import path from 'node:path';
import { findRepoRoot } from '../src/repo-root';
import { launcherEnv, removeTempHomes } from './test-env';

const root = findRepoRoot();

/** Runs the CLI from its TypeScript source, as `node dist/cli.js` would run the build. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', path.join(root, 'deploy/local/src/cli.ts'), ...args],
      { cwd: root, env, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('infra CLI', () => {
  afterAll(removeTempHomes);

  it('status prints one line per server with state, pid, address and log file', async () => {
    const env = launcherEnv({ kafka: 29692, controller: 29693, mongo: 27048, redis: 26579 });
    const { code, stdout } = await cli(['status'], env);
    expect(code).toBe(0);
    const home = env.DIGICRAFT_HOME ?? '';
    expect(stdout.trimEnd().split('\n').map((line) => line.replace(/ +/g, ' '))).toEqual([
      `kafka stopped pid - 127.0.0.1:29692 log ${home}/kafka/kafka.log`,
      `mongo (FerretDB) stopped pid - mongodb://127.0.0.1:27048 log ${home}/ferretdb/ferretdb.log`,
      `redis stopped pid - redis://127.0.0.1:26579 log ${home}/redis/redis.log`,
    ]);
  });

  it('stops with a message naming a bad setting', async () => {
    const env = { ...launcherEnv({ kafka: 29692, controller: 29693, mongo: 27048, redis: 26579 }), DIGICRAFT_KAFKA_PORT: '80' };
    const { code, stderr } = await cli(['start'], env);
    expect(code).toBe(1);
    expect(stderr).toContain('DC_ERR_INFRA_CONFIG: DIGICRAFT_KAFKA_PORT: 80 is outside 1024..65535');
  });

  it('shows its usage for an unknown command', async () => {
    const { code, stderr } = await cli(['launch'], process.env);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: node deploy/local/dist/cli.js start|stop|status|provision');
  });
});
