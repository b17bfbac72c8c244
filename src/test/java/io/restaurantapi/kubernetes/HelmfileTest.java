package io.restaurantapi.kubernetes;

import static io.restaurantapi.kubernetes.Manifests.list;
import static io.restaurantapi.kubernetes.Manifests.map;
import static io.restaurantapi.kubernetes.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * helmfile.yaml, checked without the helmfile binary: its paths and {@code needs} resolve, and every release renders
 * (through helm-java) with the values each environment gives it. The {@code .gotmpl} values files are restricted to
 * {@code {{ .Values.<release> | toYaml }}}, which this test evaluates itself.
 */
class HelmfileTest {

    private static final Path ROOT = Charts.ROOT;
    private static final Pattern SECTION = Pattern.compile("\\{\\{ \\.Values\\.([a-z]+) \\| toYaml }}\\s*");
    private static final Map<String, Object> HELMFILE = load();

    private static Map<String, Object> load() {
        try {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object part : new Yaml().loadAll(Files.readString(ROOT.resolve("helmfile.yaml")))) {
                merged.putAll(Manifests.cast(part));
            }
            return merged;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> releases() {
        return list(HELMFILE, "releases");
    }

    private static Map<String, Object> release(String name) {
        return releases().stream()
                .filter(r -> name.equals(r.get("name")))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> strings(Object root, String path) {
        Object value = Manifests.at(root, path);
        return value == null ? List.of() : Manifests.cast(value);
    }

    @Test
    void declaresTheMongoSeedAndAppReleasesInNamespaceRestaurant() {
        assertThat(releases()).extracting(r -> r.get("name")).containsExactly("mongo", "seed", "app");
        assertThat(releases()).allSatisfy(r -> assertThat(r.get("namespace")).isEqualTo("restaurant"));
        assertThat(map(HELMFILE, "helmDefaults"))
                .containsEntry("createNamespace", true)
                .containsEntry("wait", true);
    }

    @Test
    void everyReleaseChartIsAChartOfTheRepository() {
        assertThat(releases())
                .allSatisfy(r -> assertThat(ROOT.resolve(string(r, "chart")).resolve("Chart.yaml"))
                        .isRegularFile());
    }

    @Test
    void needsReferToDeclaredReleasesAndOrderMongoThenSeedThenApp() {
        List<String> declared = releases().stream()
                .map(r -> r.get("namespace") + "/" + r.get("name"))
                .toList();

        assertThat(releases()).allSatisfy(r -> assertThat(declared).containsAll(strings(r, "needs")));
        assertThat(strings(release("mongo"), "needs")).isEmpty();
        assertThat(strings(release("seed"), "needs")).containsExactly("restaurant/mongo");
        assertThat(strings(release("app"), "needs")).contains("restaurant/mongo", "restaurant/seed");
    }

    @Test
    void valuesFilesExistAndTemplatesOnlyPickTheReleaseSection() throws IOException {
        for (Map<String, Object> release : releases()) {
            for (String file : strings(release, "values")) {
                Path path = ROOT.resolve(file);
                assertThat(path).isRegularFile();
                if (file.endsWith(".gotmpl")) {
                    Matcher section = SECTION.matcher(Files.readString(path));
                    assertThat(section.matches())
                            .as("%s is {{ .Values.<release> | toYaml }}", file)
                            .isTrue();
                    assertThat(section.group(1)).isEqualTo(release.get("name"));
                }
            }
        }
    }

    @Test
    void microk8sIsTheDefaultEnvironmentAndGenericAndHaOnesExist() {
        assertThat(map(HELMFILE, "environments"))
                .containsOnlyKeys("default", "microk8s", "ha", "generic", "generic-ha");
        assertThat(strings(HELMFILE, "environments.default.values"))
                .isEqualTo(strings(HELMFILE, "environments.microk8s.values"));
        for (String environment : List.of("default", "microk8s", "ha", "generic", "generic-ha")) {
            assertThat(strings(HELMFILE, "environments." + environment + ".values"))
                    .allSatisfy(file -> assertThat(ROOT.resolve(file)).isRegularFile());
        }
    }

    /**
     * helm-diff v3.13.1 renders with {@code helm template}, and passes it {@code --dry-run=server} (so that {@code lookup}
     * reaches the cluster) only when told {@code --dry-run=server} itself; otherwise {@code --dry-run=client}, where
     * lookup returns nothing (databus23/helm-diff cmd/helm3.go). The mongo chart then generates new passwords on every
     * diff (see {@link MongoChartTest#keepsTheStoredPasswordsOnUpgrade} for what a lookup that finds the Secret gives).
     */
    @Test
    void diffsRenderWithAServerSideDryRunSoLookupFindsTheStoredSecret() {
        List<String> diffArgs = strings(HELMFILE, "helmDefaults.diffArgs").stream()
                .flatMap(args -> List.of(args.trim().split("\\s+")).stream())
                .toList();

        assertThat(diffArgs).filteredOn(arg -> arg.startsWith("--dry-run")).containsExactly("--dry-run=server");
    }

    /** Renders every release of an environment as helmfile would hand it to Helm. */
    static Map<String, Manifests> renderEnvironment(String environment) {
        return renderEnvironment(environment, Map.of());
    }

    /**
     * Renders every release of an environment as helmfile would hand it to Helm, with state values set on the command
     * line ({@code --state-values-set-string release.key=value}) merged over the environment's.
     */
    static Map<String, Manifests> renderEnvironment(String environment, Map<String, String> stateValues) {
        Map<String, Object> environmentValues = new HashMap<>();
        try {
            for (String file : strings(HELMFILE, "environments." + environment + ".values")) {
                merge(environmentValues, Manifests.cast(new Yaml().load(Files.readString(ROOT.resolve(file)))));
            }
            stateValues.forEach((key, value) -> setNested(environmentValues, key, value));
            Map<String, Manifests> rendered = new LinkedHashMap<>();
            for (Map<String, Object> release : releases()) {
                List<Path> valuesFiles = new ArrayList<>();
                for (String file : strings(release, "values")) {
                    Path path = ROOT.resolve(file);
                    if (file.endsWith(".gotmpl")) {
                        Matcher section = SECTION.matcher(Files.readString(path));
                        assertThat(section.matches()).isTrue();
                        assertThat(environmentValues)
                                .as("environment %s", environment)
                                .containsKey(section.group(1));
                        path = Files.createTempFile(environment + "-" + release.get("name"), ".yaml");
                        path.toFile().deleteOnExit();
                        Files.writeString(path, new Yaml().dump(environmentValues.get(section.group(1))));
                    }
                    valuesFiles.add(path);
                }
                String chart = string(release, "chart");
                rendered.put(
                        (String) release.get("name"),
                        Charts.renderHooks(
                                ROOT.resolve(chart).normalize(),
                                (String) release.get("name"),
                                string(release, "namespace"),
                                Map.of(),
                                valuesFiles.toArray(Path[]::new)));
            }
            return rendered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Merges {@code source} into {@code target} as helmfile merges environment values files: maps key by key. */
    private static void merge(Map<String, Object> target, Map<String, Object> source) {
        source.forEach((key, value) -> {
            if (value instanceof Map<?, ?> && target.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> merged = new LinkedHashMap<>(Manifests.<Map<String, Object>>cast(existing));
                merge(merged, Manifests.cast(value));
                target.put(key, merged);
            } else {
                target.put(key, value);
            }
        });
    }

    private static void setNested(Map<String, Object> values, String dottedKey, String value) {
        String[] keys = dottedKey.split("\\.");
        Map<String, Object> current = values;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = current.get(keys[i]);
            Map<String, Object> copy = next == null
                    ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(Manifests.<Map<String, Object>>cast(next));
            current.put(keys[i], copy);
            current = copy;
        }
        current.put(keys[keys.length - 1], value);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "microk8s", "ha", "generic", "generic-ha"})
    void everyReleaseRendersValidObjectsInEveryEnvironment(String environment) {
        renderEnvironment(environment)
                .forEach((release, manifests) -> assertThat(manifests.objects())
                        .as(release)
                        .isNotEmpty()
                        .allSatisfy(object -> assertThat(KubernetesSchema.problems(object))
                                .as("%s %s", release, object.get("kind"))
                                .isEmpty()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "ha", "generic", "generic-ha"})
    void theAppAndSeedReadConnectionStringsTheMongoReleaseStores(String environment) {
        Map<String, Manifests> releases = renderEnvironment(environment);
        Map<String, Object> mongoSecret = releases.get("mongo").one("Secret");

        Map<String, Object> appRef = firstEnvSecretRef(releases.get("app").one("Deployment"));
        Map<String, Object> seedRef = firstEnvSecretRef(releases.get("seed").one("Job"));
        for (Map<String, Object> ref : List.of(appRef, seedRef)) {
            assertThat(ref.get("name")).isEqualTo(string(mongoSecret, "metadata.name"));
            assertThat(map(mongoSecret, "data")).containsKey((String) ref.get("key"));
        }
        assertThat(appRef.get("key")).isEqualTo("app-uri");
        assertThat(seedRef.get("key")).isEqualTo("seed-uri");
    }

    /** The secret reference of the first environment variable of a workload's first container. */
    private static Map<String, Object> firstEnvSecretRef(Map<String, Object> workload) {
        Object container = list(workload, "spec.template.spec.containers").get(0);
        return map(list(container, "env").get(0), "valueFrom.secretKeyRef");
    }

    /** The MongoDB pods: the standalone's Deployment, or the replica set's StatefulSet. */
    private static Map<String, Object> mongod(Manifests mongo) {
        return mongo.ofKind("StatefulSet").isEmpty() ? mongo.one("Deployment") : mongo.one("StatefulSet");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "ha", "generic", "generic-ha"})
    void networkPoliciesLetTheAppAndSeedPodsReachMongodbAndNothingElse(String environment) {
        Map<String, Manifests> releases = renderEnvironment(environment);
        Map<String, Object> mongoPodLabels = map(mongod(releases.get("mongo")), "spec.template.metadata.labels");
        Map<String, Object> mongoPolicy = releases.get("mongo").ofKind("NetworkPolicy").stream()
                .filter(p -> "mongo".equals(string(p, "metadata.name")))
                .findFirst()
                .orElseThrow();
        List<Map<String, Object>> admitted =
                list(list(mongoPolicy, "spec.ingress").get(0), "from");

        for (Map<String, Object> client : List.of(
                map(releases.get("app").one("Deployment"), "spec.template.metadata.labels"),
                map(releases.get("seed").one("Job"), "spec.template.metadata.labels"))) {
            assertThat(admitted)
                    .anySatisfy(peer -> assertThat(client.entrySet())
                            .containsAll(map(peer, "podSelector.matchLabels").entrySet()));
        }
        for (String client : List.of("app", "seed")) {
            Map<String, Object> policy = releases.get(client).ofKind("NetworkPolicy").stream()
                    .filter(p -> client.equals(string(p, "metadata.name")))
                    .findFirst()
                    .orElseThrow();
            Map<String, Object> target =
                    map(list(list(policy, "spec.egress").get(0), "to").get(0), "podSelector.matchLabels");
            assertThat(mongoPodLabels.entrySet()).as(client).containsAll(target.entrySet());
        }
    }

    @Test
    void microk8sUsesHostpathStorageTheIngressClassPublicAndTheBuiltInRegistry() {
        Map<String, Manifests> releases = renderEnvironment("microk8s");

        assertThat(string(releases.get("mongo").one("PersistentVolumeClaim"), "spec.storageClassName"))
                .isEqualTo("microk8s-hostpath");
        assertThat(string(releases.get("app").one("Ingress"), "spec.ingressClassName"))
                .isEqualTo("public");
        for (Manifests manifests : releases.values()) {
            assertThat(manifests.podTemplates())
                    .filteredOn(
                            pod -> !"test".equals(map(pod, "metadata.labels").get("app.kubernetes.io/component")))
                    .flatExtracting(pod -> list(pod, "spec.containers"))
                    .filteredOn(c -> !string(c, "image").startsWith("curlimages/"))
                    .allSatisfy(c -> assertThat(string(c, "image")).startsWith("localhost:32000/"));
        }
    }

    @Test
    void haRunsMongodbOnMicrok8sAsAThreeMemberReplicaSetTheClientsConnectToAsASet() {
        Map<String, Manifests> releases = renderEnvironment("ha");
        Map<String, Object> members = releases.get("mongo").one("StatefulSet");
        String appUri = new String(
                Base64.getDecoder().decode(string(releases.get("mongo").one("Secret"), "data.app-uri")),
                StandardCharsets.UTF_8);

        assertThat(releases.get("mongo").ofKind("Deployment")).isEmpty();
        assertThat(Manifests.at(members, "spec.replicas")).isEqualTo(3);
        assertThat(string(list(members, "spec.volumeClaimTemplates").get(0), "spec.storageClassName"))
                .isEqualTo("microk8s-hostpath");
        assertThat(string(list(members, "spec.template.spec.containers").get(0), "image"))
                .startsWith("localhost:32000/restaurant-api-mongo:");
        assertThat(appUri)
                .contains("mongo-2.mongo-headless.restaurant.svc.cluster.local:27017")
                .endsWith("&replicaSet=rs0");
        assertThat(string(releases.get("app").one("Ingress"), "spec.ingressClassName"))
                .isEqualTo("public");
    }

    @Test
    void genericHaRunsTheReplicaSetOnTheClusterDefaultStorageClassWithoutIngress() {
        Map<String, Manifests> releases = renderEnvironment("generic-ha");
        Map<String, Object> members = releases.get("mongo").one("StatefulSet");

        assertThat(releases.get("mongo").ofKind("Deployment")).isEmpty();
        assertThat(Manifests.at(members, "spec.replicas")).isEqualTo(3);
        assertThat(map(list(members, "spec.volumeClaimTemplates").get(0), "spec"))
                .doesNotContainKey("storageClassName");
        assertThat(releases.get("app").ofKind("Ingress")).isEmpty();
    }

    @Test
    void theDefaultEnvironmentKeepsTheStandalone() {
        assertThat(renderEnvironment("default").get("mongo").ofKind("StatefulSet"))
                .isEmpty();
    }

    @Test
    void genericUsesTheClusterDefaultStorageClassAndNoIngress() {
        Map<String, Manifests> releases = renderEnvironment("generic");

        assertThat(map(releases.get("mongo").one("PersistentVolumeClaim"), "spec"))
                .doesNotContainKey("storageClassName");
        assertThat(releases.get("app").ofKind("Ingress")).isEmpty();
    }

    @Test
    void theMongodbVolumeBelongsToTheMongoReleaseAndIsKept() {
        Map<String, Manifests> releases = renderEnvironment("default");

        assertThat(releases.get("app").ofKind("PersistentVolumeClaim")).isEmpty();
        assertThat(releases.get("seed").ofKind("PersistentVolumeClaim")).isEmpty();
        assertThat(map(releases.get("mongo").one("PersistentVolumeClaim"), "metadata.annotations"))
                .containsEntry("helm.sh/resource-policy", "keep");
    }
}
