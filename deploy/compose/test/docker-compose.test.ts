import { resolve } from 'node:path';
import { allPlatformTopics } from '@digicraft/contracts';
import { entriesOf } from '../src/compose-model';
import { loadComposeInputs } from '../src/load-compose-inputs';
import { provisionedTopicsOf } from '../src/check-infra';
import { type ComposeInputs, type ServiceSource, validateCompose } from '../src/validate-compose';

// No Docker engine on our machines: these tests read docker-compose.yml and the service
// Dockerfiles as a user's `docker compose up` would depend on them, and prove each check bites.

type Entry = Record<string, unknown>;
interface ComposeDoc {
  services: Record<string, Entry>;
}

const repoRoot = resolve(__dirname, '../../..');
const real = loadComposeInputs(repoRoot);

/** A deep copy with YAML aliases unshared, so a mutation touches one entry only. */
const copyOf = (compose: unknown): ComposeDoc => JSON.parse(JSON.stringify(compose)) as ComposeDoc;
const entry = (doc: ComposeDoc, name: string): Entry => doc.services[name] as Entry;
const envOf = (doc: ComposeDoc, name: string): Record<string, string> => entry(doc, name).environment as Record<string, string>;

function problemsAfter(mutate: (doc: ComposeDoc) => void, services: readonly ServiceSource[] = real.services): string[] {
  const compose = copyOf(real.compose);
  mutate(compose);
  const inputs: ComposeInputs = { ...real, compose, services };
  return validateCompose(inputs);
}

function withDockerfile(name: string, edit: (text: string) => string): ServiceSource[] {
  return real.services.map((source) =>
    source.name === name && source.dockerfile !== undefined ? { ...source, dockerfile: edit(source.dockerfile) } : source,
  );
}

describe('docker-compose.yml as committed', () => {
  it('has no problems', () => {
    expect(validateCompose(real)).toEqual([]);
  });

  it('has an entry built from its own Dockerfile for every service directory', () => {
    const names = Object.keys(entriesOf(real.compose));
    const built = real.services.filter((s) => s.dockerfile !== undefined).map((s) => s.name);
    expect(built).toEqual(expect.arrayContaining(['gateway', 'registration', 'judging', 'talent-pool', 'matching']));
    expect(names).toEqual(expect.arrayContaining(built));
  });

  it('provisions exactly the platform topics from the contracts', () => {
    const provision = entriesOf(real.compose)['kafka-init'] ?? {};
    expect([...provisionedTopicsOf(provision)].sort()).toEqual([...allPlatformTopics()].sort());
  });
});

describe('the validator reports what a user would hit', () => {
  const cases: Array<[string, (doc: ComposeDoc) => void, string]> = [
    ['a missing healthcheck', (doc) => delete entry(doc, 'registration').healthcheck, 'registration: long-running entry without a healthcheck'],
    ['a disabled healthcheck', (doc) => (entry(doc, 'redis').healthcheck = { disable: true }), 'redis: long-running entry without a healthcheck'],
    [
      'a topic the provisioning step forgets',
      (doc) => (envOf(doc, 'kafka-init').PLATFORM_TOPICS = envOf(doc, 'kafka-init').PLATFORM_TOPICS?.replace('digicraft.judging.dlq', '') ?? ''),
      'kafka-init: does not create topic digicraft.judging.dlq',
    ],
    [
      'a topic list that Compose would interpolate away ($ instead of $$)',
      (doc) => (entry(doc, 'kafka-init').command = [String((entry(doc, 'kafka-init').command as string[])[0]).replace('$$PLATFORM_TOPICS', '$PLATFORM_TOPICS')]),
      'kafka-init: does not create topic digicraft.accounts',
    ],
    ['mongod without a replica set', (doc) => (entry(doc, 'mongo').command = ['mongod', '--bind_ip_all']), 'mongo: mongod must run with --replSet (one-node replica set)'],
    [
      'a mongo healthcheck that never initiates the replica set',
      (doc) => (entry(doc, 'mongo').healthcheck = { test: ['CMD', 'mongosh', '--eval', 'db.hello()'] }),
      'mongo: the healthcheck must run rs.initiate when the replica set is not initiated',
    ],
    ['Redis 6', (doc) => (entry(doc, 'redis').image = 'redis:6.2'), 'redis: image "redis:6.2" does not match /^redis:7(\\.|-|$)/'],
    ['a latest tag', (doc) => (entry(doc, 'kafka').image = 'apache/kafka:latest'), 'kafka: image "apache/kafka:latest" must be pinned to a tag other than latest'],
    [
      'auto topic creation left on',
      (doc) => (envOf(doc, 'kafka').KAFKA_AUTO_CREATE_TOPICS_ENABLE = 'true'),
      'kafka: KAFKA_AUTO_CREATE_TOPICS_ENABLE must be "false" (topics come from provisioning)',
    ],
    ['a port on every interface', (doc) => (entry(doc, 'gateway').ports = ['8080:8080']), 'gateway: port 8080 is published on every interface, not 127.0.0.1'],
    [
      'a published database port',
      (doc) => (entry(doc, 'mongo').ports = ['127.0.0.1:27017:27017']),
      "mongo: publishes port 27017; only the gateway's HTTP port and admin ports may be published",
    ],
    [
      'starting before the topics exist',
      (doc) => (entry(doc, 'judging').depends_on = ['mongo', 'kafka', 'redis', 'kafka-init']),
      'judging: must depend on kafka-init with condition service_completed_successfully',
    ],
    [
      'servers bound to loopback inside the container',
      (doc) => (envOf(doc, 'registration').BIND_HOST = '127.0.0.1'),
      'registration: BIND_HOST is 127.0.0.1; other containers and published ports need 0.0.0.0',
    ],
    ['a gRPC service without its port', (doc) => delete envOf(doc, 'judging').GRPC_PORT, 'judging: environment lacks GRPC_PORT'],
    ['a missing MONGO_URL', (doc) => delete envOf(doc, 'matching').MONGO_URL, 'matching: environment lacks MONGO_URL'],
    [
      'another service’s database',
      (doc) => (envOf(doc, 'judging').MONGO_URL = 'mongodb://mongo:27017/digicraft_registration?replicaSet=rs0'),
      'judging: MONGO_URL must name the database digicraft_judging',
    ],
    [
      'a broker address Kafka does not advertise',
      (doc) => (envOf(doc, 'talent-pool').KAFKA_BROKERS = '127.0.0.1:9092'),
      'talent-pool: KAFKA_BROKERS "127.0.0.1:9092" is not a listener that kafka advertises',
    ],
    [
      'a gateway upstream on the wrong port',
      (doc) => (envOf(doc, 'gateway').JUDGING_GRPC_ADDR = 'judging:50051'),
      'gateway: JUDGING_GRPC_ADDR is judging:50051, expected judging:50052',
    ],
    ['a service without an entry', (doc) => delete doc.services.matching, 'matching: services/matching has no compose entry'],
    [
      'a build pointing at a Dockerfile that does not exist',
      (doc) => (entry(doc, 'registration').build = { context: '.', dockerfile: 'services/registration/Dockerfile.prod' }),
      'registration: builds from services/registration/Dockerfile.prod, expected services/registration/Dockerfile with the repository root as context',
    ],
  ];

  it.each(cases)('%s', (_label, mutate, expected) => {
    expect(problemsAfter(mutate)).toContain(expected);
  });

  it('skips services/web while it has no Dockerfile, and requires an entry once it has one', () => {
    const web = (dockerfile: string | undefined): ServiceSource[] => [...real.services, { name: 'web', packageName: '@digicraft/web', dockerfile }];
    expect(problemsAfter(() => undefined, web(undefined))).toEqual([]);
    expect(problemsAfter(() => undefined, web('FROM node:22-bookworm-slim'))).toContain('web: services/web has no compose entry');
  });
});

describe('the validator reads the service Dockerfiles', () => {
  const cases: Array<[string, string, (text: string) => string, string]> = [
    ['a single stage', 'judging', (t) => t.replace(/^FROM node:22-bookworm-slim AS runtime$/m, '').replace(/^COPY --from=build.*$/m, ''), 'services/judging/Dockerfile: needs a build stage and a runtime stage (found 1 FROM)'],
    ['running as root', 'gateway', (t) => t.replace(/^USER node$/m, ''), 'services/gateway/Dockerfile: the runtime stage has no USER, so the service runs as root'],
    ['an explicit root user', 'matching', (t) => t.replace(/^USER node$/m, 'USER root'), 'services/matching/Dockerfile: the runtime stage runs as root (USER root)'],
    ['no healthcheck', 'talent-pool', (t) => t.replace(/^HEALTHCHECK[\s\S]*?\n(?=CMD)/m, ''), 'services/talent-pool/Dockerfile: the runtime stage has no HEALTHCHECK'],
    [
      'a copied Dockerfile that ships another service',
      'registration',
      (t) => t.replace('--filter @digicraft/registration', '--filter @digicraft/judging'),
      'services/registration/Dockerfile: "pnpm deploy" ships @digicraft/judging instead of @digicraft/registration',
    ],
    [
      'an end-of-life Node',
      'gateway',
      (t) => t.replace(/node:22-bookworm-slim AS runtime/, 'node:20-bookworm-slim AS runtime'),
      'services/gateway/Dockerfile: base image "node:20-bookworm-slim" is not a maintained Node line (need 22 or later)',
    ],
    ['an unpinned base image', 'judging', (t) => t.replace('node:22-bookworm-slim AS build', 'node AS build'), 'services/judging/Dockerfile: base image "node" must be pinned to a tag other than latest'],
  ];

  it.each(cases)('%s', (_label, service, edit, expected) => {
    expect(problemsAfter(() => undefined, withDockerfile(service, edit))).toContain(expected);
  });
});
