package io.restaurantapi.kubernetes;

import static io.restaurantapi.kubernetes.Manifests.at;
import static io.restaurantapi.kubernetes.Manifests.list;
import static io.restaurantapi.kubernetes.Manifests.map;
import static io.restaurantapi.kubernetes.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** charts/mongo: MongoDB with persistent storage and the application users. */
class MongoChartTest {

    private static final Manifests DEFAULTS = Charts.render(Charts.MONGO, "mongo", Map.of());
    private static final Manifests CUSTOM = Charts.render(Charts.MONGO, "mongo", RenderScenarios.MONGO_CUSTOM);
    private static final Manifests REPLICA_SET =
            Charts.renderHooks(Charts.MONGO, "mongo", RenderScenarios.MONGO_REPLICA_SET);
    private static final Manifests REPLICA_SET_CUSTOM =
            Charts.renderHooks(Charts.MONGO, "mongo", RenderScenarios.MONGO_REPLICA_SET_CUSTOM);
    private static final String MEMBERS = "mongo-0.mongo-headless.restaurant.svc.cluster.local:27017,"
            + "mongo-1.mongo-headless.restaurant.svc.cluster.local:27017,"
            + "mongo-2.mongo-headless.restaurant.svc.cluster.local:27017";

    private static Map<String, Object> container(Manifests manifests) {
        return list(manifests.one("Deployment"), "spec.template.spec.containers")
                .get(0);
    }

    private static Map<String, Object> member(Manifests manifests) {
        return list(manifests.one("StatefulSet"), "spec.template.spec.containers")
                .get(0);
    }

    private static String secretValue(Manifests manifests, String key) {
        return new String(
                Base64.getDecoder().decode(string(manifests.one("Secret"), "data." + key)), StandardCharsets.UTF_8);
    }

    @Test
    void rendersTheExpectedObjectsByDefault() {
        assertThat(DEFAULTS.kinds())
                .containsExactlyInAnyOrder(
                        "Deployment",
                        "Service",
                        "ServiceAccount",
                        "Secret",
                        "ConfigMap",
                        "PersistentVolumeClaim",
                        "NetworkPolicy");
    }

    @Test
    void runsOneReplicaThatIsStoppedBeforeItsSuccessorStarts() {
        Map<String, Object> deployment = DEFAULTS.one("Deployment");

        assertThat(at(deployment, "spec.replicas")).isEqualTo(1);
        assertThat(at(deployment, "spec.strategy")).isEqualTo(Map.of("type", "Recreate"));
    }

    @Test
    void usesTheOfficialMongo8ImagePinnedToAPatchRelease() {
        assertThat(string(container(DEFAULTS), "image")).matches("mongo:8\\.0\\.[0-9]+");
    }

    private static final Pattern MONGO_BASE_IMAGE = Pattern.compile(
            "(?im)^FROM\\s+(?:--platform=\\S+\\s+)?(?:docker\\.io/(?:library/)?)?mongo:([0-9]+\\.[0-9]+\\.[0-9]+)(?:@sha256:[0-9a-f]{64})?(?:\\s+AS\\s+\\S+)?\\s*$");

    /** Compose and the microk8s environment run Dockerfile.mongo's image; the chart's default must be the same MongoDB. */
    @Test
    void defaultImageIsTheMongodbReleaseDockerfileMongoBuildsOn() throws Exception {
        Matcher from = MONGO_BASE_IMAGE.matcher(Files.readString(Charts.ROOT.resolve("Dockerfile.mongo")));
        assertThat(from.find())
                .as("Dockerfile.mongo has a FROM mongo:X.Y.Z line")
                .isTrue();

        assertThat(string(container(DEFAULTS), "image")).isEqualTo("mongo:" + from.group(1));
        assertThat(Manifests.<Map<String, Object>>cast(
                        new Yaml().load(Files.readString(Charts.MONGO.resolve("Chart.yaml")))))
                .containsEntry("appVersion", from.group(1));
    }

    @Test
    void theBaseImageCheckReadsATagPinnedByDigest() {
        Matcher from = MONGO_BASE_IMAGE.matcher(
                "# syntax=docker/dockerfile:1.7\nFROM mongo:8.0.28@sha256:" + "5".repeat(64) + "\nUSER 999:999\n");

        assertThat(from.find()).isTrue();
        assertThat(from.group(1)).isEqualTo("8.0.28");
    }

    @Test
    void storesTheDataInAClaimThatOutlivesTheRelease() {
        Map<String, Object> claim = DEFAULTS.one("PersistentVolumeClaim");

        assertThat(map(claim, "metadata.annotations")).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(map(claim, "spec")).doesNotContainKey("storageClassName");
        assertThat(string(claim, "spec.resources.requests.storage")).isEqualTo("2Gi");
        assertThat(list(DEFAULTS.one("Deployment"), "spec.template.spec.volumes"))
                .anySatisfy(v -> assertThat(string(v, "persistentVolumeClaim.claimName"))
                        .isEqualTo(string(claim, "metadata.name")));
        assertThat(list(container(DEFAULTS), "volumeMounts")).anySatisfy(m -> {
            assertThat(m.get("name")).isEqualTo("data");
            assertThat(m.get("mountPath")).isEqualTo("/data/db");
        });
    }

    @Test
    void storageClassAndSizeAreConfigurable() {
        Map<String, Object> claim = CUSTOM.one("PersistentVolumeClaim");

        assertThat(string(claim, "spec.storageClassName")).isEqualTo("fast-ssd");
        assertThat(string(claim, "spec.resources.requests.storage")).isEqualTo("20Gi");
    }

    @Test
    void generatesPasswordsAndConnectionStringsOnFirstInstall() {
        assertThat(secretValue(DEFAULTS, "mongodb-root-password")).matches("[A-Za-z0-9]{32}");
        assertThat(secretValue(DEFAULTS, "mongodb-app-password")).matches("[A-Za-z0-9]{32}");
        assertThat(secretValue(DEFAULTS, "mongodb-seed-password")).matches("[A-Za-z0-9]{32}");
        assertThat(secretValue(DEFAULTS, "app-uri"))
                .isEqualTo("mongodb://app:" + secretValue(DEFAULTS, "mongodb-app-password")
                        + "@mongo.restaurant.svc.cluster.local:27017/restaurant?authSource=restaurant");
        assertThat(secretValue(DEFAULTS, "seed-uri"))
                .isEqualTo("mongodb://seed:" + secretValue(DEFAULTS, "mongodb-seed-password")
                        + "@mongo.restaurant.svc.cluster.local:27017/restaurant?authSource=restaurant");
    }

    @Test
    void keepsTheStoredPasswordsOnUpgrade() {
        String encoded = Base64.getEncoder().encodeToString("stored-secret-1".getBytes(StandardCharsets.UTF_8));
        Charts.api()
                .storeSecret(
                        "upgrade",
                        "mongo",
                        Map.of(
                                "mongodb-root-password",
                                encoded,
                                "mongodb-app-password",
                                encoded,
                                "mongodb-seed-password",
                                encoded));

        Manifests upgrade = Charts.render(Charts.MONGO, "mongo", "upgrade", Map.of());

        assertThat(secretValue(upgrade, "mongodb-root-password")).isEqualTo("stored-secret-1");
        assertThat(secretValue(upgrade, "mongodb-app-password")).isEqualTo("stored-secret-1");
        assertThat(secretValue(upgrade, "app-uri")).startsWith("mongodb://app:stored-secret-1@mongo.upgrade.svc");
    }

    @Test
    void theSecretOutlivesTheReleaseLikeTheData() {
        assertThat(map(DEFAULTS.one("Secret"), "metadata.annotations"))
                .containsEntry("helm.sh/resource-policy", "keep");
    }

    @Test
    void anExistingSecretReplacesTheGeneratedOne() {
        assertThat(CUSTOM.ofKind("Secret")).isEmpty();
        assertThat(list(container(CUSTOM), "env"))
                .filteredOn(e -> e.containsKey("valueFrom"))
                .allSatisfy(e ->
                        assertThat(string(e, "valueFrom.secretKeyRef.name")).isEqualTo("mongo-credentials"));
    }

    @Test
    void createsTheUsersWithTheCommittedInitScript() throws Exception {
        String script = Files.readString(Path.of("charts/mongo/files/create-users.js"));
        Map<String, Object> configMap = DEFAULTS.one("ConfigMap");

        assertThat(map(configMap, "data")).containsEntry("create-users.js", script.stripTrailing());
        assertThat(list(container(DEFAULTS), "volumeMounts")).anySatisfy(m -> {
            assertThat(m.get("mountPath")).isEqualTo("/docker-entrypoint-initdb.d");
            assertThat(m.get("readOnly")).isEqualTo(true);
        });
        assertThat(list(container(DEFAULTS), "env"))
                .extracting(e -> e.get("name"))
                .contains(
                        "MONGO_INITDB_ROOT_USERNAME",
                        "MONGO_INITDB_ROOT_PASSWORD",
                        "MONGO_APP_DATABASE",
                        "MONGO_APP_USERNAME",
                        "MONGO_APP_PASSWORD",
                        "MONGO_SEED_USERNAME",
                        "MONGO_SEED_PASSWORD");
    }

    /**
     * Runs a probe's exec command as the kubelet does (an argv, no shell) with a stand-in {@code mongosh} first on the
     * PATH and the container's HOSTNAME; returns the arguments mongosh received, or fails if the probe's exit status
     * is not mongosh's.
     */
    private static List<String> mongoshArgumentsOfProbe(String probe) throws Exception {
        return mongoshArgumentsOfProbe(container(DEFAULTS), probe);
    }

    private static List<String> mongoshArgumentsOfProbe(Map<String, Object> container, String probe) throws Exception {
        Path bin = Files.createTempDirectory("probe-bin");
        Path received = bin.resolve("received");
        Path mongosh = Files.writeString(bin.resolve("mongosh"), """
                #!/bin/sh
                printf '%s\\n' "$@" > "$(dirname "$0")/received"
                exit 3
                """);
        assertThat(mongosh.toFile().setExecutable(true)).isTrue();
        List<String> command = new ArrayList<>(Manifests.<List<String>>cast(at(container, probe + ".exec.command")));
        String path = bin + ":" + System.getenv("PATH");
        // The runtime looks the program up in the container's PATH, not in that of whoever starts it.
        if (!command.get(0).contains("/")) {
            String program = command.get(0);
            command.set(
                    0,
                    Stream.of(path.split(":"))
                            .map(dir -> Path.of(dir, program))
                            .filter(Files::isExecutable)
                            .findFirst()
                            .orElseThrow()
                            .toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", path);
        builder.environment().put("HOSTNAME", "mongo-5d8f7c9b4-x2k7q");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor())
                .as("exit status of %s (output: %s)", probe, output)
                .isEqualTo(3);
        return Files.readAllLines(received);
    }

    /**
     * On an empty volume the entrypoint first runs a temporary mongod bound to 127.0.0.1 to create the users, and only
     * then the real one, bound to every address. A ping of 127.0.0.1 (mongosh's default) would find the temporary one
     * and mark the pod started and ready before the users exist; the pod's own host name (the pod IP in the
     * kubelet's /etc/hosts) reaches only the real server.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"startupProbe", "readinessProbe"})
    void startupAndReadinessPingTheServerOnThePodAddressNotLoopback(String probe) throws Exception {
        List<String> arguments = mongoshArgumentsOfProbe(probe);

        assertThat(arguments).containsSubsequence("--host", "mongo-5d8f7c9b4-x2k7q");
        assertThat(arguments).containsSubsequence("--eval", "quit(db.adminCommand({ ping: 1 }).ok ? 0 : 1)");
    }

    /** Liveness runs once the startup probe has succeeded: it asks whether mongod answers at all, over loopback. */
    @Test
    void livenessPingsMongodOverLoopback() throws Exception {
        List<String> arguments = mongoshArgumentsOfProbe("livenessProbe");

        assertThat(arguments)
                .doesNotContain("--host")
                .containsSubsequence("--eval", "quit(db.adminCommand({ ping: 1 }).ok ? 0 : 1)");
    }

    private static Map<String, Object> podTemplate(Manifests manifests) {
        return map(manifests.one("Deployment"), "spec.template");
    }

    /** A first install generates the passwords; rendering again must not change the pod, or every upgrade restarts MongoDB. */
    @Test
    void thePodTemplateDoesNotChangeWithTheGeneratedPasswords() {
        Manifests first = Charts.renderAgain(Charts.MONGO, "mongo", "generated", Map.of());
        Manifests second = Charts.renderAgain(Charts.MONGO, "mongo", "generated", Map.of());

        assertThat(secretValue(first, "mongodb-root-password"))
                .isNotEqualTo(secretValue(second, "mongodb-root-password"));
        assertThat(podTemplate(second)).isEqualTo(podTemplate(first));
    }

    /** The second {@code helmfile apply}: lookup now finds the Secret the first install stored. */
    @Test
    void anUpgradeAfterTheFirstInstallKeepsThePodTemplate() {
        Manifests install = Charts.renderAgain(Charts.MONGO, "mongo", "second-apply", Map.of());
        Charts.api().storeSecret("second-apply", "mongo", Manifests.cast(map(install.one("Secret"), "data")));
        Manifests upgrade = Charts.renderAgain(Charts.MONGO, "mongo", "second-apply", Map.of());

        assertThat(secretValue(upgrade, "mongodb-app-password"))
                .isEqualTo(secretValue(install, "mongodb-app-password"));
        assertThat(podTemplate(upgrade)).isEqualTo(podTemplate(install));
    }

    /** Without persistence every start is a first start, which reads the passwords: a changed one must roll the pod. */
    @Test
    void withoutPersistenceAChangedPasswordRollsThePod() {
        Manifests before =
                Charts.renderAgain(Charts.MONGO, "mongo", "ephemeral", Map.of("persistence.enabled", "false"));
        Manifests again =
                Charts.renderAgain(Charts.MONGO, "mongo", "ephemeral", Map.of("persistence.enabled", "false"));
        Manifests changed = Charts.renderAgain(
                Charts.MONGO,
                "mongo",
                "ephemeral",
                Map.of("persistence.enabled", "false", "auth.appPassword", "a-new-password"));

        assertThat(podTemplate(again)).isEqualTo(podTemplate(before));
        assertThat(podTemplate(changed)).isNotEqualTo(podTemplate(before));
    }

    @Test
    void runsAsTheMongodbUserWithAReadOnlyRootFileSystem() {
        Map<String, Object> pod = map(DEFAULTS.one("Deployment"), "spec.template.spec");

        assertThat(at(pod, "securityContext.runAsUser")).isEqualTo(999);
        assertThat(at(pod, "securityContext.fsGroup")).isEqualTo(999);
        assertThat(at(container(DEFAULTS), "securityContext.readOnlyRootFilesystem"))
                .isEqualTo(true);
        assertThat(list(container(DEFAULTS), "volumeMounts"))
                .extracting(m -> m.get("mountPath"))
                .contains("/tmp", "/data/configdb");
    }

    @Test
    void networkPolicyAdmitsOnlyTheAppAndSeedPods() {
        Map<String, Object> policy = DEFAULTS.one("NetworkPolicy");
        List<Map<String, Object>> ingress = list(policy, "spec.ingress");

        assertThat(ingress).singleElement().satisfies(rule -> {
            assertThat(list(rule, "from"))
                    .containsExactly(
                            Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "app"))),
                            Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "seed"))));
            assertThat(list(rule, "ports")).containsExactly(Map.of("port", "mongodb", "protocol", "TCP"));
        });
    }

    @Test
    void networkPolicyAdmitsNobodyWhenNoClientIsListed() {
        Manifests closed = Charts.render(Charts.MONGO, "mongo", Map.of("networkPolicy.allowedPodLabels", "null"));

        assertThat(list(closed.one("NetworkPolicy"), "spec.ingress")).isEmpty();
    }

    /** The standalone is the default and stays as it was before the replica-set architecture came. */
    @Test
    void theDefaultRenderIsTheStandaloneAsItWasBeforeTheReplicaSetArchitecture() throws Exception {
        Manifests pinned =
                Manifests.parse(Files.readString(Path.of("src/test/resources/charts/mongo-standalone.yaml")));

        Manifests standalone = Charts.renderHooks(
                Charts.MONGO,
                "mongo",
                Map.of(
                        "auth.rootPassword", "pinned-root",
                        "auth.appPassword", "pinned-app",
                        "auth.seedPassword", "pinned-seed"));

        assertThat(standalone.objects()).isEqualTo(pinned.objects());
    }

    @Test
    void aReplicaSetRendersMembersInAStatefulSetWithTheirOwnClaimsAndNoDeployment() {
        assertThat(REPLICA_SET.kinds())
                .containsExactlyInAnyOrder(
                        "StatefulSet",
                        "Service",
                        "PodDisruptionBudget",
                        "Job",
                        "ServiceAccount",
                        "Secret",
                        "ConfigMap",
                        "NetworkPolicy",
                        "NetworkPolicy");
        Map<String, Object> statefulSet = REPLICA_SET.one("StatefulSet");

        assertThat(at(statefulSet, "spec.replicas")).isEqualTo(3);
        assertThat(at(statefulSet, "spec.podManagementPolicy")).isEqualTo("Parallel");
        assertThat(at(statefulSet, "spec.serviceName")).isEqualTo("mongo-headless");
        assertThat(list(statefulSet, "spec.volumeClaimTemplates"))
                .singleElement()
                .satisfies(claim -> {
                    assertThat(at(claim, "metadata.name")).isEqualTo("data");
                    assertThat(string(claim, "spec.resources.requests.storage")).isEqualTo("2Gi");
                });
        assertThat(list(member(REPLICA_SET), "volumeMounts")).anySatisfy(m -> {
            assertThat(m.get("name")).isEqualTo("data");
            assertThat(m.get("mountPath")).isEqualTo("/data/db");
        });
    }

    @Test
    void theHeadlessServiceGivesEveryMemberItsNameBeforeItIsReady() {
        Map<String, Object> service = REPLICA_SET.one("Service");

        assertThat(string(service, "metadata.name")).isEqualTo("mongo-headless");
        assertThat(at(service, "spec.clusterIP")).isEqualTo("None");
        assertThat(at(service, "spec.publishNotReadyAddresses")).isEqualTo(true);
        assertThat(map(service, "spec.selector"))
                .isEqualTo(map(REPLICA_SET.one("StatefulSet"), "spec.selector.matchLabels"));
    }

    @Test
    void replicaSetConnectionStringsNameEveryMemberAndTheSet() {
        assertThat(secretValue(REPLICA_SET, "app-uri"))
                .isEqualTo("mongodb://app:" + secretValue(REPLICA_SET, "mongodb-app-password") + "@" + MEMBERS
                        + "/restaurant?authSource=restaurant&replicaSet=rs0");
        assertThat(secretValue(REPLICA_SET, "seed-uri"))
                .isEqualTo("mongodb://seed:" + secretValue(REPLICA_SET, "mongodb-seed-password") + "@" + MEMBERS
                        + "/restaurant?authSource=restaurant&replicaSet=rs0");
    }

    @Test
    void membersStartWithTheSetNameAndTheKeyfileTheInitContainerMadeTheirOwn() {
        Map<String, Object> pod = map(REPLICA_SET.one("StatefulSet"), "spec.template.spec");
        Map<String, Object> keyfile = list(pod, "initContainers").get(0);

        assertThat(secretValue(REPLICA_SET, "mongodb-replica-set-key")).matches("[A-Za-z0-9]{756}");
        assertThat(Manifests.<List<String>>cast(member(REPLICA_SET).get("args")))
                .containsExactly("mongod", "--replSet", "rs0", "--keyFile", "/keyfile/keyfile");
        assertThat(String.join(" ", Manifests.<List<String>>cast(keyfile.get("command"))))
                .contains("cp /keyfile-secret/keyfile /keyfile/keyfile", "chmod 0400 /keyfile/keyfile");
        assertThat(at(keyfile, "securityContext.runAsUser"))
                .isEqualTo(at(member(REPLICA_SET), "securityContext.runAsUser"));
        assertThat(list(pod, "volumes")).anySatisfy(v -> {
            assertThat(string(v, "secret.secretName")).isEqualTo("mongo");
            assertThat(list(v, "secret.items"))
                    .containsExactly(Map.of("key", "mongodb-replica-set-key", "path", "keyfile"));
        });
    }

    @Test
    void theKeyfileIsKeptOnUpgradeLikeThePasswords() {
        String key = Base64.getEncoder().encodeToString("k".repeat(756).getBytes(StandardCharsets.UTF_8));
        Charts.api().storeSecret("keyfile", "mongo", Map.of("mongodb-replica-set-key", key));

        Manifests upgrade = Charts.render(Charts.MONGO, "mongo", "keyfile", RenderScenarios.MONGO_REPLICA_SET);

        assertThat(secretValue(upgrade, "mongodb-replica-set-key")).isEqualTo("k".repeat(756));
        assertThat(map(upgrade.one("Secret"), "metadata.annotations")).containsEntry("helm.sh/resource-policy", "keep");
    }

    /** Users come from the initiation Job, once, on the primary: an image's own init scripts must not run on each member. */
    @Test
    void membersRunNoInitScriptOfTheirImage() {
        assertThat(list(REPLICA_SET.one("StatefulSet"), "spec.template.spec.volumes"))
                .filteredOn(v -> "initdb".equals(v.get("name")))
                .singleElement()
                .satisfies(v -> assertThat(v).containsKey("emptyDir"));
        assertThat(list(member(REPLICA_SET), "env"))
                .extracting(e -> e.get("name"))
                .doesNotContain("MONGO_APP_PASSWORD", "MONGO_SEED_PASSWORD");
    }

    @Test
    void aDrainTakesOneMemberAtATime() {
        Map<String, Object> budget = REPLICA_SET.one("PodDisruptionBudget");

        assertThat(at(budget, "spec.maxUnavailable")).isEqualTo(1);
        assertThat(map(budget, "spec.selector.matchLabels"))
                .isEqualTo(map(REPLICA_SET.one("StatefulSet"), "spec.selector.matchLabels"));
    }

    @Test
    void membersPreferSeparateNodesByDefaultAndRequireThemWhenHard() {
        Map<String, Object> soft = map(REPLICA_SET.one("StatefulSet"), "spec.template.spec");
        Map<String, Object> hard = map(REPLICA_SET_CUSTOM.one("StatefulSet"), "spec.template.spec");

        assertThat(map(soft, "affinity.podAntiAffinity"))
                .containsOnlyKeys("preferredDuringSchedulingIgnoredDuringExecution");
        assertThat(list(soft, "topologySpreadConstraints").get(0)).containsEntry("whenUnsatisfiable", "ScheduleAnyway");
        assertThat(map(hard, "affinity.podAntiAffinity"))
                .containsOnlyKeys("requiredDuringSchedulingIgnoredDuringExecution");
        assertThat(list(hard, "topologySpreadConstraints").get(0)).containsEntry("whenUnsatisfiable", "DoNotSchedule");
        assertThat(at(REPLICA_SET_CUSTOM.one("StatefulSet"), "spec.replicas")).isEqualTo(5);
    }

    /**
     * A member is ready when it is primary or secondary, or not yet in an initiated set (the first install must turn
     * ready before its post-install Job initiates the set); asked on its own address, as the startup probe.
     */
    @Test
    void aMemberIsReadyAsPrimaryOrSecondaryOrBeforeTheSetIsInitiated() throws Exception {
        List<String> arguments = mongoshArgumentsOfProbe(member(REPLICA_SET), "readinessProbe");

        assertThat(arguments).containsSubsequence("--host", "mongo-5d8f7c9b4-x2k7q");
        assertThat(arguments)
                .containsSubsequence(
                        "--eval",
                        "const h = db.hello(); quit(h.isWritablePrimary || h.secondary || !h.setName ? 0 : 1)");
        assertThat(mongoshArgumentsOfProbe(member(REPLICA_SET), "livenessProbe"))
                .doesNotContain("--host");
    }

    @Test
    void aHookJobInitiatesTheSetWithEveryMemberAfterEachInstallAndUpgrade() throws Exception {
        Map<String, Object> job = REPLICA_SET.one("Job");
        Map<String, Object> initContainer =
                list(job, "spec.template.spec.containers").get(0);
        Map<String, Object> env = new java.util.HashMap<>();
        list(initContainer, "env").forEach(e -> env.put((String) e.get("name"), e.get("value")));

        assertThat(map(job, "metadata.annotations"))
                .containsEntry(Charts.RENAMED_HOOK + "hook", "post-install,post-upgrade");
        assertThat(env)
                .containsEntry("REPLICA_SET_NAME", "rs0")
                .containsEntry("REPLICA_SET_MEMBERS", MEMBERS)
                .containsEntry("CREATE_USERS_SCRIPT", "/scripts/create-users.js")
                .containsKeys("MONGO_INITDB_ROOT_PASSWORD", "MONGO_APP_PASSWORD", "MONGO_SEED_PASSWORD");
        assertThat(Manifests.<List<String>>cast(initContainer.get("command"))).endsWith("/scripts/replicaset-init.js");
        assertThat(map(REPLICA_SET.one("ConfigMap"), "data"))
                .containsEntry(
                        "replicaset-init.js",
                        Files.readString(Path.of("charts/mongo/files/replicaset-init.js"))
                                .stripTrailing())
                .containsKey("create-users.js");
    }

    /** The Job's pods share the release's name and instance labels: they must not pass for members. */
    @Test
    void theInitiationJobsPodsAreNoMembers() {
        Map<String, Object> jobLabels = map(REPLICA_SET.one("Job"), "spec.template.metadata.labels");
        List<Map<String, Object>> memberSelectors = List.of(
                map(REPLICA_SET.one("StatefulSet"), "spec.selector.matchLabels"),
                map(REPLICA_SET.one("Service"), "spec.selector"),
                map(REPLICA_SET.one("PodDisruptionBudget"), "spec.selector.matchLabels"));

        assertThat(memberSelectors)
                .allSatisfy(selector -> assertThat(jobLabels.entrySet().containsAll(selector.entrySet()))
                        .isFalse());
    }

    private static Map<String, Object> policy(Manifests manifests, String name) {
        return manifests.ofKind("NetworkPolicy").stream()
                .filter(p -> name.equals(string(p, "metadata.name")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void membersReachEachOtherAndTheInitiationJobReachesThemOn27017() {
        Map<String, Object> memberLabels = map(REPLICA_SET.one("StatefulSet"), "spec.template.metadata.labels");
        Map<String, Object> jobLabels = map(REPLICA_SET.one("Job"), "spec.template.metadata.labels");
        Map<String, Object> members = policy(REPLICA_SET, "mongo");
        Map<String, Object> init = policy(REPLICA_SET, "mongo-replicaset-init");
        List<Map<String, Object>> admitted = list(list(members, "spec.ingress").get(0), "from");

        assertThat(memberLabels.entrySet())
                .containsAll(map(members, "spec.podSelector.matchLabels").entrySet());
        assertThat(jobLabels.entrySet())
                .containsAll(map(init, "spec.podSelector.matchLabels").entrySet());
        for (Map<String, Object> peer : List.of(memberLabels, jobLabels)) {
            assertThat(admitted)
                    .anySatisfy(from -> assertThat(peer.entrySet())
                            .containsAll(map(from, "podSelector.matchLabels").entrySet()));
        }
        for (Map<String, Object> policy : List.of(members, init)) {
            assertThat(list(policy, "spec.egress")).anySatisfy(rule -> {
                assertThat(memberLabels.entrySet())
                        .containsAll(map(list(rule, "to").get(0), "podSelector.matchLabels")
                                .entrySet());
                assertThat(list(rule, "ports")).containsExactly(Map.of("port", 27017, "protocol", "TCP"));
            });
        }
        assertThat(list(init, "spec.ingress")).isEmpty();
    }

    private static void assertRefused(Map<String, String> values, String message) {
        assertThatThrownBy(() -> Charts.render(Charts.MONGO, "mongo", values))
                .isInstanceOf(Charts.RenderException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theSchemaRefusesAnUnknownArchitecture() {
        assertRefused(Map.of("architecture", "cluster"), "architecture");
    }

    /** An even count survives no more failures than one member fewer, and can split into two halves without a majority. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1", "2", "4", "9"})
    void theSchemaRefusesAReplicaCountOtherThan3Or5Or7(String count) {
        assertRefused(Map.of("architecture", "replicaset", "replicaCount", count), "replicaCount");
    }

    @Test
    void theSchemaRefusesAReplicaSetWithoutStorage() {
        assertRefused(Map.of("architecture", "replicaset", "persistence.enabled", "false"), "persistence");
    }

    @Test
    void theSchemaRefusesAReplicaSetOnOneExistingClaim() {
        assertRefused(Map.of("architecture", "replicaset", "persistence.existingClaim", "data"), "existingClaim");
    }

    @Test
    void theSchemaRefusesAKeyfileOutsideTheBase64Alphabet() {
        assertRefused(Map.of("architecture", "replicaset", "replicaSet.key", "not a key!"), "key");
    }
}
