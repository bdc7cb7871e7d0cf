/**
 * jest runs globalSetup and globalTeardown in the same process; what setup started is handed to
 * teardown through this global slot (the only state jest lets the two share).
 */
const SLOT = Symbol.for('digicraft.testkit.infra-teardown');

type Teardown = () => Promise<void>;
type Holder = { [SLOT]?: Teardown };

export function rememberTeardown(teardown: Teardown): void {
  (globalThis as Holder)[SLOT] = teardown;
}

export function takeTeardown(): Teardown | undefined {
  const holder = globalThis as Holder;
  const teardown = holder[SLOT];
  delete holder[SLOT];
  return teardown;
}
