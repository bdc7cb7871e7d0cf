/**
 * Real HTTP against the gateway listening on an ephemeral port (fastify.inject's
 * light-my-request pulls an ESM-only dependency that jest's CommonJS runtime cannot load).
 */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface RequestOptions {
  readonly method: string;
  readonly url: string;
  readonly payload?: unknown;
  /** Sent as is (not JSON-encoded) when set. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

export class HttpClient {
  constructor(readonly baseUrl: string) {}

  async inject(options: RequestOptions): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.payload !== undefined) {
      body = JSON.stringify(options.payload);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${options.url}`, { method: options.method, headers, body });
    const out: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      out[key] = value;
    });
    return { statusCode: res.status, headers: out, body: await res.text() };
  }
}
