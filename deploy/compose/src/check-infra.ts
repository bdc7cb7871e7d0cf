/**
 * Checks the infrastructure entries: the required images, MongoDB as a replica set that
 * initiates itself, Kafka in KRaft mode with auto topic creation off and a listener other
 * containers can reach, and a provisioning entry that creates exactly the platform's topics.
 */
import { type ComposeEntry, dependsOnOf, environmentOf, healthcheckTestOf, textOf, withDefaults } from './compose-model';
import { DEFAULT_PARTITIONS, INFRA, INFRA_IMAGE_PATTERNS } from './platform-layout';

function imageProblems(entries: Record<string, ComposeEntry>): string[] {
  const problems: string[] = [];
  for (const [name, pattern] of Object.entries(INFRA_IMAGE_PATTERNS)) {
    const entry = entries[name];
    if (!entry) {
      problems.push(`${name}: missing compose entry`);
      continue;
    }
    const image = typeof entry.image === 'string' ? withDefaults(entry.image) : '';
    if (!pattern.test(image)) problems.push(`${name}: image "${image}" does not match ${String(pattern)}`);
  }
  return problems;
}

/** The replica set name mongod is started with, if any. */
export function replicaSetOf(mongo: ComposeEntry | undefined): string | undefined {
  const command = mongo ? withDefaults(textOf(mongo.command)) : '';
  return /--replSet[= ]+["']?([A-Za-z0-9_-]+)/.exec(command)?.[1];
}

function mongoProblems(mongo: ComposeEntry | undefined): string[] {
  if (!mongo) return [];
  const problems: string[] = [];
  if (replicaSetOf(mongo) === undefined) problems.push(`${INFRA.mongo}: mongod must run with --replSet (one-node replica set)`);
  const test = healthcheckTestOf(mongo) ?? '';
  if (!test.includes('rs.initiate')) problems.push(`${INFRA.mongo}: the healthcheck must run rs.initiate when the replica set is not initiated`);
  return problems;
}

/** `host:port` of every listener Kafka advertises to clients. */
export function advertisedKafkaAddresses(kafka: ComposeEntry | undefined): string[] {
  const advertised = kafka ? (environmentOf(kafka).KAFKA_ADVERTISED_LISTENERS ?? '') : '';
  return advertised
    .split(',')
    .map((listener) => listener.trim().replace(/^[A-Za-z_]+:\/\//, ''))
    .filter((address) => address !== '');
}

function kafkaProblems(kafka: ComposeEntry | undefined): string[] {
  if (!kafka) return [];
  const problems: string[] = [];
  const env = environmentOf(kafka);
  const roles = (env.KAFKA_PROCESS_ROLES ?? '').split(',').map((role) => role.trim());
  if (!roles.includes('broker') || !roles.includes('controller')) {
    problems.push(`${INFRA.kafka}: KAFKA_PROCESS_ROLES must be broker,controller (single-node KRaft)`);
  }
  if (env.KAFKA_AUTO_CREATE_TOPICS_ENABLE !== 'false') {
    problems.push(`${INFRA.kafka}: KAFKA_AUTO_CREATE_TOPICS_ENABLE must be "false" (topics come from provisioning)`);
  }
  if (!advertisedKafkaAddresses(kafka).some((address) => address.startsWith(`${INFRA.kafka}:`))) {
    problems.push(`${INFRA.kafka}: no advertised listener on "${INFRA.kafka}:<port>" for other containers`);
  }
  return problems;
}

/**
 * Topics the provisioning entry creates. It loops `kafka-topics.sh --create` over the
 * whitespace-separated PLATFORM_TOPICS variable; without that loop it creates nothing.
 */
export function provisionedTopicsOf(provision: ComposeEntry): string[] {
  const script = textOf(provision.entrypoint) + ' ' + textOf(provision.command);
  const createsEach = /kafka-topics\.sh\b[^\n]*--create/.test(script) && /\bin \$\$\{?PLATFORM_TOPICS\b/.test(script);
  if (!createsEach) return [];
  return (environmentOf(provision).PLATFORM_TOPICS ?? '').split(/\s+/).filter((topic) => topic !== '');
}

function provisionProblems(provision: ComposeEntry | undefined, platformTopics: readonly string[]): string[] {
  if (!provision) return [];
  const where = INFRA.provision;
  const problems: string[] = [];
  const created = provisionedTopicsOf(provision);
  for (const topic of platformTopics) {
    if (!created.includes(topic)) problems.push(`${where}: does not create topic ${topic}`);
  }
  for (const topic of created) {
    if (!platformTopics.includes(topic)) problems.push(`${where}: creates ${topic}, which is not a platform topic`);
  }
  const script = textOf(provision.entrypoint) + ' ' + textOf(provision.command);
  if (!/--partitions[= ]+"?\$\$\{?KAFKA_PARTITIONS\b/.test(script)) {
    problems.push(`${where}: partitions must come from the KAFKA_PARTITIONS variable`);
  }
  const partitions = environmentOf(provision).KAFKA_PARTITIONS;
  if (partitions !== String(DEFAULT_PARTITIONS)) {
    problems.push(`${where}: KAFKA_PARTITIONS defaults to ${partitions ?? 'nothing'}, expected ${DEFAULT_PARTITIONS}`);
  }
  if (dependsOnOf(provision)[INFRA.kafka] !== 'service_healthy') {
    problems.push(`${where}: must wait for ${INFRA.kafka} with condition service_healthy`);
  }
  return problems;
}

export function infraProblems(entries: Record<string, ComposeEntry>, platformTopics: readonly string[]): string[] {
  return [
    ...imageProblems(entries),
    ...mongoProblems(entries[INFRA.mongo]),
    ...kafkaProblems(entries[INFRA.kafka]),
    ...provisionProblems(entries[INFRA.provision], platformTopics),
  ];
}
