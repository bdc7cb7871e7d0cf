export { loadConfig, loadConfigOrExit } from './load-config';
export { ConfigError } from './config-error';
export { envField, type FieldOptions, type Parser } from './env-field';
export {
  port,
  positiveInt,
  durationMs,
  bindHost,
  bool,
  oneOf,
  logLevel,
  url,
  kafkaBrokers,
  serviceName,
  LOG_LEVELS,
  type LogLevel,
  type UrlOptions,
} from './fields';
export { serviceConfigSchema, type ServiceConfig } from './service-config';
