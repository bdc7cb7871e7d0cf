import { DigiCraftError } from '@digicraft/errors';

/** A launcher setting (environment variable) has an unusable value. */
export class InfraConfigError extends DigiCraftError {
  constructor(variable: string, message: string) {
    super('DC_ERR_INFRA_CONFIG', 'invalid-argument', `${variable}: ${message}`, {
      fields: [{ field: variable, message }],
    });
  }
}

/** A program the launcher needs (java, mvn, go, redis-server) is missing and was not installed. */
export class MissingToolError extends DigiCraftError {
  constructor(tool: string, howToInstall: string) {
    super('DC_ERR_INFRA_MISSING_TOOL', 'failed-precondition', `${tool} is not installed: ${howToInstall}`);
  }
}

/**
 * A server did not come up. The message always names the server and its log file, because the
 * log is where the real reason is.
 */
export class ServerStartError extends DigiCraftError {
  readonly server: string;
  readonly logFile: string;

  constructor(server: string, reason: string, logFile: string, logTail = '') {
    const tail = logTail.trim() === '' ? '' : `\nlast lines of the log:\n${logTail.trimEnd()}`;
    super('DC_ERR_INFRA_START', 'unavailable', `${server} did not start: ${reason} (log: ${logFile})${tail}`);
    this.server = server;
    this.logFile = logFile;
  }
}

/** A Docker engine is reachable but nothing was given to start containers with. */
export class DockerComposeRequiredError extends DigiCraftError {
  constructor(composeCommand: string) {
    super(
      'DC_ERR_INFRA_DOCKER',
      'failed-precondition',
      `a Docker engine is reachable: start the servers with \`${composeCommand}\` and set KAFKA_BROKERS, ` +
        'MONGO_URL and REDIS_URL, or set DIGICRAFT_INFRA=local to use the built-in launcher',
    );
  }
}
