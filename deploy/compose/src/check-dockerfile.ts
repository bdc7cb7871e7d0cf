/**
 * Checks one service Dockerfile as text: a build stage and a runtime stage, pinned base images
 * on a maintained Node line, a non-root runtime user, a /readyz healthcheck, and a build that
 * ships the service it belongs to (a copied Dockerfile that still deploys another package is
 * the mistake this catches most often).
 */

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** Oldest Node major line still maintained when this was written (Node 20 ended 2026-04-30). */
const MIN_NODE_MAJOR = 22;

function instructionsOf(text: string): Instruction[] {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) continue;
    if (/\\\s*$/.test(line)) {
      pending += line.replace(/\\\s*$/, ' ');
      continue;
    }
    logical.push(pending + line);
    pending = '';
  }
  if (pending !== '') logical.push(pending);
  return logical
    .map((line) => /^\s*([A-Za-z]+)\s*(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ keyword: (m[1] ?? '').toUpperCase(), args: (m[2] ?? '').trim() }));
}

function baseImageProblems(where: string, froms: Instruction[]): string[] {
  const problems: string[] = [];
  const stageNames = new Set<string>();
  for (const from of froms) {
    const words = from.args.split(/\s+/).filter((w) => !w.startsWith('--'));
    const image = words[0] ?? '';
    const alias = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
    if (!stageNames.has(image)) {
      const tag = /:([^/:@]+)$/.exec(image.split('@')[0] ?? '')?.[1];
      if (!tag || tag === 'latest') problems.push(`${where}: base image "${image}" must be pinned to a tag other than latest`);
      const nodeMajor = /^(?:docker\.io\/(?:library\/)?)?node:(\d+)/.exec(image)?.[1];
      if (nodeMajor !== undefined && Number(nodeMajor) < MIN_NODE_MAJOR) {
        problems.push(`${where}: base image "${image}" is not a maintained Node line (need ${MIN_NODE_MAJOR} or later)`);
      }
    }
    if (alias) stageNames.add(alias);
  }
  return problems;
}

function finalStageProblems(where: string, finalStage: Instruction[]): string[] {
  const problems: string[] = [];
  const users = finalStage.filter((i) => i.keyword === 'USER');
  const user = users[users.length - 1]?.args.split(':')[0];
  if (user === undefined) problems.push(`${where}: the runtime stage has no USER, so the service runs as root`);
  else if (user === 'root' || user === '0') problems.push(`${where}: the runtime stage runs as root (USER ${user})`);

  const healthchecks = finalStage.filter((i) => i.keyword === 'HEALTHCHECK');
  const healthcheck = healthchecks[healthchecks.length - 1]?.args;
  if (healthcheck === undefined || /^NONE$/i.test(healthcheck)) {
    problems.push(`${where}: the runtime stage has no HEALTHCHECK`);
  } else if (!healthcheck.includes('/readyz')) {
    problems.push(`${where}: the HEALTHCHECK does not probe the admin port's /readyz`);
  }

  const cmds = finalStage.filter((i) => i.keyword === 'CMD');
  const cmd = cmds[cmds.length - 1]?.args;
  if (cmd === undefined || !/^\[\s*"node"\s*,\s*"dist\/main\.js"\s*\]$/.test(cmd)) {
    problems.push(`${where}: the runtime stage must end with CMD ["node", "dist/main.js"]`);
  }
  return problems;
}

function buildStepProblems(where: string, instructions: Instruction[], packageName: string): string[] {
  const problems: string[] = [];
  const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  if (!runs.some((run) => /\bpnpm\b.*\binstall\b.*--frozen-lockfile/.test(run))) {
    problems.push(`${where}: the build stage must run "pnpm install --frozen-lockfile"`);
  }
  const deployed = runs
    .filter((run) => /\bpnpm\b.*\bdeploy\b/.test(run))
    .map((run) => /--filter[= ](\S+)/.exec(run)?.[1]?.replace(/^["']|["']$/g, ''));
  if (deployed.length === 0) problems.push(`${where}: the build stage never runs "pnpm deploy" for ${packageName}`);
  for (const name of deployed) {
    if (name !== packageName) problems.push(`${where}: "pnpm deploy" ships ${name ?? 'no --filter'} instead of ${packageName}`);
  }
  return problems;
}

/** Problems with one service's Dockerfile; `packageName` is the service's package.json name. */
export function dockerfileProblems(where: string, text: string, packageName: string): string[] {
  const instructions = instructionsOf(text);
  const fromIndexes = instructions.flatMap((i, index) => (i.keyword === 'FROM' ? [index] : []));
  if (fromIndexes.length < 2) {
    return [`${where}: needs a build stage and a runtime stage (found ${fromIndexes.length} FROM)`];
  }
  const froms = fromIndexes.map((index) => instructions[index] as Instruction);
  const finalStage = instructions.slice(fromIndexes[fromIndexes.length - 1]);
  return [
    ...baseImageProblems(where, froms),
    ...finalStageProblems(where, finalStage),
    ...buildStepProblems(where, instructions, packageName),
  ];
}
