#!/usr/bin/env bash
# Static checks of the Kubernetes deployment: shellcheck on deploy.sh, yamllint on the charts' values and
# the helmfile, and the values files (charts' defaults, helmfile's per-release and per-environment values)
# validated against each chart's values.schema.json with ajv. Rendering and Kubernetes API validation of the
# charts are done by the Java tests (io.restaurantapi.kubernetes).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: tools/lint/kubernetes.sh [--help]

Run from the repository root. Needs shellcheck, yamllint and node with the pinned lint tools
(npm ci --prefix tools/lint). Exits non-zero on any finding.
USAGE
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

[[ -f helmfile.yaml && -d charts ]] || { echo "error: run from the repository root" >&2; exit 2; }
for tool in shellcheck yamllint node; do
  command -v "${tool}" >/dev/null 2>&1 || { echo "error: ${tool} not found (apt-get install ${tool/node/nodejs})" >&2; exit 2; }
done
[[ -d tools/lint/node_modules/ajv ]] || { echo "error: lint tools missing: npm ci --prefix tools/lint" >&2; exit 2; }

status=0

echo "shellcheck: deploy.sh tools/lint/kubernetes.sh"
shellcheck deploy.sh tools/lint/kubernetes.sh || status=1

echo "yamllint: helmfile, values files, Chart.yaml"
yamllint --strict --config-data '{extends: default, rules: {line-length: {max: 200}, document-start: disable}}' \
  helmfile.yaml deploy/values/*.yaml deploy/values/environments/*.yaml charts/*/values.yaml charts/*/Chart.yaml || status=1

echo "values.schema.json: chart defaults, helmfile values and environments"
node - <<'NODE' || status=1
const fs = require('fs');
const path = require('path');
const Ajv = require(path.resolve('tools/lint/node_modules/ajv'));
const YAML = require(path.resolve('tools/lint/node_modules/yaml'));

const load = (file) => YAML.parse(fs.readFileSync(file, 'utf8')) ?? {};
let failed = false;
for (const chart of ['app', 'mongo', 'seed']) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(`charts/${chart}/values.schema.json`, 'utf8')));
  const documents = [[`charts/${chart}/values.yaml`, load(`charts/${chart}/values.yaml`)],
                     [`deploy/values/${chart}.yaml`, load(`deploy/values/${chart}.yaml`)]];
  for (const env of fs.readdirSync('deploy/values/environments')) {
    const file = `deploy/values/environments/${env}`;
    documents.push([`${file} (${chart})`, load(file)[chart] ?? {}]);
  }
  for (const [name, values] of documents) {
    if (!validate(values)) {
      failed = true;
      for (const error of validate.errors) {
        console.error(`${name}: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
      }
    }
  }
}
process.exit(failed ? 1 : 0);
NODE

exit "${status}"
