#!/usr/bin/env node
// Static checks of the CI/CD configuration that the generic linters do not cover.
//
//   .circleci/config.yml   YAML validity, @circleci/circleci-config-parser, workflow wiring
//                          (jobs exist and are used, requires, matrix jobs and their aliases, tag
//                          filters upstream of tag-filtered jobs), reusable commands/executors,
//                          every file or script the pipeline calls exists (and is executable),
//                          tool images pinned as tag@sha256 digest and no compromised release,
//                          hadolint run with the repository's .hadolint.yaml, tests on the Java
//                          the images run, helm test --logs kept, a supported dated machine image,
//                          no secret literals, credentials only through contexts, every tool a job
//                          installs known to install-tools.sh.
//   .circleci/tool-images  the one file pinning the tool images (FROM image:tag@digest AS name):
//                          every entry pinned, not compromised, used; every image the jobs and
//                          scripts run read from it (tool-image.sh / tool_image), none written in
//                          place; nothing else in its directory (Dependabot reads it).
//   .circleci/scripts      install-tools.sh checks every download against a pinned SHA-256,
//                          installs helm-diff from its verified archive and yamllint with pip
//                          --require-hashes from a fully hashed requirements file.
//                          Dependency scan: scan.sh runs trivy sbom on the CycloneDX SBOM that
//                          build-images.sh copies out of the app image, under one written policy
//                          (HIGH,CRITICAL, --ignore-unfixed), wired through the workspace.
//                          Publishing: no `docker push`; a pushed build with --provenance=mode=max
//                          and a pinned SBOM generator, read back for its attestations; --load
//                          builds ask for none; builders run the pinned BuildKit image; the publish
//                          job installs cosign v3 and sign.sh signs after the push, before any tag
//                          moves, by digest only, --yes, no deprecated flags, the token minted for
//                          the audience sigstore and passed in SIGSTORE_ID_TOKEN, then cosign
//                          verify with --certificate-identity and --certificate-oidc-issuer.
//   docs/*.md              some page shows users `cosign verify` with CircleCI's issuer.
//   .github/workflows/*    actions pinned to a full commit SHA with a version comment, none on
//                          Node 20, no gitleaks-action; the gitleaks CLI scans the full history,
//                          checksum-verified, redacted, failing on a leak, report uploaded.
//   .github/dependabot.yml maven, docker, github-actions and npm (tools/lint), docker for the
//                          tool images (ignoring compromised Trivy releases) and pip for
//                          yamllint's requirements, weekly.
//   .gitleaks.toml         extends the default rules; the allowlist stays narrow.
//
// Usage: node tools/lint/pipelines-check.mjs [--root DIR]
//   --root DIR  repository to check (default: the current directory)
// Exit status: 0 when there are no findings (warnings are printed), 1 otherwise, 2 on a usage error.

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
// Trivy releases reported compromised in March 2026: 0.69.4, and 0.69.5 and 0.69.6, which some
// reports also list (rejected to be safe). 0.69.3 predates the incident.
const COMPROMISED_TRIVY = new Set(['0.69.4', '0.69.5', '0.69.6']);
// hadolint's failure thresholds (hadolint --help, `-t,--failure-threshold`).
const HADOLINT_THRESHOLDS = new Set(['error', 'warning', 'info', 'style', 'ignore', 'none']);
// JavaScript actions and the first release whose action.yml says `runs.using: node24`; every
// earlier release runs on Node 20, which GitHub has removed from its hosted runners.
const NODE24_FROM = {
  'actions/checkout': [5, 0, 0],
  'actions/setup-java': [5, 0, 0],
  'actions/upload-artifact': [6, 0, 0],
};
// Commits of the Node 20 releases of those actions (v4.0.0 onwards), so that a pin whose
// version comment claims a newer release is still recognised.
const NODE20_COMMITS = new Map(Object.entries({
  'actions/checkout': 'v4.0.0 1e31de5234b9f8995739874a8ce0492dc87873e2 v4.1.0 8ade135a41bc03ea155e62e844d188df1ea18608 '
    + 'v4.1.1 b4ffde65f46336ab88eb53be808477a3936bae11 v4.1.2 9bb56186c3b09b4f86b1c65136769dd318469633 '
    + 'v4.1.3 1d96c772d19495a3b5c517cd2bc0cb401ea0529f v4.1.4 0ad4b8fadaa221de15dcec353f45205ec38ea70b '
    + 'v4.1.5 44c2b7a8a4ea60a981eaca3cf939b5f4305c123b v4.1.6 a5ac7e51b41094c92402da3b24376905380afc29 '
    + 'v4.1.7 692973e3d937129bcbf40652eb9f2f61becf3332 v4.2.0 d632683dd7b4114ad314bca15554477dd762a938 '
    + 'v4.2.1 eef61447b9ff4aafe5dcd4e0bbf5d482be7e7871 v4.2.2 11bd71901bbe5b1630ceea73d27597364c9af683 '
    + 'v4.3.0 08eba0b27e820071cde6df949e0beb9ba4906955 v4.3.1 34e114876b0b11c390a56381ad16ebd13914f8d5 '
    + 'v4.4.0 11d5960a326750d5838078e36cf38b85af677262',
  'actions/setup-java': 'v4.0.0 387ac29b308b003ca37ba93a6cab5eb57c8f5f93 v4.1.0 9704b39bf258b59bc04b50fa2dd55e9ed76b47a8 '
    + 'v4.2.0 5896cecc08fd8a1fbdfaf517e29b571164b031f7 v4.2.1 99b8673ff64fbf99d8d325f52d9a5bdedb8483e9 '
    + 'v4.2.2 6a0805fcefea3d4657a47ac4c165951e33482018 v4.3.0 2dfa2011c5b2a0f1489bf9e433881c92c1631f88 '
    + 'v4.4.0 b36c23c0d998641eff861008f374ee103c25ac73 v4.5.0 8df1039502a15bceb9433410b1a100fbe190c53b '
    + 'v4.6.0 7a6d8a8234af8eb26422e24e3006232cccaa061b v4.7.0 3a4f6e1af504cf6a31855fa899c6aa5355ba6c12 '
    + 'v4.7.1 c5195efecf7bdfc987ee8bae7a71cb8b11521c00 v4.8.0 c1e323688fd81a25caa38c78aa6df2d33d3e20d9 '
    + 'v4.9.0 d7793b545071e98d581d3bf084a51c3213318a07 v4.9.1 cf277c60eb25467037889841efdb72551f06f6c3',
  'actions/upload-artifact': 'v4.0.0 c7d193f32edcb7bfad88892161225aeda64e9392 v4.1.0 1eb3cb2b3e0f29609092a73eb033bb759a334595 '
    + 'v4.2.0 694cdabd8bdb0f10b2cea11669e1bf5453eed0a6 v4.3.0 26f96dfa697d77e81fd5907df203aa23a56210a8 '
    + 'v4.3.1 5d5d22a31266ced268874388b861e4b58bb5c2f3 v4.3.2 1746f4ab65b179e0ea60a494b83293b640dd5bba '
    + 'v4.3.3 65462800fd760344b1a7b4382951275a0abb4808 v4.3.4 0b2256b8c012f0828dc542b3febcab082c67f72b '
    + 'v4.3.5 89ef406dd8d7e03cfd12d9e0a4a378f454709029 v4.3.6 834a144ee995460fba8ed112a2fc961b36a5ec5a '
    + 'v4.4.0 50769540e7f4bd5e21e526ee35c689e35e0d6874 v4.4.1 604373da6381bf24206979c74d06a550515601b9 '
    + 'v4.4.2 84480863f228bb9747b473957fcc9e309aa96097 v4.4.3 b4b15b8c7c6ac21ea08fcf65892d2ee8f75cf882 '
    + 'v4.5.0 6f51ac03b9356f520e9adb1b1b7802705f340c2b v4.6.0 65c4c4a1ddee5b72f698fdd19549f0f0fb45cf08 '
    + 'v4.6.1 4cec3d8aa04e39d1a68397de0c4cd6fb9dce8ec1 v4.6.2 ea165f8d65b6e75b540449e92b4886f43607fa02 '
    + 'v5.0.0 330a01c490aca151604b8cf639adc76d48f6c5d4',
}).flatMap(([action, list]) => {
  const words = list.split(' ');
  const pairs = [];
  for (let i = 0; i < words.length; i += 2) pairs.push([words[i + 1], `${action} ${words[i]}`]);
  return pairs;
}));
// Actions that must not be used at all. gitleaks-action needs a licence key for repositories of
// an organisation and its v2 runs on Node 20; the workflow runs the MIT gitleaks CLI instead.
const FORBIDDEN_ACTIONS = {
  'gitleaks/gitleaks-action': 'run the gitleaks command-line tool (checksum-verified) instead of gitleaks-action',
};
// Tools of .circleci/scripts/install-tools.sh allowed to verify a download against the checksum
// file of the same release, because no independent SHA-256 of that exact release was found.
// The exception holds only for the version named here: a bump must pin a SHA-256.
const CHECKSUM_FILE_EXCEPTIONS = { HELMFILE: '1.1.7' };
// The one file that pins the tool images the pipeline runs (FROM <image:tag@digest> AS <name>),
// read by .circleci/scripts/tool-image.sh and lib.sh's tool_image, and updated by Dependabot.
const TOOL_IMAGES = '.circleci/tool-images/Dockerfile';
// cosign flags that v3 deprecates or that would defeat keyless signing as specified here
// (cosign v3.1.2 cmd/cosign/cli/options: sign.go, fulcio.go, rekor.go).
const COSIGN_DEPRECATED_SIGN_FLAGS = ['--tlog-upload', '--new-bundle-format', '--output-signature', '--output-certificate',
  '--output-payload', '--payload', '--fulcio-url', '--rekor-url', '--timestamp-server-url', '--issue-certificate',
  '--sign-container-identity', '--record-creation-timestamp', '--attachment', '--upload=false'];
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
      console.log(text.slice(1, text.findIndex((l) => !l.startsWith('//') && !l.startsWith('#!'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
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
// Things a reader must know but that this checkout cannot settle (printed, not failing).
const warnings = [];
const warning = (file, message) => warnings.push(`${file}: ${message}`);
const exists = (rel) => fs.existsSync(path.join(root, rel));
const read = (rel) => fs.readFileSync(path.join(root, rel), 'utf8');

// ---------------------------------------------------------------------------------------------
// Shared functions

// The pinned tool images: name -> { ref, line }, read once from TOOL_IMAGES (checked by
// checkToolImages), and the names the pipeline refers to, with where.
let toolImagesCache;
const toolImageUses = new Map();
function toolImages() {
  if (toolImagesCache) return toolImagesCache;
  toolImagesCache = new Map();
  if (!exists(TOOL_IMAGES)) return toolImagesCache;
  read(TOOL_IMAGES).split('\n').forEach((line, index) => {
    const m = line.match(/^\s*FROM\s+(\S+)\s+AS\s+([\w.-]+)\s*$/i);
    if (m && !toolImagesCache.has(m[2])) toolImagesCache.set(m[2], { ref: m[1], line: index + 1 });
  });
  return toolImagesCache;
}
// toolImageWord WORD [WHERE] — for "$(.circleci/scripts/tool-image.sh NAME)" or
// "$(tool_image NAME)", { name, ref } (ref is a description when NAME is not pinned); else undefined.
function toolImageWord(word, where = '.circleci/config.yml') {
  const m = String(word).trim().match(/^\$\(\s*(?:(?:\.\/)?\.circleci\/scripts\/tool-image\.sh|(?:"\$HERE"|\$HERE)\/tool-image\.sh|tool_image)\s+["']?([\w.-]+)["']?\s*\)$/);
  if (!m) return undefined;
  if (!toolImageUses.has(m[1])) toolImageUses.set(m[1], new Set());
  toolImageUses.get(m[1]).add(where);
  const pinned = toolImages().get(m[1]);
  return { name: m[1], ref: pinned ? pinned.ref : `<no tool image named ${m[1]} in ${TOOL_IMAGES}>` };
}

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

// A container image pinned as CircleCI's and Dependabot's readers want it: a readable tag and
// the immutable digest, image:tag@sha256:<64 hex>.
function imageIsDigestPinned(image) {
  const m = String(image).match(/^([^@\s]+)@sha256:[0-9a-f]{64}$/);
  if (!m) return false;
  const name = m[1].split('/').pop();
  return name.includes(':') && !FLOATING_TAGS.has(name.slice(name.lastIndexOf(':') + 1).toLowerCase());
}

// Releases known to be malicious: never run them, whatever their digest.
function compromisedImage(image) {
  const m = String(image).match(/^(?:docker\.io\/)?(aquasec\/trivy|ghcr\.io\/aquasecurity\/trivy):v?(\d+\.\d+\.\d+)/);
  return m && COMPROMISED_TRIVY.has(m[2]) ? `${m[1]}:${m[2]}` : undefined;
}

// Every combination of a CircleCI matrix's parameters, less its `exclude` entries.
function matrixCombinations(matrix) {
  let combos = [{}];
  for (const [name, values] of Object.entries(matrix?.parameters ?? {})) {
    combos = combos.flatMap((combo) => [].concat(values).map((value) => ({ ...combo, [name]: value })));
  }
  const excluded = [].concat(matrix?.exclude ?? []);
  return combos.filter((combo) => !excluded.some((ex) => Object.entries(ex).every(([k, v]) => String(combo[k]) === String(v))));
}

function substituteMatrix(text, values) {
  return text.replace(/<<\s*matrix\.([\w-]+)\s*>>/g, (all, name) => (name in values ? String(values[name]) : all));
}

// Replaces << parameters.x >> with the given arguments or the declared defaults.
function substituteParameters(text, declared, args) {
  return text.replace(/<<\s*parameters\.([\w-]+)\s*>>/g, (all, name) => {
    if (args && name in args) return String(args[name]);
    if (declared?.[name] && 'default' in declared[name]) return String(declared[name].default);
    return all;
  });
}

// The arguments of a docker run after the image (the container's command line).
function dockerRunCommands(command) {
  const runs = [];
  const words = shellWords(command);
  for (let i = 0; i < words.length - 1; i += 1) {
    if (words[i] !== 'docker' || words[i + 1] !== 'run') continue;
    let j = i + 2;
    const volumes = [];
    while (j < words.length && words[j].startsWith('-')) {
      if (words[j] === '-v' || words[j] === '--volume') volumes.push(words[j + 1]);
      j += DOCKER_RUN_VALUE_FLAGS.has(words[j]) ? 2 : 1;
    }
    if (j >= words.length) continue;
    const args = [];
    for (let k = j + 1; k < words.length && !/^(docker|xargs|git)$/.test(words[k]); k += 1) args.push(words[k]);
    const tool = toolImageWord(words[j]);
    runs.push({ image: tool ? tool.ref : words[j], tool: tool?.name, args, volumes });
  }
  return runs;
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
    if (j < words.length) images.push(toolImageWord(words[j])?.ref ?? words[j]);
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
  // tag filters reach every upstream job of a tag-filtered job. A matrix entry expands into one
  // workflow job per combination of its parameters (named from `name`, with << matrix.x >>
  // replaced), and `requires` may name the whole matrix by its alias, which defaults to the
  // job's name: every job of the matrix is then required (CircleCI configuration reference,
  // "Dependencies and matrix jobs").
  const jobsInWorkflows = new Set();
  const workflowEntries = [];
  const credentialChecks = [];
  for (const [workflowName, workflow] of Object.entries(workflows)) {
    if (workflowName === 'version') continue;
    const entries = [];
    const aliases = new Map();
    for (const raw of workflow?.jobs ?? []) {
      const job = typeof raw === 'string' ? raw : Object.keys(raw)[0];
      const settings = typeof raw === 'string' ? {} : (raw[job] ?? {});
      const matrix = settings.matrix;
      if (!matrix) {
        entries.push({ job, name: settings.name ?? job, settings, args: { ...settings } });
        continue;
      }
      const combos = matrixCombinations(matrix);
      if (!combos.length) finding(rel, `workflow ${workflowName}: the matrix of ${job} has no parameter combination`);
      const alias = matrix.alias ?? job;
      const names = [];
      for (const values of combos) {
        const name = settings.name
          ? substituteMatrix(String(settings.name), values)
          : [job, ...Object.values(values)].join('-');
        const expanded = JSON.parse(substituteMatrix(JSON.stringify({ ...settings, matrix: undefined }), values));
        entries.push({ job, name, settings: expanded, args: { ...expanded, ...values }, matrix: values });
        names.push(name);
      }
      if (aliases.has(alias)) finding(rel, `workflow ${workflowName} uses the matrix alias ${alias} twice`);
      aliases.set(alias, names);
    }
    if (!entries.length) finding(rel, `workflow ${workflowName} has no jobs`);
    const byName = new Map();
    for (const entry of entries) {
      if (byName.has(entry.name)) finding(rel, `workflow ${workflowName} lists ${entry.name} twice`);
      byName.set(entry.name, entry);
      jobsInWorkflows.add(entry.job);
      if (!(entry.job in jobs) && !isOrbRef(entry.job)) finding(rel, `workflow ${workflowName} references job ${entry.job}, which is not defined`);
    }
    for (const [alias, names] of aliases) {
      if (byName.has(alias) && !names.includes(alias)) finding(rel, `workflow ${workflowName}: ${alias} is both a job name and a matrix alias`);
    }
    // The workflow jobs a `requires` item stands for: a job name, or every job of a matrix.
    const resolve = (required) => {
      const requiredName = typeof required === 'string' ? required : Object.keys(required)[0];
      if (byName.has(requiredName)) return [requiredName];
      return aliases.get(requiredName) ?? [];
    };
    const requiredOf = (entry) => [].concat(entry.settings.requires ?? []).flatMap(resolve);
    for (const entry of entries) {
      for (const required of [].concat(entry.settings.requires ?? [])) {
        const requiredName = typeof required === 'string' ? required : Object.keys(required)[0];
        if (!resolve(required).length) {
          finding(rel, `workflow ${workflowName}: ${entry.name} requires ${requiredName}, which is neither a job nor a matrix alias of this workflow`);
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
      for (const r of requiredOf(byName.get(name))) visit(r, [...chain, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of byName.keys()) visit(name, []);

    const runsOnTags = (entry) => Boolean(entry?.settings?.filters?.tags?.only ?? entry?.settings?.filters?.tags?.ignore);
    const upstream = (name, acc = new Set()) => {
      for (const requiredName of requiredOf(byName.get(name) ?? { settings: {} })) {
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
    workflowEntries.push(...entries.map((entry) => ({ ...entry, workflow: workflowName })));

    // Jobs that read registry credentials get them from a context (checked below, once the
    // commands each job runs are known).
    credentialChecks.push(...entries.map((entry) => ({ workflowName, entry })));
  }
  for (const name of Object.keys(jobs)) {
    if (!jobsInWorkflows.has(name)) finding(rel, `job ${name} is defined but no workflow runs it`);
  }
  // The shell commands a job runs with the given arguments: its `run` steps with
  // << parameters.x >> replaced, and those of the commands it calls, with theirs.
  const jobText = (jobName, args = {}) => {
    const job = jobs[jobName];
    if (!job) return '';
    const expandSteps = (steps, declared, values, depth) => (steps ?? []).map((step) => {
      const name = typeof step === 'string' ? step : Object.keys(step ?? {})[0];
      const body = typeof step === 'string' ? undefined : step[name];
      if (name === 'run') {
        const command = typeof body === 'string' ? body : (body?.command ?? '');
        return substituteParameters(String(command), declared, values);
      }
      if (name === 'when' || name === 'unless') return expandSteps(body?.steps, declared, values, depth);
      if (name in commands && depth < 5) {
        const commandArgs = JSON.parse(substituteParameters(JSON.stringify(body ?? {}), declared, values));
        return expandSteps(commands[name]?.steps, commands[name]?.parameters, commandArgs, depth + 1);
      }
      return '';
    }).filter(Boolean).join('\n');
    return expandSteps(job.steps, job.parameters, args, 0);
  };

  // Jobs that read registry credentials (or the signing identity's IDs) get them from a context:
  // the job's commands (reusable commands expanded) and the repository scripts they run.
  for (const { workflowName, entry } of credentialChecks) {
    if (!jobs[entry.job]) continue;
    let text = jobText(entry.job, entry.args);
    for (const p of commandPaths(text)) {
      const file = p.path.replace(/^\.\//, '');
      if (/\.sh$/.test(file) && exists(file)) {
        text += read(file);
        for (const dep of scriptPaths(file)) if (/\.sh$/.test(dep.path) && exists(dep.path)) text += read(dep.path);
      }
    }
    // CIRCLECI_*: the IDs sign.sh checks the signing identity against.
    const credentials = [...new Set([...text.matchAll(/\$\{?((DOCKERHUB|DOCKER|REGISTRY|CIRCLECI)_[A-Z_]+|[A-Z_]*_TOKEN)\b/g)].map((m) => m[1]))]
      .filter((variable) => !/^CIRCLE_/.test(variable));
    if (credentials.length && !entry.settings.context) {
      finding(rel, `workflow ${workflowName}: job ${entry.name} reads ${credentials.join(', ')} but has no context to supply them`);
    }
  }

  // The JDKs the tests run on cover the Java the images run: every eclipse-temurin major of
  // the Dockerfiles' FROM lines is installed by at least one job that runs `mvnw ... verify`.
  const imageJavas = new Set();
  for (const dockerfile of fs.readdirSync(root).filter((f) => /^Dockerfile(\.[\w-]+)?$/.test(f))) {
    for (const m of read(dockerfile).matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(?:docker\.io\/)?(?:library\/)?eclipse-temurin:(\d+)/gim)) {
      imageJavas.add(m[1]);
    }
  }
  const testedJavas = new Set();
  const testJobs = new Set();
  for (const entry of workflowEntries) {
    const text = jobText(entry.job, entry.args);
    if (!/\bmvnw\b[^\n]*\bverify\b/.test(text)) continue;
    testJobs.add(entry.name);
    for (const m of text.matchAll(/openjdk-(\d+)-jdk|java-version:\s*['"]?(\d+)|temurin-(\d+)-jdk/g)) testedJavas.add(m[1] ?? m[2] ?? m[3]);
  }
  for (const java of imageJavas) {
    if (testJobs.size && !testedJavas.has(java)) {
      finding(rel, `the images run Java ${java} (eclipse-temurin in the Dockerfiles) but no test job (${[...testJobs].join(', ')}) installs JDK ${java}; tested: ${[...testedJavas].join(', ') || 'none'}`);
    }
  }

  // Tool images: tag and digest; hadolint reads the repository's .hadolint.yaml explicitly;
  // e2e-k8s keeps `helm test --logs`; the machine image is a supported, dated Ubuntu LTS.
  let hadolintRuns = 0;
  const checkedCommands = new Set();
  for (const entry of workflowEntries) {
    const text = jobText(entry.job, entry.args);
    if (checkedCommands.has(text)) continue;
    checkedCommands.add(text);
    for (const run of dockerRunCommands(text)) {
      if (!run.tool && !/^\$/.test(run.image)) {
        finding(rel, `job ${entry.name} runs ${run.image}, written in the job; pin tool images in ${TOOL_IMAGES} and run them as "$(.circleci/scripts/tool-image.sh NAME)", so that Dependabot keeps them current`);
      }
      if (!imageIsDigestPinned(run.image)) {
        finding(rel, `job ${entry.name} runs ${run.image}; pin tool images as image:tag@sha256:<index digest>`);
      }
      const bad = compromisedImage(run.image);
      if (bad) finding(rel, `job ${entry.name} runs ${bad}, a compromised release`);
      if (/^(.*\/)?hadolint[:@]/.test(run.image)) {
        hadolintRuns += 1;
        const index = run.args.findIndex((a) => a === '--config' || a === '-c' || /^--config=/.test(a));
        const value = index < 0 ? undefined : (run.args[index].includes('=') ? run.args[index].split('=')[1] : run.args[index + 1]);
        const mount = run.volumes.map((v) => v.split(':')).find(([host]) => /^(\$PWD|\$\{PWD\}|\.|\$\(pwd\))$/.test(host));
        if (!value) {
          finding(rel, `job ${entry.name} runs hadolint without --config: it would use whatever config it finds in its working directory, or silently its defaults`);
        } else if (!mount || value !== `${mount[1].replace(/\/$/, '')}/.hadolint.yaml`) {
          finding(rel, `job ${entry.name} passes hadolint --config ${value}, which is not the repository's .hadolint.yaml inside the container (mounted at ${mount ? mount[1] : 'nowhere'})`);
        }
      }
    }
    if (/e2e-k8s\.sh/.test(text) && !/\bhelm test\b[^\n]*--logs\b/.test(text)) {
      finding(rel, `job ${entry.name} deploys to kind but no longer runs \`helm test ... --logs\``);
    }
  }
  if (hadolintRuns) checkHadolintConfig();
  for (const [name, spec] of Object.entries({ ...executors, ...jobs })) {
    const image = typeof spec?.machine === 'object' ? spec.machine.image : undefined;
    if (!image) continue;
    const m = String(image).match(/^ubuntu-(\d{2})(\d{2}):(\d{4})\.(\d{2})\.\d+$/);
    if (!m) {
      finding(rel, `${name}: machine image ${image} is not a dated Ubuntu LTS image (ubuntu-YYMM:YYYY.MM.N)`);
    } else if (Number(m[1]) < 22) {
      finding(rel, `${name}: machine image ${image} is Ubuntu ${m[1]}.${m[2]}, past Canonical's standard support, which CircleCI's Linux VM image policy follows for removal`);
    }
  }


  // Scripts the pipeline relies on pin their tool versions and images.
  for (const file of new Set(findScripts('.circleci'))) {
    const text = read(file);
    for (const m of text.matchAll(/^\s*([A-Z_]+_IMAGE)="(?:\$\{\1:-)?([^"}]+)\}?"/gm)) {
      const tool = toolImageWord(m[2]);
      if (!tool) finding(file, `${m[1]} (${m[2]}) is pinned in the script; pin it in ${TOOL_IMAGES} and read it with $(tool_image NAME)`);
      const image = tool ? tool.ref : m[2];
      if (!imageIsDigestPinned(image)) finding(file, `${m[1]} (${image}) must be pinned as image:tag@sha256:<index digest>`);
      const bad = compromisedImage(image);
      if (bad) finding(file, `${m[1]} is ${bad}, a compromised release`);
    }
    for (const m of text.replace(/^\s*#.*$/gm, '').matchAll(/\btool_image\s+["']?([\w.-]+)/g)) toolImageWord(`$(tool_image ${m[1]})`, file);
    for (const m of text.matchAll(/^\s*([A-Z_]+_VERSION)="([^"]*)"/gm)) {
      if (!m[2] || FLOATING_TAGS.has(m[2].toLowerCase())) finding(file, `${m[1]} must name an exact version (found "${m[2]}")`);
    }
  }

  checkInstallTools();
  checkInstalledToolsExist(workflowEntries, jobText);
  checkDependencyScan(workflowEntries, jobText, config);
  checkPublishing(workflowEntries, jobText);
  checkSecretLiterals(rel, config, raw);
}

// .hadolint.yaml, when a job runs hadolint with it: a mapping with a valid failure-threshold and
// ignored rules given as rule codes. The file itself comes with the Dockerfiles; while it is not
// in this checkout the lint job would fail (hadolint cannot read the config it is given), which
// is reported as a warning here.
function checkHadolintConfig() {
  const rel = '.hadolint.yaml';
  if (!exists(rel)) {
    if (exists('.hadolint.yml')) finding(rel, 'the lint job reads .hadolint.yaml but the repository has .hadolint.yml');
    else warning(rel, 'not in this checkout; the CircleCI lint job passes it to hadolint with --config and fails until it is committed');
    return;
  }
  const config = loadYaml(rel);
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    finding(rel, 'must be a YAML mapping of hadolint settings');
    return;
  }
  const threshold = config['failure-threshold'];
  if (threshold === undefined) finding(rel, 'sets no failure-threshold (hadolint would fail on its default, info)');
  else if (!HADOLINT_THRESHOLDS.has(String(threshold))) finding(rel, `failure-threshold ${threshold} is not one of ${[...HADOLINT_THRESHOLDS].join(', ')}`);
  for (const rule of [].concat(config.ignored ?? [])) {
    if (!/^(DL|SC)\d{4}$/.test(String(rule))) finding(rel, `ignored entry ${rule} is not a hadolint (DLxxxx) or ShellCheck (SCxxxx) rule code`);
  }
}

// .circleci/scripts/install-tools.sh: every download is verified against a SHA-256 pinned in the
// script (not one fetched from the same server), helm-diff is installed from its verified archive
// and yamllint only with pip --require-hashes from a requirements file whose every line is hashed.
function checkInstallTools() {
  const rel = '.circleci/scripts/install-tools.sh';
  if (!exists(rel)) return;
  const text = read(rel);
  const code = text.split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
  const assigned = (name) => text.match(new RegExp(`^\\s*${name}="([^"]*)"`, 'm'))?.[1];
  const functions = new Map([...code.matchAll(/^install_([a-z_]+)\(\)\s*\{([\s\S]*?)^\}/gm)].map((m) => [m[1], m[2]]));
  if (!functions.size) finding(rel, 'defines no install_<tool> functions');
  for (const [tool, body] of functions) {
    if (!/\bfetch\b/.test(body)) continue;
    const pin = `${tool.toUpperCase()}_SHA256`;
    const version = assigned(`${tool.toUpperCase()}_VERSION`);
    const value = assigned(pin);
    const exception = CHECKSUM_FILE_EXCEPTIONS[tool.toUpperCase()];
    if (!new RegExp(`\\bverify\\s+\\S+\\s+"\\$(${pin}|expected)"`).test(body)) {
      finding(rel, `install_${tool} does not verify its download against ${pin}`);
    } else if (value && /^[0-9a-f]{64}$/.test(value)) {
      if (/\bexpected\b/.test(body) && !/expected="\$\w+_SHA256"/.test(body)) finding(rel, `install_${tool} verifies against a computed value`);
    } else if (value === '' && exception && exception === version) {
      warning(rel, `${tool} ${version} is verified against the checksums file of its own release (no independent SHA-256 pinned)`);
    } else {
      finding(rel, `${pin} must be the SHA-256 (64 hex digits) of the ${tool} ${version ?? ''} download, pinned in the script`);
    }
    for (const m of body.matchAll(/fetch\s+"([^"]*(?:\.sha256(?:sum)?|checksums?[^"]*\.txt))"/g)) {
      if (!(value === '' && exception === version)) finding(rel, `install_${tool} downloads its checksum (${m[1]}) from the server it checks; pin ${pin} instead`);
    }
  }
  if (/\bhelm\s+plugin\s+install\s+["']?(https?:|git@|[\w.-]+\/[\w.-]+\/)/.test(code) || /\bhelm\s+plugin\s+install\s+["']?https?:/.test(code)) {
    finding(rel, 'installs a helm plugin from a URL; install it from its checksum-verified release archive');
  }
  for (const m of code.replace(/\\\n/g, ' ').matchAll(/\bpip3?["']?\s+install\b([^\n]*)/g)) {
    const args = m[1];
    if (!/--require-hashes/.test(args)) finding(rel, 'installs with pip without --require-hashes');
    const req = args.match(/(?:--requirement|-r)\s+"?\$?\{?([A-Z_]+)?\}?"?/);
    if (!req) {
      finding(rel, 'pip installs without a hash-pinned requirements file (--requirement FILE)');
      continue;
    }
    const file = req[1] ? assigned(req[1])?.replace(/^\$HERE\/\.\.\//, '.circleci/') : undefined;
    if (!file || !exists(file)) {
      finding(rel, `the pip requirements file ${file ?? req[0]} does not exist`);
      continue;
    }
    checkHashedRequirements(file);
  }
}

function checkHashedRequirements(rel) {
  const logical = read(rel).split('\n').filter((line) => !/^\s*#/.test(line)).join('\n').replace(/\\\n/g, ' ');
  const lines = logical.split('\n').map((line) => line.trim()).filter(Boolean);
  if (!lines.length) finding(rel, 'lists no requirement');
  for (const line of lines) {
    const name = line.split(/\s/)[0];
    if (!/^[A-Za-z0-9._-]+==[A-Za-z0-9._+-]+$/.test(name)) finding(rel, `${name} is not pinned to an exact version (name==version)`);
    if (!/--hash=sha256:[0-9a-f]{64}\b/.test(line)) finding(rel, `${name} has no --hash=sha256:<64 hex> (pip --require-hashes would refuse it)`);
  }
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
// Supply chain: tool image pins, installed tools, the dependency scan, attestations, signatures

// A script's code: comment lines dropped and backslash-continued lines joined.
function scriptCode(rel) {
  if (!exists(rel)) return '';
  return read(rel).split('\n').filter((line) => !/^\s*#/.test(line)).join('\n').replace(/\\\n\s*/g, ' ');
}

// TOOL_IMAGES: one `FROM image:tag@sha256:<digest> AS name` line per tool image, none a
// compromised release; every pinned image is used and every name used is pinned; the directory
// holds nothing else, since Dependabot's docker ecosystem reads every Dockerfile and YAML file of
// its directory (dependabot-core docker/file_fetcher.rb).
function checkToolImages() {
  if (!exists(TOOL_IMAGES)) {
    finding(TOOL_IMAGES, 'missing: pin the tool images the pipeline runs there (FROM image:tag@sha256:<digest> AS name), where Dependabot\'s docker ecosystem updates them');
    return;
  }
  const names = new Set();
  read(TOOL_IMAGES).split('\n').forEach((line, index) => {
    if (/^\s*(#.*)?$/.test(line)) return;
    const where = `${TOOL_IMAGES}:${index + 1}`;
    const m = line.match(/^\s*FROM\s+(\S+)\s+AS\s+([\w.-]+)\s*$/i);
    if (!m) {
      finding(where, 'holds something other than a `FROM image:tag@sha256:<digest> AS name` line');
      return;
    }
    if (names.has(m[2])) finding(where, `pins ${m[2]} twice`);
    names.add(m[2]);
    if (!imageIsDigestPinned(m[1])) finding(where, `${m[2]} (${m[1]}) must be pinned as image:tag@sha256:<index digest>`);
    const bad = compromisedImage(m[1]);
    if (bad) finding(where, `${m[2]} is ${bad}, a compromised release`);
  });
  const dir = path.posix.dirname(TOOL_IMAGES);
  for (const entry of fs.readdirSync(path.join(root, dir))) {
    if (entry !== path.posix.basename(TOOL_IMAGES)) {
      finding(dir, `holds ${entry}: keep only ${path.posix.basename(TOOL_IMAGES)} there (Dependabot's docker ecosystem reads every Dockerfile and YAML file of the directory)`);
    }
  }
  const fromConfig = [...toolImageUses.values()].some((users) => users.has('.circleci/config.yml'));
  if (fromConfig) requirePath('.circleci/config.yml', '.circleci/scripts/tool-image.sh', 'the jobs that run tool images', { invoked: true });
  for (const name of names) if (!toolImageUses.has(name)) finding(TOOL_IMAGES, `${name} is pinned but the pipeline never runs it`);
  for (const [name, users] of toolImageUses) if (!names.has(name)) finding(TOOL_IMAGES, `has no ${name}, which ${[...users].join(', ')} runs`);
}

// Every tool a job installs with install-tools.sh is one that script installs.
function checkInstalledToolsExist(entries, jobText) {
  const rel = '.circleci/scripts/install-tools.sh';
  if (!exists(rel)) return;
  const known = new Set([...read(rel).matchAll(/^\s+([\w-]+)\)\s+install_/gm)].map((m) => m[1]));
  const reported = new Set();
  for (const entry of entries) {
    for (const m of jobText(entry.job, entry.args).matchAll(/install-tools\.sh\s+([^\n]+)/g)) {
      for (const tool of m[1].trim().split(/\s+/)) {
        if (known.has(tool) || reported.has(`${entry.job} ${tool}`)) continue;
        reported.add(`${entry.job} ${tool}`);
        finding('.circleci/config.yml', `job ${entry.job} installs ${tool}, which ${rel} does not install`);
      }
    }
  }
}

// The steps of a job with the reusable commands it calls expanded (one level is what the
// configuration uses; nested commands are followed up to 5 deep).
function expandedSteps(config, steps, depth = 0) {
  return (steps ?? []).flatMap((step) => {
    const name = typeof step === 'string' ? step : Object.keys(step ?? {})[0];
    const command = config.commands?.[name];
    if (command && depth < 5) return expandedSteps(config, command.steps, depth + 1);
    return [step];
  });
}

// The dependency scan (issue: "a vulnerability scan of the dependencies, under the same written
// policy as the image scan"): the job that runs scan.sh also runs `trivy sbom` on the
// application's CycloneDX SBOM, scan.sh writes its policy once (one --severity HIGH,CRITICAL with
// --ignore-unfixed), and the SBOM it reads is the one build-images.sh copies out of the app image
// into the directory the build job persists and the scan job attaches and scans.
function checkDependencyScan(entries, jobText, config) {
  const rel = '.circleci/config.yml';
  const scanRel = '.circleci/scripts/scan.sh';
  const buildRel = '.circleci/scripts/build-images.sh';
  const scanEntry = entries.find((e) => /scan\.sh\b/.test(jobText(e.job, e.args)));
  if (!scanEntry || !exists(scanRel)) return;
  const scan = scriptCode(scanRel);
  if (!/(?:\btrivy|\bscan\s+\S+\s+\S+)\s+sbom\s/.test(scan)) {
    finding(scanRel, 'scans no SBOM: the dependencies must be scanned too (trivy sbom on the application\'s CycloneDX SBOM), under the image scan\'s policy');
    return;
  }
  const severities = [...scan.matchAll(/--severity[=\s]+["']?([A-Z,]+)/g)].map((m) => m[1]);
  if (severities.length !== 1) {
    finding(scanRel, `writes its policy ${severities.length} times (--severity ${severities.join(', ') || 'nowhere'}); write it once and apply it to the images and the SBOM`);
  } else if (severities[0].split(',').sort().join(',') !== 'CRITICAL,HIGH') {
    finding(scanRel, `the policy fails on --severity ${severities[0]}; the written policy is HIGH,CRITICAL`);
  }
  if (!/--ignore-unfixed\b/.test(scan)) finding(scanRel, 'the policy fails on unfixable findings too; the written policy is --ignore-unfixed (fixable HIGH/CRITICAL fail)');
  // Where the SBOM comes from.
  const build = scriptCode(buildRel);
  const sbomVariable = /\$\{?SBOM_FILE\b/.test(scan);
  if (sbomVariable ? !/\bdocker\s+cp\b[^\n]*\$\{?SBOM_FILE\b/.test(build) : !/\bdocker\s+cp\b[^\n]*\.cdx\.json/.test(build)) {
    finding(buildRel, 'does not copy the application\'s CycloneDX SBOM out of the app image (docker cp ... $SBOM_FILE), so the dependency scan has nothing to read');
  }
  const buildEntry = entries.find((e) => /build-images\.sh\b/.test(jobText(e.job, e.args)));
  if (!buildEntry) return;
  const outDir = jobText(buildEntry.job, buildEntry.args).match(/build-images\.sh\s+(\S+)/)?.[1];
  const scanDir = jobText(scanEntry.job, scanEntry.args).match(/scan\.sh\s+(\S+)/)?.[1];
  if (outDir !== scanDir) finding(rel, `job ${scanEntry.name} scans ${scanDir}, but build-images writes the images and the SBOM to ${outDir}`);
  const persisted = expandedSteps(config, config.jobs?.[buildEntry.job]?.steps).map((step) => step?.persist_to_workspace).filter(Boolean)
    .flatMap((p) => [].concat(p.paths ?? []).map((dir) => `${String(p.root).replace(/\/$/, '')}/${dir}`));
  const attached = expandedSteps(config, config.jobs?.[scanEntry.job]?.steps).map((step) => step?.attach_workspace?.at).filter(Boolean);
  if (outDir && !persisted.some((dir) => outDir === dir || outDir.startsWith(`${dir}/`))) {
    finding(rel, `job ${buildEntry.name} does not persist ${outDir} (the images and the SBOM) to the workspace`);
  }
  if (scanDir && !attached.some((at) => scanDir.startsWith(`${String(at).replace(/\/$/, '')}/`))) {
    finding(rel, `job ${scanEntry.name} does not attach the workspace that holds ${scanDir}`);
  }
}

// Publishing: images published with SBOM and provenance attestations and a cosign signature.
//   - Attestations live in an image index; Docker's classic image store cannot hold one, so an
//     image built with --load loses them and `docker push` of it publishes none (Docker docs,
//     "Build attestations"; buildx build reference, --sbom/--provenance). publish.sh therefore
//     pushes straight from the build (push=true) with --provenance=mode=max and an SBOM generator
//     pinned in TOOL_IMAGES (BuildKit's default, docker/buildkit-syft-scanner:stable-1, floats),
//     reads the pushed index back for its attestations, and build-images.sh's --load builds ask
//     for none. Builders run the BuildKit image pinned in TOOL_IMAGES.
//   - Signing: the publish job installs cosign (v3), publish.sh runs sign.sh after the push and
//     before any tag moves; sign.sh signs digests only (`cosign sign --yes`, no deprecated
//     flags, the token in SIGSTORE_ID_TOKEN from `circleci run oidc get` for the audience
//     "sigstore"), and then runs `cosign verify` with the certificate identity and issuer.
//   - The docs show users the `cosign verify` command for CircleCI's issuer.
function checkPublishing(entries, jobText) {
  const rel = '.circleci/config.yml';
  const pubRel = '.circleci/scripts/publish.sh';
  const signRel = '.circleci/scripts/sign.sh';
  const buildRel = '.circleci/scripts/build-images.sh';
  const libRel = '.circleci/scripts/lib.sh';
  const installRel = '.circleci/scripts/install-tools.sh';
  const publishEntry = entries.find((e) => /publish\.sh\b/.test(jobText(e.job, e.args)));
  if (!publishEntry || !exists(pubRel)) return;
  const pub = scriptCode(pubRel);
  const build = scriptCode(buildRel);
  const lib = scriptCode(libRel);

  // Attestations.
  if (/\bdocker\s+push\b/.test(pub)) {
    finding(pubRel, 'publishes with `docker push`: an image loaded into Docker\'s classic image store has lost its SBOM and provenance attestations; push straight from the buildx build (push=true) with --sbom and --provenance=mode=max');
  }
  if (!/--provenance=mode=max\b/.test(pub)) finding(pubRel, 'pushes no provenance attestation with all its detail (--provenance=mode=max)');
  const generator = pub.match(/--sbom=["']?generator=([^\s"']+)/)?.[1];
  if (!generator) {
    finding(pubRel, 'pushes no SBOM attestation from a pinned generator (--sbom=generator=<image pinned in .circleci/tool-images/Dockerfile>)');
  } else {
    const variable = generator.match(/^\$\{?(\w+)\}?$/)?.[1];
    const assigned = variable ? pub.match(new RegExp(`\\b${variable}="([^"]+)"`))?.[1] : generator;
    const tool = assigned ? toolImageWord(assigned, pubRel) : undefined;
    if (!tool && !imageIsDigestPinned(assigned ?? '')) finding(pubRel, `the SBOM generator ${generator} is not an image pinned by digest in ${TOOL_IMAGES}`);
  }
  if (!/push=true|--push\b/.test(pub)) finding(pubRel, 'does not push from the build (push=true): attestations survive only an image pushed straight to the registry');
  if (!/attestation-manifest/.test(pub) || !/spdx\.dev\/Document/.test(pub) || !/slsa\.dev\/provenance/.test(pub)) {
    finding(pubRel, 'does not read the pushed index back for its attestation manifest (SPDX SBOM and SLSA provenance) before signing and tagging');
  }
  if (/--load\b/.test(build) && (!/--provenance=false\b/.test(build) || /--sbom=(true|["']?generator=)|--provenance=(true|mode=)/.test(build))) {
    finding(buildRel, 'asks for attestations on images it --loads: Docker\'s classic image store drops them (or the build fails); build the tested images with --provenance=false and leave attestations to publish.sh');
  }
  for (const [file, code] of [[libRel, lib], [buildRel, build], [pubRel, pub]]) {
    for (const m of code.matchAll(/\bdocker\s+buildx\s+create\b[^\n]*/g)) {
      const image = m[0].match(/--driver-opt[=\s]+["']?image=([^\s"']+)/)?.[1];
      const variable = image?.match(/^\$\{?(\w+)\}?$/)?.[1];
      const assigned = variable ? code.match(new RegExp(`\\b${variable}="([^"]+)"`))?.[1] : image;
      const pinned = assigned && (toolImageWord(assigned, file) || imageIsDigestPinned(assigned));
      if (!/--driver[=\s]+docker-container\b/.test(m[0]) || !pinned) {
        finding(file, 'creates a buildx builder that is not a docker-container builder running the BuildKit image pinned in .circleci/tool-images/Dockerfile (--driver-opt image=...)');
      }
    }
  }

  // Signing.
  const publishText = jobText(publishEntry.job, publishEntry.args);
  if (!/install-tools\.sh\s+[^\n]*\bcosign\b/.test(publishText)) finding(rel, `job ${publishEntry.name} does not install cosign (install-tools: cosign) to sign the images it pushes`);
  const cosignVersion = read(installRel).match(/^\s*COSIGN_VERSION="v?(\d+)\./m)?.[1];
  if (cosignVersion && Number(cosignVersion) < 3) finding(installRel, `COSIGN_VERSION is v${cosignVersion}: sign.sh uses cosign v3 (Sigstore bundle format by default)`);
  // An invocation of sign.sh (a command starting a line), not a mention in a message.
  const signCall = pub.search(/^\s*(?:"\$\{?HERE\}?\/sign\.sh"|(?:\.\/)?\.circleci\/scripts\/sign\.sh)\s/m);
  if (signCall < 0) {
    finding(pubRel, 'does not sign the images it pushes (sign.sh: cosign, keyless, by digest)');
  } else {
    const pushAt = pub.search(/push=true|--push\b/);
    const tagAt = pub.search(/imagetools\s+create\b|\bdocker\s+tag\b/);
    if (pushAt >= 0 && signCall < pushAt) finding(pubRel, 'signs before it pushes: sign the digest the registry holds');
    if (tagAt >= 0 && tagAt < signCall) finding(pubRel, 'moves tags before the images are signed');
  }
  if (!exists(signRel)) {
    if (signCall >= 0) finding(signRel, 'missing (publish.sh runs it)');
    return;
  }
  const sign = scriptCode(signRel);
  const signs = [...sign.matchAll(/\bcosign\s+sign\b[^\n]*/g)].map((m) => m[0]);
  if (!signs.length) finding(signRel, 'never runs `cosign sign`');
  for (const line of signs) {
    if (!/\s(--yes|-y)\b/.test(line)) finding(signRel, '`cosign sign` without --yes waits for a confirmation no job can give');
    for (const flag of COSIGN_DEPRECATED_SIGN_FLAGS) {
      if (line.includes(flag)) finding(signRel, `\`cosign sign\` passes ${flag}, which cosign v3 deprecates or which defeats keyless signing with the Sigstore bundle`);
    }
    if (/--identity-token\b/.test(line)) finding(signRel, '`cosign sign --identity-token` puts the token on the command line; pass it in SIGSTORE_ID_TOKEN');
  }
  if (!/\bSIGSTORE_ID_TOKEN=/.test(sign)) finding(signRel, 'does not hand cosign the identity token in SIGSTORE_ID_TOKEN');
  if (!/\bcircleci\s+run\s+oidc\s+get\s+--claims\b/.test(sign) || !/\baud\b/.test(sign) || !/\bsigstore\b/.test(sign)) {
    finding(signRel, 'does not mint its token with `circleci run oidc get --claims \'{"aud":"sigstore"}\'`: Fulcio accepts only the audience sigstore, and $CIRCLE_OIDC_TOKEN\'s audience is the organization ID');
  }
  if (!/@sha256:\[0-9a-f\]\{64\}/.test(sign)) finding(signRel, 'does not refuse references that are not digests (IMAGE@sha256:<64 hex>): sign by digest, never by tag');
  const verifyAt = sign.search(/\bcosign\s+verify\b[^\n]*--certificate-identity(-regexp)?\b[^\n]*--certificate-oidc-issuer(-regexp)?\b|\bcosign\s+verify\b[^\n]*--certificate-oidc-issuer(-regexp)?\b[^\n]*--certificate-identity(-regexp)?\b/);
  if (verifyAt < 0) {
    finding(signRel, 'does not verify each signature with `cosign verify --certificate-identity ... --certificate-oidc-issuer ...`');
  } else if (verifyAt < sign.search(/\bcosign\s+sign\b/)) {
    finding(signRel, 'verifies before it signs');
  }
  const docs = exists('docs') ? fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => read(`docs/${f}`)) : [];
  const shown = docs.some((text) => text.replace(/\\\n\s*/g, ' ').split('\n').some((line) => /\bcosign\s+verify\b/.test(line)
    && /--certificate-identity(-regexp)?\b/.test(line) && /--certificate-oidc-issuer[=\s]+["']?https:\/\/oidc\.circleci\.com\/org\//.test(line)));
  if (!shown) finding('docs', 'no page shows users how to verify an image: `cosign verify --certificate-identity ... --certificate-oidc-issuer https://oidc.circleci.com/org/<org ID> IMAGE`');
}

// ---------------------------------------------------------------------------------------------
// .github

function checkGithubWorkflows() {
  const dir = '.github/workflows';
  const files = exists(dir)
    ? fs.readdirSync(path.join(root, dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${dir}/${f}`)
    : [];
  if (!files.length) finding(dir, 'holds no workflow');
  const parsed = [];
  for (const rel of files) {
    const raw = read(rel);
    const workflow = loadYaml(rel);
    if (!workflow) continue;
    parsed.push({ rel, workflow, raw });
    raw.split('\n').forEach((line, index) => {
      const m = line.match(/^\s*-?\s*uses:\s*['"]?([^'"\s#]+)['"]?\s*(#\s*(\S+))?/);
      if (!m || m[1].startsWith('./')) return;
      const where = `${rel}:${index + 1}`;
      if (m[1].startsWith('docker://')) {
        if (!/@sha256:[0-9a-f]{64}$/.test(m[1])) finding(where, `${m[1]} must be pinned by digest`);
        return;
      }
      const [action, ref] = m[1].split('@');
      const repo = action.split('/').slice(0, 2).join('/').toLowerCase();
      if (FORBIDDEN_ACTIONS[repo]) finding(where, `${m[1]}: ${FORBIDDEN_ACTIONS[repo]}`);
      if (!/^[0-9a-f]{40}$/.test(ref ?? '')) {
        finding(where, `${m[1]} must be pinned to a full commit SHA`);
        return;
      }
      if (NODE20_COMMITS.has(ref)) {
        finding(where, `${m[1]} is ${NODE20_COMMITS.get(ref)}, a release that runs on Node 20 (removed from GitHub's runners); pin a Node 24 release`);
      }
      if (!m[3] || !/^v?\d+(\.\d+)*$/.test(m[3])) {
        finding(where, `${m[1]} needs a "# vX.Y.Z" comment naming the pinned version`);
        return;
      }
      const minimum = NODE24_FROM[repo];
      const version = m[3].replace(/^v/, '').split('.').map(Number);
      if (minimum && compareVersions(version, minimum) < 0) {
        finding(where, `${repo} ${m[3]} runs on Node 20 (removed from GitHub's runners); use v${minimum.join('.')} or later, which runs on Node 24`);
      }
    });
    if (/ACTIONS_ALLOW_USE_UNSECURE_NODE_VERSION/.test(raw)) {
      finding(rel, 'sets ACTIONS_ALLOW_USE_UNSECURE_NODE_VERSION: the Node 20 opt-out ended with Node 20\'s removal; move the actions to Node 24 releases');
    }
    if (!workflow.permissions) finding(rel, 'declares no top-level permissions (give the GITHUB_TOKEN least privilege)');
    checkSecretLiterals(rel, workflow, raw);
  }
  checkSecretScan(parsed);
}

function compareVersions(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

// Secret scanning: some workflow job runs the gitleaks CLI over the full history with the
// repository's .gitleaks.toml, redacted, failing on a finding, from a download it checks against
// a SHA-256 written in the workflow, and uploads the report whatever the scan's outcome.
function checkSecretScan(parsed) {
  const scans = [];
  for (const { rel, workflow } of parsed) {
    for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
      const steps = job?.steps ?? [];
      const runs = steps.map((step) => String(step?.run ?? ''));
      const index = runs.findIndex((run) => /\bgitleaks\s+(git|detect)\b/.test(run));
      if (index >= 0) scans.push({ rel, workflow, jobName, job, steps, runs, index });
    }
  }
  if (!scans.length) {
    finding('.github/workflows', 'no job runs the gitleaks CLI (`gitleaks git`) over the repository history');
    return;
  }
  for (const { rel, workflow, jobName, job, steps, runs, index } of scans) {
    const where = `${rel} (job ${jobName})`;
    const scan = runs[index].replace(/\\\n/g, ' ');
    const env = JSON.stringify({ ...(workflow.env ?? {}), ...(job.env ?? {}), ...(steps[index]?.env ?? {}) });
    const flag = (re) => re.test(scan);
    if (!flag(/(--config|-c)[=\s]+["']?\.gitleaks\.toml\b/) && !/"GITLEAKS_CONFIG":"\.gitleaks\.toml"/.test(env)) {
      finding(where, 'gitleaks does not read .gitleaks.toml (--config .gitleaks.toml)');
    }
    if (!flag(/--redact(\b(?!=0\b)|$)/)) finding(where, 'gitleaks runs without --redact: findings would print the secrets in the log');
    if (flag(/--exit-code[=\s]+0\b/) || flag(/--no-fail\b/) || /continue-on-error/.test(JSON.stringify(steps[index] ?? {}))) {
      finding(where, 'a gitleaks finding must fail the job (no --exit-code 0, no continue-on-error)');
    }
    if (flag(/--log-opts/) && !flag(/--log-opts[=\s]+["']?--all["']?(\s|$)/)) finding(where, 'gitleaks --log-opts narrows the scan; scan the full history');
    const checkout = steps.find((step) => /^actions\/checkout@/.test(String(step?.uses ?? '')));
    if (!checkout || String(checkout.with?.['fetch-depth']) !== '0') finding(where, 'the checkout must fetch the full history (fetch-depth: 0) for gitleaks to scan it');
    const install = runs.slice(0, index + 1).join('\n');
    const pinned = `${install}\n${env}`.match(/\b[0-9a-f]{64}\b/);
    if (!/\bsha256sum\b[^\n]*(--check|-c)\b/.test(install) || !pinned) {
      finding(where, 'the gitleaks binary must be checked against a SHA-256 written in the workflow (sha256sum --check) before it runs');
    }
    const report = scan.match(/(?:--report-path|-r)[=\s]+"?([^"\s]+)"?/)?.[1];
    if (!report) {
      finding(where, 'gitleaks writes no report (--report-path)');
      continue;
    }
    const base = path.posix.basename(report);
    const upload = steps.slice(index + 1).find((step) => /^actions\/upload-artifact@/.test(String(step?.uses ?? ''))
      && String(step.with?.path ?? '').includes(base));
    if (!upload) finding(where, `the gitleaks report (${base}) is not uploaded with actions/upload-artifact`);
    else if (!/always\(\)|!\s*cancelled\(\)|failure\(\)/.test(String(upload.if ?? ''))) {
      finding(where, 'the report upload must run when gitleaks fails (if: ${{ !cancelled() }} or always())');
    }
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
  const required = [['maven', '/'], ['docker', '/'], ['github-actions', '/']];
  // Every npm project of the repository (its package.json next to a lock file), e.g. tools/lint.
  for (const dir of ['tools/lint']) {
    if (exists(`${dir}/package.json`)) required.push(['npm', `/${dir}`]);
  }
  // What the CircleCI pipeline pins, where Dependabot has an ecosystem for it (it has none for
  // CircleCI configuration, dependabot/dependabot-core#2191): the tool images (docker, FROM lines
  // of TOOL_IMAGES) and yamllint's hash-pinned pip requirements.
  if (exists(TOOL_IMAGES)) required.push(['docker', `/${path.posix.dirname(TOOL_IMAGES)}`]);
  if (exists('.circleci/yamllint-requirements.txt')) required.push(['pip', '/.circleci']);
  for (const [ecosystem, directory] of required) {
    const update = updates.find((u) => u?.['package-ecosystem'] === ecosystem
      && [].concat(u.directory ?? u.directories ?? []).some((d) => String(d).replace(/\/+$/, '') === directory.replace(/\/+$/, '') || (directory === '/' && d === '/')));
    if (!update) {
      finding(rel, `has no update for ${ecosystem} in ${directory}`);
      continue;
    }
    const directories = [].concat(update.directory ?? update.directories ?? []);
    if (!directories.length) finding(rel, `${ecosystem}: no directory`);
    if (update.schedule?.interval !== 'weekly') finding(rel, `${ecosystem}: schedule.interval must be weekly`);
    // Never propose a compromised Trivy release for the pinned tool images.
    if (ecosystem === 'docker' && directory === `/${path.posix.dirname(TOOL_IMAGES)}` && /\baquasec\/trivy:/.test(read(TOOL_IMAGES))) {
      const ignored = new Set([].concat(update.ignore ?? []).filter((i) => i?.['dependency-name'] === 'aquasec/trivy')
        .flatMap((i) => [].concat(i.versions ?? [])).map(String));
      const missing = [...COMPROMISED_TRIVY].filter((v) => !ignored.has(v));
      if (missing.length) finding(rel, `docker ${directory}: ignore the compromised aquasec/trivy releases ${missing.join(', ')}`);
    }
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
checkToolImages();
reportMissingPaths();
checkGithubWorkflows();
checkDependabot();
checkGitleaks();

for (const w of warnings) console.log(`warning: ${w}`);
for (const f of findings) console.log(`error: ${f}`);
if (findings.length) {
  console.log(`pipelines-check: ${findings.length} finding(s)`);
  process.exit(1);
}
console.log('pipelines-check: ok');
