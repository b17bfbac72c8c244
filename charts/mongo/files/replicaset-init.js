// Initiates the replica set, or brings its membership in line with the one asked for, then creates the application
// users on the primary. Run with `mongosh --nodb` by the mongo chart's post-install/post-upgrade Job and by Compose's
// mongo-init service. Every step looks before it acts, so running it again, or after a member restarted, is harmless.
//
//   REPLICA_SET_NAME                 the set's name (mongod --replSet)
//   REPLICA_SET_MEMBERS              host:port of every member, comma-separated; the first one initiates the set
//   REPLICA_SET_TIMEOUT_SECONDS      how long to wait for the members and the primary (default: 300)
//   MONGO_INITDB_ROOT_USERNAME / MONGO_INITDB_ROOT_PASSWORD    the root user each member's entrypoint created
//   CREATE_USERS_SCRIPT              create-users.js, loaded on the primary (it reads MONGO_APP_* and MONGO_SEED_*)
function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} must be set to initiate the replica set`);
  }
  return value;
}

const setName = required('REPLICA_SET_NAME');
const members = required('REPLICA_SET_MEMBERS').split(',');
const deadline = Date.now() + 1000 * Number(process.env.REPLICA_SET_TIMEOUT_SECONDS || 300);
const credentials = encodeURIComponent(required('MONGO_INITDB_ROOT_USERNAME')) + ':'
  + encodeURIComponent(required('MONGO_INITDB_ROOT_PASSWORD'));
const PRIMARY = 1;
const SECONDARY = 2;

// Retries `attempt` until it returns a value other than undefined, or fails with its last error at the deadline.
function waitFor(what, attempt) {
  let last = 'no answer yet';
  for (;;) {
    try {
      const result = attempt();
      if (result !== undefined) {
        return result;
      }
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}: ${last}`);
    }
    sleep(2000);
  }
}

// hello needs no credentials; a member started with --replSet reports a setName once it belongs to an initiated set.
function hello(host) {
  const connection = new Mongo(`mongodb://${host}/?directConnection=true&serverSelectionTimeoutMS=2000`);
  try {
    return connection.getDB('admin').runCommand({ hello: 1 });
  } finally {
    connection.close();
  }
}

// The set exists once any member says so. Until then every member must answer, so that a member that lost its volume
// never starts a second set of the same name while the others are merely out of reach.
function setIsInitiated() {
  return waitFor('every member to answer', () => {
    const answers = members.map((host) => {
      try {
        return hello(host);
      } catch (e) {
        return null;
      }
    });
    if (answers.some((answer) => answer && answer.setName)) {
      return true;
    }
    return answers.every((answer) => answer) ? false : undefined;
  });
}

if (!setIsInitiated()) {
  print(`Initiating replica set '${setName}' with ${members[0]}`);
  db = connect(`mongodb://${credentials}@${members[0]}/admin?directConnection=true&authSource=admin`);
  rs.initiate({ _id: setName, members: [{ _id: 0, host: members[0] }] });
}

db = waitFor('a primary', () => {
  const primary = connect(`mongodb://${credentials}@${members.join(',')}/admin?replicaSet=${encodeURIComponent(setName)}`
    + '&authSource=admin&serverSelectionTimeoutMS=5000');
  return primary.hello().isWritablePrimary ? primary : undefined;
});

// One member at a time: a reconfiguration may add or remove at most one voting member, and only once the previous
// configuration is committed, which waitFor retries until.
const configured = () => rs.conf().members.map((member) => member.host);
for (const host of members.filter((host) => !configured().includes(host))) {
  print(`Adding ${host} to replica set '${setName}'`);
  waitFor(`${host} to join`, () => rs.add({ host }));
}
for (const host of configured().filter((host) => !members.includes(host))) {
  print(`Removing ${host} from replica set '${setName}'`);
  waitFor(`${host} to leave`, () => rs.remove(host));
}

// The clients write with w: majority: wait until every member has caught up.
waitFor('every member to be primary or secondary', () =>
  rs.status().members.every((member) => [PRIMARY, SECONDARY].includes(member.state)) ? true : undefined);
print(`Replica set '${setName}': ${members.join(', ')}`);

load(required('CREATE_USERS_SCRIPT'));
