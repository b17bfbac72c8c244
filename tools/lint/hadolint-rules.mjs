#!/usr/bin/env node
// The hadolint rules that have stopped this repository's pipeline before, checked without hadolint,
// under the repository's .hadolint.yaml (failure-threshold, ignored) and hadolint's inline pragmas:
//
//   DL3006  FROM names an image without a tag (a stage alias chosen through a build argument counts)
//   DL4006  a RUN with a pipe, while the stage's SHELL does not set -o pipefail
//   SCxxxx  ShellCheck on every shell-form RUN, as hadolint runs it (dialect sh)
//
// A `# hadolint ignore=RULE[,RULE]` pragma applies to the instruction right below it and must have its
// reason in the comment lines above it; every entry of `ignored` needs its reason in a comment beside it.
//
//   node tools/lint/hadolint-rules.mjs [--config FILE] DOCKERFILE...
// Exits 1 when a finding at or above the failure threshold is not ignored, 2 on a usage error.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const YAML = require(path.resolve(path.dirname(new URL(import.meta.url).pathname), 'node_modules/yaml'));

const SEVERITIES = ['none', 'style', 'info', 'warning', 'error'];

function usage(code) {
  (code === 0 ? console.log : console.error)('Usage: node tools/lint/hadolint-rules.mjs [--config FILE] DOCKERFILE...');
  process.exit(code);
}

function parseArgs(argv) {
  const files = [];
  let config = '.hadolint.yaml';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-h' || argv[i] === '--help') usage(0);
    else if (argv[i] === '--config') config = argv[++i] ?? usage(2);
    else files.push(argv[i]);
  }
  if (files.length === 0) usage(2);
  return { config, files };
}

function loadConfig(file) {
  const text = readFileSync(file, 'utf8');
  const config = YAML.parse(text) ?? {};
  const threshold = config['failure-threshold'];
  if (threshold === undefined) {
    throw new Error(`${file}: set failure-threshold, so that the threshold the pipeline fails at is written down`);
  }
  if (!SEVERITIES.includes(threshold)) {
    throw new Error(`${file}: failure-threshold must be one of ${SEVERITIES.join(', ')}, not '${threshold}'`);
  }
  const ignored = config.ignored ?? [];
  const problems = [];
  for (const rule of ignored) {
    const line = text.split('\n').find((l) => new RegExp(`^\\s*-\\s*['"]?${rule}['"]?\\s*(#.*)?$`).test(l));
    if (!line || !/#\s*\S/.test(line)) problems.push(`${file}: ignored rule ${rule} has no reason in a comment beside it`);
  }
  return { threshold, ignored: new Set(ignored), problems };
}

// Instructions with their continuation lines joined, their first line number and the comment block above them.
function instructions(text) {
  const lines = text.split('\n');
  const result = [];
  let comments = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') { comments = []; continue; }
    if (line.startsWith('#')) { comments.push(line.replace(/^#\s?/, '')); continue; }
    const start = i + 1;
    let body = lines[i];
    while (/\\\s*$/.test(body) && i + 1 < lines.length) {
      body = body.replace(/\\\s*$/, ' ');
      i++;
      if (!lines[i].trim().startsWith('#')) body += lines[i];
    }
    const [, keyword, rest] = body.trim().match(/^(\S+)\s*(.*)$/s);
    result.push({ line: start, keyword: keyword.toUpperCase(), args: rest.trim(), comments });
    comments = [];
  }
  return result;
}

// hadolint applies a pragma to the line right below it only: the last comment line above the instruction.
function pragmaRules(comments) {
  const m = (comments.at(-1) ?? '').match(/^hadolint\s+ignore=([A-Z0-9,\s]+)$/);
  return new Set(m ? m[1].split(',').map((r) => r.trim()).filter(Boolean) : []);
}

function isExecForm(args) {
  return args.startsWith('[');
}

// RUN arguments without the leading --mount/--network/... flags.
function shellCommand(args) {
  return args.replace(/^(--[a-z-]+(=\S*)?\s+)+/, '');
}

// Whether a shell command has a pipe outside quotes (`||` is not a pipe). Pipes inside $(...) count, as
// ShellCheck's parser, which hadolint uses, finds pipelines there too.
function hasPipe(command) {
  let quote = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote === "'") { if (c === "'") quote = null; continue; }
    if (c === '\\') { i++; continue; }
    if (quote === '"') { if (c === '"') quote = null; continue; }
    if (c === "'" || c === '"') { quote = c; continue; }
    if (c === '|') {
      if (command[i + 1] === '|') { i++; continue; }
      if (command[i - 1] === '>') continue; // >| is a redirection
      return true;
    }
  }
  return false;
}

function setsPipefail(shellArgs) {
  try {
    const argv = JSON.parse(shellArgs);
    return argv.some((a, i) => a === 'pipefail' && i > 0 && /^-[a-z]*o$/.test(argv[i - 1]));
  } catch {
    return false;
  }
}

function shellcheck(command) {
  const run = spawnSync('shellcheck', ['--shell=sh', '--format=json1', '--severity=style', '-'], { input: command, encoding: 'utf8' });
  if (run.error) throw new Error(`shellcheck: ${run.error.message} (install the shellcheck package)`);
  return JSON.parse(run.stdout || '{"comments":[]}').comments;
}

function lint(file, parsed) {
  const findings = [];
  const stages = new Set();
  let shell = null;
  for (const instruction of parsed) {
    const report = (rule, severity, message) => findings.push({ file, ...instruction, rule, severity, message });
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const image = words[0];
      const alias = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
      const named = image.replace(/^[^/]+\.[^/]+\//, '');
      const tagged = /@sha256:/.test(image) || /:[^/]+$/.test(named);
      if (image !== 'scratch' && !stages.has(image.toLowerCase()) && !tagged) {
        report('DL3006', 'warning', `Always tag the version of an image explicitly (${image})`);
      }
      if (alias) stages.add(alias.toLowerCase());
      shell = null;
    } else if (instruction.keyword === 'SHELL') {
      shell = instruction.args;
    } else if (instruction.keyword === 'RUN' && !isExecForm(shellCommand(instruction.args))) {
      const command = shellCommand(instruction.args);
      if (hasPipe(command) && !(shell && setsPipefail(shell))) {
        report('DL4006', 'warning', 'Set the SHELL option -o pipefail before RUN with a pipe in it');
      }
      for (const c of shellcheck(command)) {
        report(`SC${c.code}`, c.level, c.message);
      }
    }
  }
  return findings;
}

// The findings that fail the run for one file: blocking rules, reasonless pragmas, and pragmas that suppress nothing.
function failures(file, config) {
  const limit = SEVERITIES.indexOf(config.threshold);
  const parsed = instructions(readFileSync(file, 'utf8'));
  const findings = lint(file, parsed);
  const problems = [];
  for (const f of findings) {
    const ignoredInline = pragmaRules(f.comments).has(f.rule);
    if (ignoredInline && !f.comments.some((c) => !/^hadolint\s/.test(c))) {
      problems.push(`${file}:${f.line} ${f.rule}: ignored without a reason in the comments above the pragma`);
    }
    if (SEVERITIES.indexOf(f.severity) >= limit && !config.ignored.has(f.rule) && !ignoredInline) {
      problems.push(`${file}:${f.line} ${f.rule} ${f.severity}: ${f.message}`);
    }
  }
  // A pragma that suppresses nothing would hide the next real finding on that line.
  for (const instruction of parsed) {
    for (const rule of pragmaRules(instruction.comments)) {
      if (!findings.some((f) => f.line === instruction.line && f.rule === rule)) {
        problems.push(`${file}:${instruction.line} hadolint ignore=${rule} suppresses nothing here: remove it`);
      }
    }
  }
  return problems;
}

const { config: configFile, files } = parseArgs(process.argv.slice(2));
let config;
try {
  config = loadConfig(configFile);
} catch (e) {
  console.error(`hadolint-rules: ${e.message}`);
  process.exit(2);
}
const problems = [...config.problems];
for (const file of files) {
  const found = failures(file, config);
  if (found.length === 0) console.log(`ok: hadolint rules (DL3006, DL4006, ShellCheck) ${file}`);
  problems.push(...found);
}
problems.forEach((p) => console.error(p));
process.exit(problems.length > 0 ? 1 : 0);
