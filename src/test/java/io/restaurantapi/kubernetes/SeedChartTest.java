package io.restaurantapi.kubernetes;

import static io.restaurantapi.kubernetes.Manifests.at;
import static io.restaurantapi.kubernetes.Manifests.list;
import static io.restaurantapi.kubernetes.Manifests.map;
import static io.restaurantapi.kubernetes.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** charts/seed: the seeder as a Helm hook Job. */
class SeedChartTest {

    private static final Manifests PLAIN = Charts.render(Charts.SEED, "seed", Map.of());
    private static final Manifests DEFAULTS = Charts.renderHooks(Charts.SEED, "seed", Map.of());
    private static final Manifests CUSTOM = Charts.renderHooks(Charts.SEED, "seed", RenderScenarios.SEED_CUSTOM);

    private static Map<String, Object> container(Manifests manifests) {
        return list(manifests.one("Job"), "spec.template.spec.containers").get(0);
    }

    @Test
    void theJobIsAHookSoAPlainTemplateLeavesItOut() {
        assertThat(PLAIN.ofKind("Job")).isEmpty();
        assertThat(DEFAULTS.ofKind("Job")).hasSize(1);
    }

    @Test
    void runsAfterEveryInstallAndUpgradeReplacingThePreviousJob() {
        Map<String, Object> annotations = map(DEFAULTS.one("Job"), "metadata.annotations");

        assertThat(annotations)
                .containsEntry(Charts.RENAMED_HOOK + "hook", "post-install,post-upgrade")
                .containsEntry(Charts.RENAMED_HOOK + "hook-delete-policy", "before-hook-creation");
    }

    @Test
    void isBoundedInRetriesTimeAndLifetime() {
        Map<String, Object> spec = map(DEFAULTS.one("Job"), "spec");

        assertThat(spec)
                .containsEntry("backoffLimit", 3)
                .containsEntry("activeDeadlineSeconds", 600)
                .containsEntry("ttlSecondsAfterFinished", 86400);
        assertThat(at(spec, "template.spec.restartPolicy")).isEqualTo("Never");
    }

    /**
     * The seed image starts the seeder with its own ENTRYPOINT (Spring Boot's launcher over the extracted layers in
     * /app); a {@code command} would replace that entrypoint with a guess of the image's layout, so the pod sets only
     * the arguments, which replace the image's CMD.
     */
    @Test
    void runsTheImageEntrypointOnTheDatasetInTheImageWithABoundedWait() {
        Map<String, Object> container = container(DEFAULTS);

        assertThat(container).doesNotContainKey("command");
        assertThat(Manifests.<List<String>>cast(container.get("args")))
                .containsExactly("seed", "--file", "/data/restaurant.json", "--wait-seconds", "120");
        assertThat(string(container, "image")).isEqualTo("restaurant-api-seed:1.0.0");
    }

    @Test
    void aCommandReplacesTheImageEntrypointWhenGiven() {
        Manifests fatJar = Charts.renderHooks(
                Charts.SEED,
                "seed",
                Map.of(
                        "seed.command[0]",
                        "java",
                        "seed.command[1]",
                        "-jar",
                        "seed.command[2]",
                        "/app/restaurant-api.jar"));

        assertThat(Manifests.<List<String>>cast(container(fatJar).get("command")))
                .containsExactly("java", "-jar", "/app/restaurant-api.jar");
        assertThat(Manifests.<List<String>>cast(container(fatJar).get("args")))
                .startsWith("seed", "--file", "/data/restaurant.json");
    }

    @Test
    void strictModeAndWaitAreConfigurable() {
        assertThat(Manifests.<List<String>>cast(container(CUSTOM).get("args")))
                .containsExactly("seed", "--file", "/data/restaurant.json", "--wait-seconds", "300", "--strict");
        assertThat(string(container(CUSTOM), "image")).isEqualTo("restaurant-api-seed:1.0.1");
    }

    @Test
    void readsTheConnectionStringFromTheMongoReleaseSecretWhenGiven() {
        Map<String, Object> uri = list(container(CUSTOM), "env").get(0);

        assertThat(uri.get("name")).isEqualTo("MONGODB_URI");
        assertThat(map(uri, "valueFrom.secretKeyRef"))
                .containsEntry("name", "mongo")
                .containsEntry("key", "seed-uri");
        assertThat(CUSTOM.ofKind("Secret")).isEmpty();
    }

    @Test
    void theSeedPodsMatchTheLabelsTheMongoNetworkPolicyAdmits() {
        assertThat(map(DEFAULTS.one("Job"), "spec.template.metadata.labels"))
                .containsEntry("app.kubernetes.io/name", "seed");
    }

    @Test
    void networkPolicyAllowsNoIngressAndEgressOnlyToMongodbAndDns() {
        Map<String, Object> policy = DEFAULTS.one("NetworkPolicy");

        assertThat(list(policy, "spec.ingress")).isEmpty();
        assertThat(list(list(policy, "spec.egress").get(0), "ports"))
                .containsExactly(Map.of("port", 27017, "protocol", "TCP"));
        assertThat(list(list(policy, "spec.egress").get(1), "ports"))
                .extracting(p -> p.get("port"))
                .containsOnly(53);
    }
}
