export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: ReadonlyMap<string, string | true>;
}

/** Minimal `--flag value` / `--switch` parser: the CLI has few options and no dependencies. */
export function parseArgs(argv: readonly string[], switches: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (switches.includes(name)) {
      flags.set(name, true);
    } else {
      const value = argv[index + 1];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      flags.set(name, value);
      index += 1;
    }
  }
  return { positional, flags };
}

export function flagText(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}
