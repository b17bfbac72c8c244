#!/usr/bin/env node
// Static checks of the CI/CD configuration that the generic linters do not cover.
//
//   .circleci/config.yml   YAML validity, @circleci/circleci-config-parser, workflow wiring
//                          (jobs exist and are used, requires, tag filters upstream of tag-filtered
//                          jobs), reusable commands/executors exist, every file or script the
//                          pipeline calls exists (and scripts are executable), pinned images and
//                          orbs, no secret literals, credentials only through contexts.
//   .github/workflows/*    every action pinned to a full commit SHA with a version comment,
//                          no secret literals.
//   .github/dependabot.yml maven, docker and github-actions, weekly.
//   .gitleaks.toml         extends the default rules; the allowlist stays narrow.
//
// Usage: node tools/lint/pipelines-check.mjs [--root DIR]
//   --root DIR  repository to check (default: the current directory)
// Exit status: 0 when there are no findings, 1 otherwise, 2 on a usage error.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import YAML from 'yaml';

const require = createRequire(import.meta.url);

// Files the pipeline uses that other parts of the repository provide.
// Repository files recognised by name wherever they appear in a command.
const KNOWN_FILE = /^(Dockerfile(\.[\w-]+)?|docker-compose\.ya?ml|compose\.ya?ml|helmfile\.ya?ml|deploy\.sh|pom\.xml|mvnw|\.env\.example)$/;
const BUILTIN_STEPS = new Set([
  'run', 'checkout', 'restore_cache', 'save_cache', 'store_artifacts', 'store_test_results',
  'persist_to_workspace', 'attach_workspace', 'add_ssh_keys', 'setup_remote_docker', 'when',
  'unless', 'deploy',
]);
const FLOATING_TAGS = new Set(['latest', 'current', 'edge', 'default', 'stable', 'main', 'master']);
const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential)/i;
const SECRET_VALUE_PATTERNS = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bdckr_pat_[A-Za-z0-9_-]{20,}\b/, 'a Docker Hub access token'],
  [/\bxox[baprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bCCIPAT_[A-Za-z0-9_]{20,}\b/, 'a CircleCI token'],
];

function parseArgs(argv) {
  const options = { root: process.cwd() };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--root' && i + 1 < argv.length) {
      options.root = path.resolve(argv[i += 1]);
    } else if (arg === '-h' || arg === '--help') {
      const text = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n');
      console.log(text.slice(1, 20).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else {
      console.error(`unknown argument: ${arg} (see --help)`);
      process.exit(2);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const root = options.root;
const findings = [];
const finding = (file, message) => findings.push(`${file}: ${message}`);
const exists = (rel) => fs.existsSync(path.join(root, rel));
const read = (rel) => fs.readFileSync(path.join(root, rel), 'utf8');

// ---------------------------------------------------------------------------------------------
// Shared functions

function loadYaml(rel) {
  let docs;
  try {
    docs = YAML.parseAllDocuments(read(rel), { prettyErrors: true });
  } catch (error) {
    finding(rel, `cannot be read: ${error.message}`);
    return undefined;
  }
  if (docs.length !== 1) {
    finding(rel, `must hold exactly one YAML document (found ${docs.length})`);
    return undefined;
  }
  const [doc] = docs;
  for (const error of [...doc.errors, ...doc.warnings]) {
    finding(rel, `invalid YAML: ${error.message.split('\n')[0]}`);
  }
  return doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
}

// Visits every string in a parsed YAML value with its key path.
function walkStrings(value, visit, trail = []) {
  if (typeof value === 'string') {
    visit(value, trail);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walkStrings(item, visit, [...trail, index]));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walkStrings(item, visit, [...trail, key]);
  }
}

// Splits a shell command into words (quotes removed; enough for path and image detection).
function shellWords(command) {
  const words = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"'|;&<>()]+)/g;
  for (const line of command.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    let match;
    while ((match = pattern.exec(line)) !== null) {
      words.push(match[1] ?? match[2] ?? match[3]);
    }
  }
  return words;
}

function globExists(pattern) {
  const parts = pattern.split('/').filter(Boolean);
  const matchDir = (dir, index) => {
    if (index === parts.length) return true;
    const part = parts[index];
    if (!part.includes('*')) {
      const next = path.join(dir, part);
      return fs.existsSync(next) && (index === parts.length - 1 || fs.statSync(next).isDirectory())
        && matchDir(next, index + 1);
    }
    const re = new RegExp(`^${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    if (!fs.existsSync(dir)) return false;
    return fs.readdirSync(dir, { withFileTypes: true })
      .filter((entry) => re.test(entry.name) && (index === parts.length - 1 ? true : entry.isDirectory()))
      .some((entry) => matchDir(path.join(dir, entry.name), index + 1));
  };
  return matchDir(root, 0);
}

// Records a repository path the pipeline uses; missing ones are reported once, with their users.
const missingPaths = new Map();
function requirePath(source, rel, user, { invoked = false } = {}) {
  let clean = rel.replace(/^\.\//, '');
  if (clean.includes('*') && /^charts\/.*\/$/.test(clean)) clean += 'Chart.yaml'; // a chart directory
  clean = clean.replace(/\/+$/, '');
  const present = clean.includes('*') ? globExists(clean) : exists(clean);
  if (!present) {
    const key = `${source}\u0000${clean}`;
    if (!missingPaths.has(key)) missingPaths.set(key, { source, rel: clean, users: new Set() });
    missingPaths.get(key).users.add(user);
    return;
  }
  if (invoked && !clean.includes('*') && /\.sh$|^mvnw$/.test(clean)) {
    const mode = fs.statSync(path.join(root, clean)).mode;
    if ((mode & 0o111) === 0) finding(source, `${user} runs ${clean}, which is not executable`);
  }
}

function reportMissingPaths() {
  for (const { source, rel, users } of missingPaths.values()) {
    const message = `${rel} does not exist in the repository (used by ${[...users].join(', ')})`;
    finding(source, message);
  }
}

// Repository paths named by a shell command.
function commandPaths(command) {
  const paths = [];
  const words = shellWords(command);
  words.forEach((word, index) => {
    if (!word || /[$`{}<>]|:\/\/|^[~/-]|^\*/.test(word)) return;
    if (/^target\//.test(word)) return; // build output
    const invoked = index === 0 || ['&&', '||', 'bash', 'sh', 'source', '.'].includes(words[index - 1]);
    if (/^\.\//.test(word) || /^(\.circleci|charts|tools|src|\.mvn|\.github)\//.test(word)
      || KNOWN_FILE.test(word) || (/^[\w./-]+\.sh$/.test(word))) {
      paths.push({ path: word, invoked: invoked || /^\.\//.test(word) || word.endsWith('.sh') });
    }
  });
  return paths;
}

// Paths a repository script relies on: sibling scripts called through its own directory and
// repository files it names.
function scriptPaths(rel, seen = new Set()) {
  if (seen.has(rel) || !exists(rel)) return [];
  seen.add(rel);
  const text = read(rel);
  const dir = path.posix.dirname(rel);
  const found = [];
  for (const match of text.matchAll(/"\$(?:HERE|SCRIPT_DIR|DIR)\/([\w.-]+)"/g)) {
    const sibling = path.posix.join(dir, match[1]);
    found.push({ path: sibling, via: rel });
    found.push(...scriptPaths(sibling, seen));
  }
  for (const word of shellWords(text.replace(/\[(\w+)\]=/g, ' '))) {
    if (KNOWN_FILE.test(word)) found.push({ path: word, via: rel });
  }
  // Files a tool reads implicitly from the working directory.
  const code = text.split('\n').filter((line) => !/^\s*#/.test(line)).map((line) => line.replace(/\s#\s.*$/, '')).join('\n');
  if (/\bhelmfile\s+(-|apply|sync|diff|template|lint|destroy)/.test(code)) found.push({ path: 'helmfile.yaml', via: rel });
  if (/\bdocker compose\s/.test(code)) found.push({ path: 'docker-compose.yml', via: rel });
  return found;
}

function imageIsPinned(image) {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const name = image.split('/').pop();
  const colon = name.lastIndexOf(':');
  if (colon < 0) return false;
  const tag = name.slice(colon + 1);
  return tag.length > 0 && !FLOATING_TAGS.has(tag.toLowerCase());
}

// Images started by `docker run` in a command.
const DOCKER_RUN_VALUE_FLAGS = new Set([
  '-v', '--volume', '-w', '--workdir', '-e', '--env', '--env-file', '--name', '--entrypoint',
  '--network', '-u', '--user', '--platform', '--mount', '-p', '--publish', '--label', '-l',
  '--add-host', '--pull', '--cpus', '-m', '--memory',
]);
function dockerRunImages(command) {
  const images = [];
  const words = shellWords(command);
  for (let i = 0; i < words.length - 1; i += 1) {
    if (words[i] !== 'docker' || words[i + 1] !== 'run') continue;
    let j = i + 2;
    while (j < words.length && words[j].startsWith('-')) {
      j += DOCKER_RUN_VALUE_FLAGS.has(words[j]) ? 2 : 1;
    }
    if (j < words.length) images.push(words[j]);
  }
  return images;
}

// A literal (not a $VARIABLE, << parameter >> or empty value).
const isLiteral = (value) => typeof value === 'string' && value.trim() !== ''
  && !/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value.trim())
  && !/^<<\s*(pipeline\.)?parameters\.[\w-]+\s*>>$/.test(value.trim())
  && !/^\$\{\{\s*secrets\.[\w-]+\s*\}\}$/.test(value.trim());

function checkSecretLiterals(file, data, rawText) {
  walkStrings(data, (value, trail) => {
    const key = String(trail[trail.length - 1] ?? '');
    if (SECRET_NAME.test(key) && !/^(description|name)$/.test(key) && isLiteral(value)
      && !/^(true|false|\d+)$/.test(value)) {
      finding(file, `${trail.join('.')} holds a literal credential; use an environment variable from a context or secret`);
    }
    if (typeof value === 'string') {
      for (const word of shellWords(value)) {
        const m = word.match(/^--?(password|token|secret|api-key)(=(.*))?$/i);
        if (m && m[3] && isLiteral(m[3])) finding(file, `${trail.join('.')} passes a literal --${m[1]}`);
      }
      const words = shellWords(value);
      words.forEach((word, index) => {
        if (/^(--password|-p)$/.test(word) && words.slice(0, index).includes('login')
          && words[index + 1] && isLiteral(words[index + 1])) {
          finding(file, `${trail.join('.')} logs in with a literal password; use --password-stdin with a variable`);
        }
      });
      for (const match of value.matchAll(/\b([A-Za-z_]*(PASSWORD|TOKEN|SECRET)[A-Za-z_]*)=([^\s"'$;]+)/g)) {
        if (isLiteral(match[3]) && !/^\$/.test(match[3])) {
          finding(file, `${trail.join('.')} assigns a literal value to ${match[1]}`);
        }
      }
    }
  });
  for (const [pattern, what] of SECRET_VALUE_PATTERNS) {
    if (pattern.test(rawText)) finding(file, `contains what looks like ${what}`);
  }
}

// ---------------------------------------------------------------------------------------------
// .circleci/config.yml

function checkCircleCi() {
  const rel = '.circleci/config.yml';
  if (!exists(rel)) {
    finding(rel, 'missing');
    return;
  }
  const raw = read(rel);
  const config = loadYaml(rel);
  if (!config || typeof config !== 'object') return;

  if (String(config.version) !== '2.1') finding(rel, `version must be 2.1 (found ${config.version})`);

  // The CircleCI SDK parser (offline). It cannot resolve orbs, so a config with orbs is parsed
  // with the orb-dependent parts reported instead.
  try {
    const parser = require('@circleci/circleci-config-parser');
    parser.parseConfig(raw);
  } catch (error) {
    finding(rel, `rejected by @circleci/circleci-config-parser: ${String(error.message ?? error).split('\n')[0]}`);
  }

  const jobs = config.jobs ?? {};
  const commands = config.commands ?? {};
  const executors = config.executors ?? {};
  const orbs = config.orbs ?? {};
  const workflows = config.workflows ?? {};
  if (!Object.keys(jobs).length) finding(rel, 'defines no jobs');
  if (!Object.keys(workflows).length) finding(rel, 'defines no workflows');

  // Orbs: pinned to a full semantic version.
  for (const [alias, ref] of Object.entries(orbs)) {
    if (typeof ref === 'string' && !/^[\w-]+\/[\w-]+@\d+\.\d+\.\d+$/.test(ref)) {
      finding(rel, `orb ${alias} (${ref}) must be pinned to a full version, e.g. ns/name@1.2.3`);
    }
  }
  const isOrbRef = (name) => typeof name === 'string' && name.includes('/') && name.split('/')[0] in orbs;

  // Executors and images: pinned.
  const checkExecutor = (where, spec) => {
    if (!spec || typeof spec !== 'object') return;
    if (spec.machine) {
      const image = typeof spec.machine === 'object' ? spec.machine.image : undefined;
      if (!image) finding(rel, `${where} uses a machine executor without a pinned image`);
      else if (!imageIsPinned(image)) finding(rel, `${where} machine image ${image} is not pinned to a dated tag`);
    }
    for (const container of spec.docker ?? []) {
      if (!imageIsPinned(container.image ?? '')) finding(rel, `${where} image ${container.image} is not pinned`);
    }
  };
  for (const [name, spec] of Object.entries(executors)) checkExecutor(`executor ${name}`, spec);

  const usedCommands = new Set();
  const usedExecutors = new Set();
  const checkSteps = (where, steps) => {
    for (const step of steps ?? []) {
      const name = typeof step === 'string' ? step : Object.keys(step ?? {})[0];
      const body = typeof step === 'string' ? undefined : step[name];
      if (!BUILTIN_STEPS.has(name)) {
        usedCommands.add(name);
        if (!(name in commands) && !isOrbRef(name)) finding(rel, `${where} calls command ${name}, which is not defined`);
      }
      if (name === 'when' || name === 'unless') checkSteps(where, body?.steps);
      const commandText = name === 'run' ? (typeof body === 'string' ? body : body?.command) : undefined;
      if (commandText) {
        for (const p of commandPaths(commandText)) {
          requirePath(rel, p.path, where, { invoked: p.invoked });
          if (p.invoked && /\.sh$/.test(p.path)) {
            for (const dep of scriptPaths(p.path.replace(/^\.\//, ''))) requirePath(rel, dep.path, dep.via);
          }
        }
        for (const image of dockerRunImages(commandText)) {
          if (!imageIsPinned(image)) finding(rel, `${where} runs image ${image}, which is not pinned to a version`);
        }
        if (/\bdocker compose\b|\bdocker-compose\b/.test(commandText)) requirePath(rel, 'docker-compose.yml', where);
        if (/\bhelmfile\b/.test(commandText)) requirePath(rel, 'helmfile.yaml', where);
      }
      if (body && typeof body === 'object') {
        for (const key of ['key', 'keys']) {
          for (const template of [].concat(body[key] ?? [])) {
            for (const m of String(template).matchAll(/checksum\s+"([^"]+)"/g)) requirePath(rel, m[1], `${where} (cache key)`);
          }
        }
      }
    }
  };
  for (const [name, command] of Object.entries(commands)) checkSteps(`command ${name}`, command?.steps);

  for (const [name, job] of Object.entries(jobs)) {
    if (!job || typeof job !== 'object') {
      finding(rel, `job ${name} is empty`);
      continue;
    }
    const executor = typeof job.executor === 'string' ? job.executor : job.executor?.name;
    if (executor) {
      usedExecutors.add(executor);
      if (!(executor in executors) && !isOrbRef(executor)) finding(rel, `job ${name} uses executor ${executor}, which is not defined`);
    } else if (!job.machine && !job.docker && !job.macos) {
      finding(rel, `job ${name} has no executor`);
    }
    checkExecutor(`job ${name}`, job);
    if (!Array.isArray(job.steps) || !job.steps.length) finding(rel, `job ${name} has no steps`);
    checkSteps(`job ${name}`, job.steps);
  }
  for (const name of Object.keys(commands)) {
    const usedByCommands = Object.values(commands).some((c) => JSON.stringify(c?.steps ?? []).includes(`"${name}"`));
    if (!usedCommands.has(name) && !usedByCommands) finding(rel, `command ${name} is defined but never used`);
  }
  for (const name of Object.keys(executors)) {
    if (!usedExecutors.has(name)) finding(rel, `executor ${name} is defined but never used`);
  }

  // Workflows: jobs exist, every job is used, requires stay inside the workflow, no cycles,
  // tag filters reach every upstream job of a tag-filtered job.
  const jobsInWorkflows = new Set();
  for (const [workflowName, workflow] of Object.entries(workflows)) {
    if (workflowName === 'version') continue;
    const entries = (workflow?.jobs ?? []).map((entry) => {
      const job = typeof entry === 'string' ? entry : Object.keys(entry)[0];
      const settings = typeof entry === 'string' ? {} : (entry[job] ?? {});
      return { job, name: settings.name ?? job, settings };
    });
    if (!entries.length) finding(rel, `workflow ${workflowName} has no jobs`);
    const byName = new Map();
    for (const entry of entries) {
      if (byName.has(entry.name)) finding(rel, `workflow ${workflowName} lists ${entry.name} twice`);
      byName.set(entry.name, entry);
      jobsInWorkflows.add(entry.job);
      if (!(entry.job in jobs) && !isOrbRef(entry.job)) finding(rel, `workflow ${workflowName} references job ${entry.job}, which is not defined`);
    }
    for (const entry of entries) {
      for (const required of [].concat(entry.settings.requires ?? [])) {
        const requiredName = typeof required === 'string' ? required : Object.keys(required)[0];
        if (!byName.has(requiredName)) {
          finding(rel, `workflow ${workflowName}: ${entry.name} requires ${requiredName}, which is not a job of this workflow`);
        }
      }
    }
    const visiting = new Set();
    const done = new Set();
    const visit = (name, chain) => {
      if (done.has(name) || !byName.has(name)) return;
      if (visiting.has(name)) {
        finding(rel, `workflow ${workflowName} has a requires cycle: ${[...chain, name].join(' -> ')}`);
        return;
      }
      visiting.add(name);
      for (const r of [].concat(byName.get(name).settings.requires ?? [])) visit(typeof r === 'string' ? r : Object.keys(r)[0], [...chain, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of byName.keys()) visit(name, []);

    const runsOnTags = (entry) => Boolean(entry?.settings?.filters?.tags?.only ?? entry?.settings?.filters?.tags?.ignore);
    const upstream = (name, acc = new Set()) => {
      for (const r of [].concat(byName.get(name)?.settings.requires ?? [])) {
        const requiredName = typeof r === 'string' ? r : Object.keys(r)[0];
        if (!acc.has(requiredName)) {
          acc.add(requiredName);
          upstream(requiredName, acc);
        }
      }
      return acc;
    };
    for (const entry of entries.filter(runsOnTags)) {
      for (const name of upstream(entry.name)) {
        if (byName.has(name) && !byName.get(name).settings.filters?.tags?.only) {
          finding(rel, `workflow ${workflowName}: ${entry.name} runs on tags but the job it requires, ${name}, has no tags filter (it would never run for a tag)`);
        }
      }
    }

    // Jobs that read registry credentials get them from a context.
    for (const entry of entries) {
      const job = jobs[entry.job];
      if (!job) continue;
      let text = JSON.stringify(job.steps ?? []);
      for (const p of commandPaths(text.replace(/\\n/g, '\n').replace(/\\"/g, '"'))) {
        const file = p.path.replace(/^\.\//, '');
        if (/\.sh$/.test(file) && exists(file)) {
          text += read(file);
          for (const dep of scriptPaths(file)) if (/\.sh$/.test(dep.path) && exists(dep.path)) text += read(dep.path);
        }
      }
      const credentials = [...new Set([...text.matchAll(/\$\{?((DOCKERHUB|DOCKER|REGISTRY)_[A-Z_]+|[A-Z_]*_TOKEN)\b/g)].map((m) => m[1]))]
        .filter((variable) => !/^CIRCLE_/.test(variable));
      if (credentials.length && !entry.settings.context) {
        finding(rel, `workflow ${workflowName}: job ${entry.name} reads ${credentials.join(', ')} but has no context to supply them`);
      }
    }
  }
  for (const name of Object.keys(jobs)) {
    if (!jobsInWorkflows.has(name)) finding(rel, `job ${name} is defined but no workflow runs it`);
  }

  // Scripts the pipeline relies on pin their tool versions and images.
  for (const file of new Set(findScripts('.circleci'))) {
    const text = read(file);
    for (const m of text.matchAll(/^\s*([A-Z_]+_IMAGE)="(?:\$\{\1:-)?([^"}]+)\}?"/gm)) {
      if (!imageIsPinned(m[2])) finding(file, `${m[1]} (${m[2]}) is not pinned to a version`);
    }
    for (const m of text.matchAll(/^\s*([A-Z_]+_VERSION)="([^"]*)"/gm)) {
      if (!m[2] || FLOATING_TAGS.has(m[2].toLowerCase())) finding(file, `${m[1]} must name an exact version (found "${m[2]}")`);
    }
  }

  checkSecretLiterals(rel, config, raw);
}

function findScripts(dir) {
  const out = [];
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return out;
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findScripts(rel));
    else if (entry.name.endsWith('.sh')) out.push(rel);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// .github

function checkGithubWorkflows() {
  const dir = '.github/workflows';
  const files = exists(dir)
    ? fs.readdirSync(path.join(root, dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${dir}/${f}`)
    : [];
  if (!files.length) finding(dir, 'holds no workflow');
  for (const rel of files) {
    const raw = read(rel);
    const workflow = loadYaml(rel);
    if (!workflow) continue;
    raw.split('\n').forEach((line, index) => {
      const m = line.match(/^\s*-?\s*uses:\s*['"]?([^'"\s#]+)['"]?\s*(#\s*(\S+))?/);
      if (!m || m[1].startsWith('./')) return;
      const where = `${rel}:${index + 1}`;
      if (m[1].startsWith('docker://')) {
        if (!/@sha256:[0-9a-f]{64}$/.test(m[1])) finding(where, `${m[1]} must be pinned by digest`);
        return;
      }
      if (!/@[0-9a-f]{40}$/.test(m[1])) finding(where, `${m[1]} must be pinned to a full commit SHA`);
      else if (!m[3] || !/^v?\d+(\.\d+)*$/.test(m[3])) finding(where, `${m[1]} needs a "# vX.Y.Z" comment naming the pinned version`);
    });
    if (!workflow.permissions) finding(rel, 'declares no top-level permissions (give the GITHUB_TOKEN least privilege)');
    checkSecretLiterals(rel, workflow, raw);
  }
}

function checkDependabot() {
  const rel = '.github/dependabot.yml';
  if (!exists(rel)) {
    finding(rel, 'missing');
    return;
  }
  const config = loadYaml(rel);
  if (!config) return;
  if (config.version !== 2) finding(rel, 'version must be 2');
  const updates = Array.isArray(config.updates) ? config.updates : [];
  for (const ecosystem of ['maven', 'docker', 'github-actions']) {
    const update = updates.find((u) => u?.['package-ecosystem'] === ecosystem);
    if (!update) {
      finding(rel, `has no update for ${ecosystem}`);
      continue;
    }
    const directories = [].concat(update.directory ?? update.directories ?? []);
    if (!directories.length) finding(rel, `${ecosystem}: no directory`);
    if (update.schedule?.interval !== 'weekly') finding(rel, `${ecosystem}: schedule.interval must be weekly`);
  }
}

function checkGitleaks() {
  const rel = '.gitleaks.toml';
  if (!exists(rel)) {
    finding(rel, 'missing');
    return;
  }
  const text = read(rel).split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
  if (!/^\s*\[extend\]\s*$/m.test(text) || !/^\s*useDefault\s*=\s*true\s*$/m.test(text)) {
    finding(rel, 'must extend the default rules ([extend] useDefault = true)');
  }
  if (/^\s*\[\[rules\]\]/m.test(text) && !/^\s*\[extend\]/m.test(text)) finding(rel, 'replaces the default rules');
  if (/^\s*(commits|stopwords)\s*=/m.test(text)) finding(rel, 'allow-lists commits or stopwords; keep exceptions to placeholders');
  for (const m of text.matchAll(/^\s*paths\s*=\s*\[([^\]]*)\]/gm)) {
    const entries = [...m[1].matchAll(/'''([^']*)'''|"([^"]*)"/g)].map((e) => e[1] ?? e[2]);
    for (const entry of entries) {
      if (entry !== '^\\.env\\.example$') finding(rel, `allow-lists the path ${entry}; only ^\\.env\\.example$ (placeholders) is expected`);
    }
  }
  if (/^\s*\[(allowlist|\[allowlists\])\]/m.test(text) && !/^\s*condition\s*=\s*"AND"/m.test(text)) {
    finding(rel, 'an allowlist must combine its conditions (condition = "AND") so that it stays narrow');
  }
}

// ---------------------------------------------------------------------------------------------

checkCircleCi();
reportMissingPaths();
checkGithubWorkflows();
checkDependabot();
checkGitleaks();

for (const f of findings) console.log(`error: ${f}`);
if (findings.length) {
  console.log(`pipelines-check: ${findings.length} finding(s)`);
  process.exit(1);
}
console.log('pipelines-check: ok');
