package io.restaurantapi.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * charts/mongo/files/create-users.js, run by Node.js against a stand-in for mongosh's {@code db} that records the
 * users created: mongosh runs scripts on Node.js, with {@code db}, {@code print} and {@code require} as globals.
 */
class CreateUsersScriptTest {

    private static final Path SCRIPT = Charts.MONGO.resolve("files/create-users.js");

    private static final String HARNESS = """
            const vm = require('vm');
            const fs = require('fs');
            const users = [];
            function database(name) {
              return {
                getName: () => name,
                getRole: () => null,
                createRole: () => {},
                getUser: () => null,
                createUser: (u) => users.push({ db: name, user: u.user, pwd: u.pwd, roles: u.roles }),
              };
            }
            const context = { db: { getSiblingDB: database }, print: () => {}, require, process: { env: JSON.parse(process.argv[3]) } };
            try {
              vm.runInNewContext(fs.readFileSync(process.argv[2], 'utf8'), context);
              console.log(JSON.stringify(users));
            } catch (e) {
              console.log(JSON.stringify({ error: e.message }));
            }
            """;

    private static final Map<String, String> APP_AND_SEED = Map.of(
            "MONGO_APP_USERNAME", "app",
            "MONGO_APP_PASSWORD", "app-password",
            "MONGO_SEED_USERNAME", "seed",
            "MONGO_SEED_PASSWORD", "seed-password");

    @TempDir
    static Path temp;

    @BeforeAll
    static void nodeIsInstalled() {
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "node"))),
                "node is on the PATH");
    }

    private static Object run(Map<String, String> env) throws IOException, InterruptedException {
        Path harness = Files.writeString(temp.resolve("harness.js"), HARNESS);
        Process node = new ProcessBuilder("node", harness.toString(), SCRIPT.toString(), new Gson().toJson(env))
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor()).as(output).isZero();
        return new Gson().fromJson(output, Object.class);
    }

    private static Map<String, String> withMonitor(String password) {
        Map<String, String> env = new LinkedHashMap<>(APP_AND_SEED);
        env.put("MONGO_MONITOR_USERNAME", "monitor");
        if (password != null) {
            env.put("MONGO_MONITOR_PASSWORD", password);
        }
        return env;
    }

    @Test
    void withoutAMonitoringUserNameOnlyTheAppAndSeedUsersAreCreated() throws Exception {
        List<Map<String, Object>> users = Manifests.cast(run(APP_AND_SEED));

        assertThat(users).extracting(u -> u.get("user")).containsExactly("app", "seed");
    }

    @Test
    void theMonitoringUserGetsClusterMonitorAndReadOnLocalInAdminAndNothingElse() throws Exception {
        List<Map<String, Object>> users = Manifests.cast(run(withMonitor("monitor-password")));

        assertThat(users)
                .filteredOn(u -> "monitor".equals(u.get("user")))
                .singleElement()
                .satisfies(u -> {
                    assertThat(u).containsEntry("db", "admin").containsEntry("pwd", "monitor-password");
                    assertThat(Manifests.<List<Map<String, Object>>>cast(u.get("roles")))
                            .containsExactlyInAnyOrder(
                                    Map.of("role", "clusterMonitor", "db", "admin"),
                                    Map.of("role", "read", "db", "local"));
                });
    }

    @Test
    void aMonitoringUserWithoutAPasswordIsRefusedWithTheVariableNamed() throws Exception {
        Object result = run(withMonitor(null));

        assertThat(result)
                .as("the script's outcome")
                .isInstanceOfSatisfying(
                        Map.class,
                        failure ->
                                assertThat(String.valueOf(failure.get("error"))).contains("MONGO_MONITOR_PASSWORD"));
    }
}
