import type { Logger } from '@digicraft/logging';
import { closeRedis, createRedis, pingRedis, type Redis } from '@digicraft/redis';
import type { ServicePart } from '../lifecycle';
import type { ReadinessCheck } from '../readiness';

export interface RedisPart extends ServicePart, ReadinessCheck {
  readonly client: Redis;
}

export function redisPart(options: { url: string; logger: Logger; name: string; autoPipelining?: boolean }): RedisPart {
  let client: Redis | undefined;
  const open = (): Redis => {
    if (!client) throw new Error('the redis part has not started');
    return client;
  };
  return {
    name: 'redis',
    get client() {
      return open();
    },
    async start() {
      client = createRedis({ url: options.url, logger: options.logger, name: options.name, autoPipelining: options.autoPipelining });
      await pingRedis(client);
    },
    async stop() {
      if (client) await closeRedis(client);
    },
    check: () => pingRedis(open()),
  };
}
