import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ServerStartError } from './infra-errors';
import { layout } from './infra-config';
import { runCommand } from './run-command';
import { ensureTool, TOOLS } from './tool-check';

export const KAFKA_VERSION = '3.9.1';

// kafka_2.13 leaves out a logging backend; without reload4j nothing is logged and Kafka's log4j
// controller class can fail to load. The plugin is pinned because Maven 3.8's default is old.
const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>digicraft</groupId>
  <artifactId>kafka-local</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
    <dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>1.2.25</version></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.6.1</version></plugin>
    </plugins>
  </build>
</project>
`;

// One readable line per event; loggers that write a line per partition or request are quietened.
const LOG4J = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log=WARN
log4j.logger.kafka.cluster.Partition=WARN
log4j.logger.org.apache.kafka.storage.internals.log=WARN
log4j.logger.org.apache.kafka.controller.ReplicationControlManager=WARN
`;

export interface KafkaDistribution {
  readonly java: string;
  readonly libsDir: string;
  readonly log4jFile: string;
  /** The classpath wildcard; passed to java unexpanded so the JVM, not a shell, expands it. */
  readonly classpath: string;
}

/** Collects the Kafka jars from Maven Central once into the cache (later calls take milliseconds). */
export async function ensureKafkaDistribution(home: string, log: (line: string) => void): Promise<KafkaDistribution> {
  const dir = layout.kafkaDist(home);
  const libsDir = path.join(dir, 'libs');
  const log4jFile = path.join(dir, 'log4j.properties');
  const stamp = path.join(dir, '.installed');
  const buildLog = path.join(dir, 'install.log');
  const java = await ensureTool(TOOLS.java, buildLog, log);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== KAFKA_VERSION) {
    const mvn = await ensureTool(TOOLS.mvn, buildLog, log);
    mkdirSync(dir, { recursive: true });
    rmSync(libsDir, { recursive: true, force: true });
    writeFileSync(path.join(dir, 'pom.xml'), POM);
    log(`downloading Kafka ${KAFKA_VERSION} jars with Maven (log: ${buildLog})`);
    const code = await runCommand(
      mvn,
      ['-q', '-B', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libsDir}`],
      { cwd: dir, logFile: buildLog },
    );
    if (code !== 0) throw new ServerStartError('kafka', `mvn exited with ${code} while collecting the jars`, buildLog);
    writeFileSync(stamp, `${KAFKA_VERSION}\n`);
  }
  writeFileSync(log4jFile, LOG4J);
  return { java, libsDir, log4jFile, classpath: path.join(libsDir, '*') };
}
