import http from 'node:http';

/**
 * The bench's HTTP client: node:http over keep-alive sockets, one per concurrent caller. fetch
 * costs several times more CPU per request, and on a 2-core machine the load generator's CPU is
 * taken from the servers it measures.
 */
export class KeepAliveClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(base: string, connections: number) {
    this.url = new URL(base);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  post(path: string, token: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method: 'POST',
          path,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            let parsed: Record<string, unknown> = {};
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
            } catch {
              // Not JSON: the status says what happened.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
