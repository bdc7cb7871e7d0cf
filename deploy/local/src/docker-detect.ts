import http from 'node:http';

export interface DockerEndpoint {
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
}

/** Where the Docker engine would be: DOCKER_HOST (unix:// or tcp://) or the default socket. */
export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env): DockerEndpoint | undefined {
  const raw = env.DOCKER_HOST?.trim();
  if (!raw) return { socketPath: '/var/run/docker.sock' };
  if (raw.startsWith('unix://')) return { socketPath: raw.slice('unix://'.length) };
  if (raw.startsWith('tcp://')) {
    const url = new URL(raw.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  return undefined; // ssh:// and others: not probed, treated as unreachable
}

/**
 * True when a Docker engine answers `GET /_ping` within the timeout. The docker CLI alone is not
 * enough (it is often installed without an engine), so the engine itself is asked.
 */
export function isDockerReachable(env: NodeJS.ProcessEnv = process.env, timeoutMs = 1_000): Promise<boolean> {
  const endpoint = dockerEndpoint(env);
  if (!endpoint) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const request = http.get({ ...endpoint, path: '/_ping', timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(false));
  });
}

/** What a user with Docker runs instead of the local launcher. */
export const COMPOSE_COMMAND = 'docker compose up -d kafka mongo redis';
