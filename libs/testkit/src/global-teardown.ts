import { takeTeardown } from './infra-session';

/** Stops only what this run's globalSetup started; DIGICRAFT_KEEP_INFRA=1 keeps it for the next run. */
export default async function globalTeardown(): Promise<void> {
  const teardown = takeTeardown();
  if (!teardown || process.env.DIGICRAFT_KEEP_INFRA === '1') return;
  await teardown();
}
