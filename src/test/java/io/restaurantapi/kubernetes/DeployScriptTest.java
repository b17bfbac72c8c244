package io.restaurantapi.kubernetes;

import static io.restaurantapi.kubernetes.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy.sh, run for real against stand-ins for microk8s, helm, helmfile, docker and curl placed first on the PATH.
 * Each stand-in records its arguments (one line per call in {@code calls}, tab-separated) and answers what deploy.sh
 * needs; helm and helmfile also keep a copy of the kubeconfig they were given.
 */
class DeployScriptTest {

    private static final String MICROK8S_CONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
              - name: microk8s-cluster
                cluster:
                  server: https://10.0.0.5:16443
            current-context: microk8s
            """;

    private static final String RECORD = """
            #!/usr/bin/env bash
            set -euo pipefail
            { printf '%s' "$(basename "$0")"; printf '\\t%s' "$@"; printf '\\n'; } >> "$FAKE_DIR/calls"
            keep_kubeconfig() {
              { printf 'mode %s\\n' "$(stat -c %a "$KUBECONFIG")"; cat "$KUBECONFIG"; } > "$FAKE_DIR/kubeconfig-of-$(basename "$0")"
            }
            """;

    private static final Map<String, String> FAKES = Map.of(
            "microk8s", RECORD + """
                    case "$1" in
                      status) [[ "${2:-}" != --format ]] || printf 'core/%s: enabled\\n' dns hostpath-storage ingress registry ;;
                      config) cat "$FAKE_DIR/microk8s-config" ;;
                      kubectl) [[ "$*" != *"get statefulset/mongo"* || -e "$FAKE_DIR/statefulset" ]] ;;
                      ctr) printf 'imported %s\\n' "$(cat)" >> "$FAKE_DIR/calls" ;;
                    esac
                    """,
            "docker", RECORD + """
                    case "$1" in
                      image) ref="${*: -1}"; name="${ref##*/}"; cat "$FAKE_DIR/image-id.${name%%:*}" ;;
                      save) printf '%s ' "${@:2}" ;;
                    esac
                    """,
            "helm", RECORD + """
                    case "$1" in
                      version) printf '%s' "${FAKE_HELM_VERSION:-v3.19.0}" ;;
                      plugin) printf 'NAME\\tVERSION\\tDESCRIPTION\\ndiff\\t%s\\tPreview helm upgrade changes as a diff\\n' "${FAKE_HELM_DIFF_VERSION:-3.13.1}" ;;
                      test) keep_kubeconfig ;;
                    esac
                    """,
            "helmfile", RECORD + "keep_kubeconfig\n",
            "curl", RECORD + """
                    case "${*: -1}" in
                      */55f14313c7447c3da705224b) printf '{"_id":"55f14313c7447c3da705224b"}\\n' ;;
                      *) printf '[{"_id":"55f14313c7447c3da705224b"}]\\n' ;;
                    esac
                    """);

    @TempDir
    Path temp;

    private Path repo;
    private Path fakes;
    private Path tmp;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private record Run(int exitCode, String stdout, String stderr) {}

    @BeforeEach
    void setUp() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo"));
        fakes = Files.createDirectories(temp.resolve("bin"));
        tmp = Files.createDirectories(temp.resolve("tmp"));
        Files.copy(Charts.ROOT.resolve("deploy.sh"), repo.resolve("deploy.sh"));
        for (String dockerfile : List.of("Dockerfile", "Dockerfile.seed", "Dockerfile.mongo")) {
            Files.writeString(repo.resolve(dockerfile), "FROM scratch\n");
        }
        for (Map.Entry<String, String> fake : FAKES.entrySet()) {
            assertThat(Files.writeString(fakes.resolve(fake.getKey()), fake.getValue())
                            .toFile()
                            .setExecutable(true))
                    .isTrue();
        }
        Files.writeString(fakes.resolve("microk8s-config"), MICROK8S_CONFIG);
        Files.writeString(fakes.resolve("calls"), "");
        imageIds("a", "b", "c");
        environment.put("PATH", fakes + ":" + System.getenv("PATH"));
        environment.put("HOME", Files.createDirectories(temp.resolve("home")).toString());
        environment.put("TMPDIR", tmp.toString());
        environment.put("FAKE_DIR", fakes.toString());
        // the temporary directory is no git checkout, even if a parent directory is one
        environment.put("GIT_CEILING_DIRECTORIES", temp.toString());
    }

    /** The image IDs docker reports for the app, seed and mongo images: 64 times the given hex digit each. */
    private void imageIds(String app, String seed, String mongo) throws IOException {
        Files.writeString(fakes.resolve("image-id.restaurant-api"), "sha256:" + app.repeat(64) + "\n");
        Files.writeString(fakes.resolve("image-id.restaurant-api-seed"), "sha256:" + seed.repeat(64) + "\n");
        Files.writeString(fakes.resolve("image-id.restaurant-api-mongo"), "sha256:" + mongo.repeat(64) + "\n");
    }

    private Run deploy(String... arguments) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("bash", repo.resolve("deploy.sh").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(temp.toFile())
                .redirectOutput(temp.resolve("stdout").toFile())
                .redirectError(temp.resolve("stderr").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("deploy.sh %s finished", String.join(" ", arguments))
                .isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(temp.resolve("stdout")),
                Files.readString(temp.resolve("stderr")));
    }

    private Run deploySucceeding(String... arguments) throws Exception {
        Run run = deploy(arguments);
        assertThat(run.exitCode())
                .as("exit code of deploy.sh %s; stderr: %s", String.join(" ", arguments), run.stderr())
                .isZero();
        return run;
    }

    /** The calls of one stand-in, in order, each as its argument list. */
    private List<List<String>> calls(String program) throws IOException {
        return Files.readAllLines(fakes.resolve("calls")).stream()
                .map(line -> List.of(line.split("\t", -1)))
                .filter(call -> call.get(0).equals(program))
                .map(call -> call.subList(1, call.size()))
                .toList();
    }

    private List<String> helmfileApply() throws IOException {
        List<List<String>> applies = calls("helmfile").stream()
                .filter(call -> call.contains("apply"))
                .toList();
        assertThat(applies).hasSize(1);
        return applies.get(0);
    }

    /** The state values ({@code --state-values-set-string key=value}) of the helmfile apply. */
    private Map<String, String> stateValues() throws IOException {
        List<String> apply = helmfileApply();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < apply.size() - 1; i++) {
            if (apply.get(i).equals("--state-values-set-string")) {
                String[] pair = apply.get(i + 1).split("=", 2);
                values.put(pair[0], pair[1]);
            }
        }
        return values;
    }

    private String keptKubeconfig(String program) throws IOException {
        return Files.readString(fakes.resolve("kubeconfig-of-" + program));
    }

    @Test
    void helpListsEveryCommandIncludingTest() throws Exception {
        for (String help : List.of("help", "-h", "--help")) {
            Run run = deploySucceeding(help);

            assertThat(run.stdout())
                    .contains("Usage: ./deploy.sh [--environment <name>] <command>")
                    .containsPattern("(?m)^  -e, --environment <name>")
                    .contains("microk8s (the default", "ha (MongoDB as a three-member replica set")
                    .containsPattern("(?m)^  test +.*helm test app --namespace restaurant --logs")
                    .containsPattern("(?m)^  up ")
                    .containsPattern("(?m)^  down ")
                    .containsPattern("(?m)^  status ")
                    .containsPattern("(?m)^  images ");
        }
    }

    @Test
    void upDeploysTheHaEnvironmentWhenAskedAndWaitsForTheReplicaSet() throws Exception {
        Files.writeString(fakes.resolve("statefulset"), "");
        deploySucceeding("--environment", "ha", "up");

        assertThat(helmfileApply()).containsSubsequence("--environment", "ha");
        assertThat(calls("microk8s"))
                .contains(List.of(
                        "kubectl",
                        "--namespace",
                        "restaurant",
                        "rollout",
                        "status",
                        "statefulset/mongo",
                        "--timeout=600s"))
                .noneMatch(call -> call.contains("deployment/mongo"));
        assertThat(HelmfileTest.renderEnvironment("ha", stateValues())
                        .get("mongo")
                        .one("StatefulSet"))
                .isNotNull();
    }

    @Test
    void theEnvironmentCanAlsoComeFromHelmfileEnvironment() throws Exception {
        environment.put("HELMFILE_ENVIRONMENT", "ha");
        deploySucceeding("down");

        assertThat(calls("helmfile")).containsExactly(List.of("--environment", "ha", "destroy"));
    }

    @Test
    void upWaitsForTheStandaloneDeploymentByDefault() throws Exception {
        deploySucceeding("up");

        assertThat(calls("microk8s"))
                .contains(List.of(
                        "kubectl",
                        "--namespace",
                        "restaurant",
                        "rollout",
                        "status",
                        "deployment/mongo",
                        "--timeout=300s"));
    }

    @Test
    void anUnknownEnvironmentFailsWithAOneLineErrorBeforeAnythingRuns() throws Exception {
        Run run = deploy("-e", "production", "up");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines())
                .singleElement()
                .asString()
                .startsWith("error: unknown environment \"production\" (microk8s or ha)");
        assertThat(calls("helmfile")).isEmpty();
        assertThat(calls("microk8s")).isEmpty();
    }

    @Test
    void anUnknownCommandFailsWithAOneLineError() throws Exception {
        Run run = deploy("deploy");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines()).singleElement().asString().startsWith("error: unknown command \"deploy\"");
    }

    /**
     * microk8s writes no ~/.kube/config (its kubectl reads a kubeconfig of its own), so a bare {@code helm test} cannot
     * reach it; deploy.sh hands helm a private copy of what {@code microk8s config} prints, removed afterwards.
     */
    @Test
    void testRunsHelmTestWithLogsThroughTheMicrok8sKubeconfig() throws Exception {
        deploySucceeding("test");

        assertThat(calls("helm")).containsExactly(List.of("test", "app", "--namespace", "restaurant", "--logs"));
        assertThat(keptKubeconfig("helm")).isEqualTo("mode 600\n" + MICROK8S_CONFIG);
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("temporary files left behind").isEmpty();
        }
    }

    @Test
    void upEndsWithTheCommandThatRunsTheInClusterTest() throws Exception {
        Run run = deploySucceeding("up");

        assertThat(run.stdout().lines().reduce((first, second) -> second).orElseThrow())
                .contains("./deploy.sh test")
                .contains("helm test app --namespace restaurant --logs");
        assertThat(keptKubeconfig("helmfile")).isEqualTo("mode 600\n" + MICROK8S_CONFIG);
    }

    /**
     * A tag derived from the image ID changes exactly when the image does, in the registry and with ctr image import
     * alike. It replaces the old workaround of restarting Deployments behind Helm's back.
     */
    @Test
    void upDeploysEachImageUnderATagDerivedFromItsContent() throws Exception {
        deploySucceeding("up");

        assertThat(stateValues())
                .containsEntry("app.image.repository", "localhost:32000/restaurant-api")
                .containsEntry("app.image.tag", "1.0.0-" + "a".repeat(12))
                .containsEntry("seed.image.repository", "localhost:32000/restaurant-api-seed")
                .containsEntry("seed.image.tag", "1.0.0-" + "b".repeat(12))
                .containsEntry("mongo.image.repository", "localhost:32000/restaurant-api-mongo")
                .containsEntry("mongo.image.tag", "1.0.0-" + "c".repeat(12))
                .containsEntry("app.image.pullPolicy", "IfNotPresent");
        assertThat(calls("docker"))
                .contains(
                        List.of(
                                "tag",
                                "localhost:32000/restaurant-api:1.0.0",
                                "localhost:32000/restaurant-api:1.0.0-" + "a".repeat(12)),
                        List.of("push", "localhost:32000/restaurant-api:1.0.0-" + "a".repeat(12)),
                        List.of("push", "localhost:32000/restaurant-api-seed:1.0.0-" + "b".repeat(12)),
                        List.of("push", "localhost:32000/restaurant-api-mongo:1.0.0-" + "c".repeat(12)));
        assertThat(calls("microk8s")).noneMatch(call -> call.contains("restart"));
    }

    /** helmDefaults.diffArgs (--dry-run=server) holds only while no --diff-args on the command line replaces it. */
    @Test
    void upAppliesWithTheHelmfileDiffArguments() throws Exception {
        deploySucceeding("up");

        assertThat(helmfileApply())
                .containsSubsequence("--environment", "microk8s")
                .contains("apply", "--suppress-secrets")
                .noneMatch(arg -> arg.startsWith("--diff-args"));
    }

    private static List<Map<String, Object>> withoutSecrets(Manifests manifests) {
        // the mongo Secret's passwords are generated on every render without a cluster; lookup keeps them on upgrades
        return manifests.objects().stream()
                .filter(o -> !"Secret".equals(o.get("kind")))
                .toList();
    }

    @Test
    void aSecondUpWithoutARebuildChangesNoRelease() throws Exception {
        deploySucceeding("up");
        Map<String, String> first = stateValues();
        Files.writeString(fakes.resolve("calls"), "");
        deploySucceeding("up");
        Map<String, String> second = stateValues();

        assertThat(second).isEqualTo(first);
        Map<String, Manifests> before = HelmfileTest.renderEnvironment("microk8s", first);
        Map<String, Manifests> after = HelmfileTest.renderEnvironment("microk8s", second);
        for (String release : List.of("mongo", "seed", "app")) {
            assertThat(withoutSecrets(after.get(release))).as(release).isEqualTo(withoutSecrets(before.get(release)));
        }
    }

    /**
     * A rebuilt image gets a new tag, so its release's pod template changes: the Deployment rolls, or, for the seed, the
     * post-upgrade hook Job differs, so helm-diff reports a change, helmfile upgrades the release and the Job runs again.
     * The other releases stay as they are.
     */
    private static Map<String, Object> workloadPod(Manifests release) {
        return map(release.ofKind("Job").isEmpty() ? release.one("Deployment") : release.one("Job"), "spec.template");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"app", "seed", "mongo"})
    void aRebuiltImageChangesItsReleaseAndNoOther(String rebuilt) throws Exception {
        deploySucceeding("up");
        Map<String, String> before = stateValues();
        imageIds(
                rebuilt.equals("app") ? "d" : "a",
                rebuilt.equals("seed") ? "d" : "b",
                rebuilt.equals("mongo") ? "d" : "c");
        Files.writeString(fakes.resolve("calls"), "");
        deploySucceeding("up");
        Map<String, String> after = stateValues();

        assertThat(after.get(rebuilt + ".image.tag")).isEqualTo("1.0.0-" + "d".repeat(12));
        Map<String, Manifests> old = HelmfileTest.renderEnvironment("microk8s", before);
        Map<String, Manifests> updated = HelmfileTest.renderEnvironment("microk8s", after);
        for (String release : List.of("mongo", "seed", "app")) {
            Map<String, Object> oldPod = workloadPod(old.get(release));
            Map<String, Object> newPod = workloadPod(updated.get(release));
            if (release.equals(rebuilt)) {
                assertThat(newPod).as(release).isNotEqualTo(oldPod);
            } else {
                assertThat(withoutSecrets(updated.get(release)))
                        .as(release)
                        .isEqualTo(withoutSecrets(old.get(release)));
            }
        }
        if (rebuilt.equals("seed")) {
            assertThat(map(updated.get("seed").one("Job"), "metadata.annotations"))
                    .containsEntry(Charts.RENAMED_HOOK + "hook", "post-install,post-upgrade");
        }
    }

    @Test
    void importModeLoadsTheTaggedImagesIntoMicrok8sWithoutARegistry() throws Exception {
        environment.put("IMAGE_IMPORT", "1");
        deploySucceeding("up");

        assertThat(calls("docker")).noneMatch(call -> call.get(0).equals("push"));
        assertThat(calls("microk8s")).contains(List.of("ctr", "image", "import", "-"));
        assertThat(Files.readAllLines(fakes.resolve("calls")))
                .contains("imported localhost:32000/restaurant-api:1.0.0-" + "a".repeat(12)
                        + " localhost:32000/restaurant-api:1.0.0 ");
        assertThat(stateValues())
                .containsEntry("app.image.tag", "1.0.0-" + "a".repeat(12))
                .containsEntry("seed.image.pullPolicy", "IfNotPresent")
                .containsEntry("mongo.image.pullPolicy", "IfNotPresent");
    }

    private static void git(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as("git %s: %s", String.join(" ", arguments), output)
                .isZero();
    }

    private List<List<String>> builds() throws IOException {
        return calls("docker").stream()
                .filter(call -> call.get(0).equals("build"))
                .toList();
    }

    @Test
    void imagesAreBuiltWithTheCommitTheyComeFrom() throws Exception {
        git(repo, "init", "--quiet");
        git(repo, "add", ".");
        git(repo, "commit", "--quiet", "-m", "deploy");
        Process head = new ProcessBuilder("git", "rev-parse", "HEAD")
                .directory(repo.toFile())
                .start();
        String commit = new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(head.waitFor()).isZero();

        deploySucceeding("images");

        assertThat(builds())
                .hasSize(3)
                .allSatisfy(build -> assertThat(build).containsSubsequence("--build-arg", "GIT_COMMIT=" + commit));
    }

    @Test
    void outsideAGitCheckoutImagesAreBuiltWithoutACommit() throws Exception {
        Run run = deploySucceeding("images");

        assertThat(builds())
                .hasSize(3)
                .allSatisfy(build -> assertThat(build).noneMatch(arg -> arg.contains("GIT_COMMIT")));
        assertThat(run.stdout()).contains("not a git checkout: building without GIT_COMMIT");
    }

    @Test
    void upRefusesAHelmDiffThatCannotDryRunOnTheServer() throws Exception {
        environment.put("FAKE_HELM_DIFF_VERSION", "3.9.3");
        Run run = deploy("up");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr())
                .isEqualTo("error: helm-diff 3.9.3 is too old: it needs 3.9.4 or later for --dry-run=server."
                        + " Update it: helm plugin update diff\n");
        assertThat(calls("helmfile")).isEmpty();
    }

    @Test
    void upRefusesAHelmThatCannotDryRunOnTheServer() throws Exception {
        environment.put("FAKE_HELM_VERSION", "v3.12.3");
        Run run = deploy("up");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("error: helm v3.12.3 is too old").contains("3.13.0");
        assertThat(calls("helmfile")).isEmpty();
    }
}
