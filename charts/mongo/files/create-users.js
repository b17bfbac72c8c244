// Creates the application's MongoDB users on first start of an empty data directory.
// Run by the official mongo image's entrypoint from /docker-entrypoint-initdb.d (as the root user),
// both in Dockerfile.mongo and in the mongo Helm chart, so the two set up the same users.
//
//   MONGO_APP_DATABASE                     database the users belong to (default: restaurant)
//   MONGO_APP_USERNAME / MONGO_APP_PASSWORD    read-only user the API connects as
//   MONGO_SEED_USERNAME / MONGO_SEED_PASSWORD  user the seeder connects as, with the restaurantSeeder role below
//   MONGO_MONITOR_USERNAME / MONGO_MONITOR_PASSWORD  optional: user the metrics exporter connects as (database admin)
// Each password may instead be given as a file (MONGO_APP_PASSWORD_FILE, MONGO_SEED_PASSWORD_FILE, ...),
// for Docker and Kubernetes secrets mounted as files.
const fs = require('fs');

function setting(name, fallback) {
  const file = process.env[name + '_FILE'];
  if (file) {
    return fs.readFileSync(file, 'utf8').trim();
  }
  const value = process.env[name] || fallback;
  if (!value) {
    throw new Error(`${name} (or ${name}_FILE) must be set to create the application users`);
  }
  return value;
}

const appDb = db.getSiblingDB(setting('MONGO_APP_DATABASE', 'restaurant'));

// The seeder loads a staging collection, builds its indexes and swaps it in with renameCollection (dropTarget),
// which within one database needs renameCollectionSameDB on the database, find on the source collection and
// dropCollection on the target. It also marks each swap in dataset_versions (an upsert: insert, update), looks up
// the documents it replaces (find), and drops staging collections that dead seeders left (listCollections,
// dropCollection). readWrite would add what it never does: remove documents, drop indexes, convert to capped,
// manage search indexes, read change streams.
const SEED_ROLE = 'restaurantSeeder';
const SEED_ACTIONS = ['find', 'insert', 'update', 'createCollection', 'createIndex', 'dropCollection',
  'renameCollectionSameDB', 'listCollections'];

function ensureSeedRole() {
  const privileges = [{ resource: { db: appDb.getName(), collection: '' }, actions: SEED_ACTIONS }];
  if (appDb.getRole(SEED_ROLE)) {
    appDb.updateRole(SEED_ROLE, { privileges, roles: [] });
  } else {
    appDb.createRole({ role: SEED_ROLE, privileges, roles: [] });
  }
}

function ensureUser(userDb, user, pwd, roles) {
  if (userDb.getUser(user)) {
    userDb.updateUser(user, { pwd, roles });
  } else {
    userDb.createUser({ user, pwd, roles });
  }
  const granted = roles.map(({ role, db }) => `'${role}' on '${db}'`).join(', ');
  print(`MongoDB user '${user}' of database '${userDb.getName()}' has role ${granted}`);
}

ensureUser(appDb, setting('MONGO_APP_USERNAME'), setting('MONGO_APP_PASSWORD'), [{ role: 'read', db: appDb.getName() }]);
ensureSeedRole();
ensureUser(appDb, setting('MONGO_SEED_USERNAME'), setting('MONGO_SEED_PASSWORD'), [{ role: SEED_ROLE, db: appDb.getName() }]);

// The metrics exporter's user, when the exporter runs: the roles percona/mongodb_exporter documents, clusterMonitor
// (serverStatus, getDiagnosticData, replSetGetStatus) and read on local (the oplog), and no access to the data.
if (process.env.MONGO_MONITOR_USERNAME) {
  ensureUser(db.getSiblingDB('admin'), process.env.MONGO_MONITOR_USERNAME, setting('MONGO_MONITOR_PASSWORD'), [
    { role: 'clusterMonitor', db: 'admin' },
    { role: 'read', db: 'local' },
  ]);
}
