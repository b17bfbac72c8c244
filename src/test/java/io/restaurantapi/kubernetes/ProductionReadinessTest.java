package io.restaurantapi.kubernetes;

import static io.restaurantapi.kubernetes.Manifests.at;
import static io.restaurantapi.kubernetes.Manifests.list;
import static io.restaurantapi.kubernetes.Manifests.map;
import static io.restaurantapi.kubernetes.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default checks of kube-score, Polaris and kube-linter that apply to these charts hold for the default render of
 * every chart and for the app chart with its Ingress and autoscaler, hooks included. docs/kubernetes.md lists which
 * checks are here and why the others are not. One exception, on purpose: the mongo pod runs as uid 999, the user the
 * official image owns its files with, where kube-score asks for a uid above 10000.
 */
class ProductionReadinessTest {

    static Stream<Arguments> charts() {
        return Stream.of(
                Arguments.of("app", Charts.renderHooks(Charts.APP, "app", Map.of()), 10000),
                Arguments.of(
                        "app with ingress and autoscaler",
                        Charts.renderHooks(Charts.APP, "app", RenderScenarios.APP_CUSTOM),
                        10000),
                Arguments.of("mongo", Charts.renderHooks(Charts.MONGO, "mongo", Map.of()), 998),
                Arguments.of(
                        "mongo, replica set",
                        Charts.renderHooks(Charts.MONGO, "mongo", RenderScenarios.MONGO_REPLICA_SET),
                        998),
                Arguments.of(
                        "mongo, replica set with non-default values",
                        Charts.renderHooks(Charts.MONGO, "mongo", RenderScenarios.MONGO_REPLICA_SET_CUSTOM),
                        998),
                Arguments.of(
                        "mongo, metrics on",
                        Charts.renderHooks(Charts.MONGO, "mongo", MongoChartMetricsTest.METRICS_ON),
                        998),
                Arguments.of("seed", Charts.renderHooks(Charts.SEED, "seed", Map.of()), 10000));
    }

    /** Every container of every pod, init containers included. */
    private static Stream<Map<String, Object>> containers(Manifests manifests) {
        return manifests.podTemplates().stream()
                .flatMap(pod -> Stream.concat(
                        list(pod, "spec.initContainers").stream(), list(pod, "spec.containers").stream()));
    }

    /** Workloads whose pods run until they are stopped, unlike Jobs and the {@code helm test} pod. */
    private static List<Map<String, Object>> longRunning(Manifests manifests) {
        return manifests.objects().stream()
                .filter(o -> List.of("Deployment", "StatefulSet", "DaemonSet").contains(o.get("kind")))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyContainerHasCpuMemoryAndEphemeralStorageRequestsAndLimits(String chart, Manifests manifests) {
        assertThat(containers(manifests)).isNotEmpty().allSatisfy(c -> {
            for (String kind : List.of("requests", "limits")) {
                assertThat(map(c, "resources." + kind))
                        .as("%s %s", c.get("name"), kind)
                        .containsKeys("cpu", "memory", "ephemeral-storage");
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyImageHasAnExplicitTagThatIsNotLatest(String chart, Manifests manifests) {
        assertThat(containers(manifests))
                .allSatisfy(c -> assertThat(string(c, "image"))
                        .matches("[^:@]+(:[^:]+|@sha256:[0-9a-f]{64})")
                        .doesNotEndWith(":latest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyContainerIsLockedDown(String chart, Manifests manifests) {
        assertThat(containers(manifests)).allSatisfy(c -> {
            Map<String, Object> security = map(c, "securityContext");
            assertThat(security)
                    .as("%s securityContext", c.get("name"))
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("allowPrivilegeEscalation", false)
                    .containsEntry("runAsNonRoot", true)
                    .containsEntry("privileged", false);
            assertThat(Manifests.<List<String>>cast(at(security, "capabilities.drop")))
                    .containsExactly("ALL");
            assertThat(map(security, "capabilities")).doesNotContainKey("add");
            assertThat(string(security, "seccompProfile.type")).isEqualTo("RuntimeDefault");
            assertThat(security).doesNotContainKeys("procMount", "windowsOptions");
            assertThat(list(c, "ports"))
                    .allSatisfy(
                            p -> assertThat(p).doesNotContainKey("hostPort").doesNotContainEntry("containerPort", 22));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyPodRunsAsANumericNonRootUserAndGroup(String chart, Manifests manifests, int minimumId) {
        assertThat(manifests.podTemplates()).allSatisfy(pod -> {
            Map<String, Object> security = map(pod, "spec.securityContext");
            assertThat(security).containsEntry("runAsNonRoot", true);
            assertThat((Integer) security.get("runAsUser")).isGreaterThan(minimumId);
            assertThat((Integer) security.get("runAsGroup")).isGreaterThan(minimumId);
            assertThat((Integer) security.get("fsGroup")).isGreaterThan(minimumId);
            assertThat(string(security, "seccompProfile.type")).isEqualTo("RuntimeDefault");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void noPodSharesTheHostOrMountsItsFileSystemOrTheApiToken(String chart, Manifests manifests) {
        assertThat(manifests.podTemplates()).allSatisfy(pod -> {
            Map<String, Object> spec = map(pod, "spec");
            assertThat(spec).doesNotContainKeys("hostNetwork", "hostPID", "hostIPC");
            assertThat(list(spec, "volumes")).allSatisfy(v -> assertThat(v).doesNotContainKey("hostPath"));
            assertThat(spec).containsEntry("automountServiceAccountToken", false);
            assertThat(map(spec, "securityContext")).doesNotContainKeys("sysctls", "windowsOptions");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyPodRunsUnderAServiceAccountWhichTheChartCreates(String chart, Manifests manifests) {
        List<String> accounts = manifests.ofKind("ServiceAccount").stream()
                .map(sa -> string(sa, "metadata.name"))
                .toList();
        assertThat(manifests.podTemplates()).allSatisfy(pod -> {
            assertThat(string(pod, "spec.serviceAccountName"))
                    .isNotEqualTo("default")
                    .isIn(accounts);
            assertThat(map(pod, "spec")).as("the deprecated field").doesNotContainKey("serviceAccount");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void longRunningContainersHaveDistinctLivenessAndReadinessProbes(String chart, Manifests manifests) {
        assertThat(longRunning(manifests))
                .allSatisfy(w -> assertThat(list(w, "spec.template.spec.containers"))
                        .allSatisfy(c -> {
                            assertThat(c).containsKeys("livenessProbe", "readinessProbe", "startupProbe");
                            assertThat(probesIdentical(map(c, "readinessProbe"), map(c, "livenessProbe")))
                                    .as(
                                            "%s: readiness and liveness probes identical in kube-score's sense",
                                            c.get("name"))
                                    .isFalse();
                        }));
    }

    /**
     * kube-score's pod-probes-identical ("Container has the same readiness and liveness probe"): the same HTTP path and
     * port, the same TCP port, or the same exec command. Timings do not make two probes different. kube-score compares
     * HTTP ports as numbers ({@code IntOrString.IntValue()}), which makes every named port 0: two HTTP probes on one
     * path are identical whatever their port names.
     */
    static boolean probesIdentical(Map<String, Object> readiness, Map<String, Object> liveness) {
        if (readiness.containsKey("httpGet") && liveness.containsKey("httpGet")) {
            return Objects.equals(at(readiness, "httpGet.path"), at(liveness, "httpGet.path"))
                    && portNumber(at(readiness, "httpGet.port")) == portNumber(at(liveness, "httpGet.port"));
        }
        if (readiness.containsKey("tcpSocket") && liveness.containsKey("tcpSocket")) {
            return Objects.equals(at(readiness, "tcpSocket.port"), at(liveness, "tcpSocket.port"));
        }
        if (readiness.containsKey("exec") && liveness.containsKey("exec")) {
            return Objects.equals(at(readiness, "exec.command"), at(liveness, "exec.command"));
        }
        return false;
    }

    /** {@code IntOrString.IntValue()}: the number, or a string's number, or 0 for a name. */
    private static int portNumber(Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        String text = String.valueOf(port);
        return text.matches("-?[0-9]+") ? Integer.parseInt(text) : 0;
    }

    @Test
    void probesDifferingOnlyInTimingOrPortNameAreIdenticalForKubeScore() {
        Map<String, Object> ping =
                Map.of("exec", Map.of("command", List.of("mongosh", "--eval", "ping")), "periodSeconds", 10);
        Map<String, Object> slowerPing =
                Map.of("exec", Map.of("command", List.of("mongosh", "--eval", "ping")), "periodSeconds", 20);
        Map<String, Object> health = Map.of("httpGet", Map.of("path", "/health/liveness", "port", "management"));
        Map<String, Object> ready = Map.of("httpGet", Map.of("path", "/health/readiness", "port", "management"));

        Map<String, Object> healthOnHttp = Map.of("httpGet", Map.of("path", "/health/liveness", "port", "http"));
        Map<String, Object> healthOn8081 = Map.of("httpGet", Map.of("path", "/health/liveness", "port", 8081));

        assertThat(probesIdentical(ping, slowerPing)).isTrue();
        assertThat(probesIdentical(healthOnHttp, health)).isTrue();
        assertThat(probesIdentical(ready, health)).isFalse();
        assertThat(probesIdentical(healthOn8081, health)).isFalse();
        assertThat(probesIdentical(ready, ping)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyPodIsSelectedByANetworkPolicyOfTheChart(String chart, Manifests manifests) {
        List<Map<String, Object>> policies = manifests.ofKind("NetworkPolicy");
        assertThat(manifests.podTemplates()).allSatisfy(pod -> {
            Map<String, Object> labels = map(pod, "metadata.labels");
            assertThat(policies)
                    .as("NetworkPolicy selecting %s", labels)
                    .anySatisfy(p -> assertThat(labels.entrySet())
                            .containsAll(map(p, "spec.podSelector.matchLabels").entrySet()));
        });
        assertThat(policies)
                .allSatisfy(p -> assertThat(Manifests.<List<String>>cast(at(p, "spec.policyTypes")))
                        .containsExactlyInAnyOrder("Ingress", "Egress"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void deploymentSelectorsMatchTheirPodsAndEveryServiceSelectsADeployment(String chart, Manifests manifests) {
        assertThat(longRunning(manifests))
                .allSatisfy(
                        d -> assertThat(map(d, "spec.template.metadata.labels").entrySet())
                                .containsAll(map(d, "spec.selector.matchLabels").entrySet()));
        assertThat(manifests.ofKind("Service")).allSatisfy(s -> {
            Map<String, Object> selector = map(s, "spec.selector");
            assertThat(longRunning(manifests)).anySatisfy(d -> {
                assertThat(map(d, "spec.template.metadata.labels").entrySet()).containsAll(selector.entrySet());
                List<Object> targetPorts = list(d, "spec.template.spec.containers").stream()
                        .flatMap(c -> list(c, "ports").stream())
                        .map(p -> p.get("name"))
                        .toList();
                assertThat(list(s, "spec.ports"))
                        .allSatisfy(p -> assertThat(p.get("targetPort")).isIn(targetPorts));
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void replicatedDeploymentsHaveADisruptionBudgetAndSpreadAcrossNodes(String chart, Manifests manifests) {
        longRunning(manifests).stream()
                .filter(d -> !Objects.equals(at(d, "spec.replicas"), 1))
                .forEach(d -> {
                    Map<String, Object> selector = map(d, "spec.selector.matchLabels");
                    assertThat(manifests.ofKind("PodDisruptionBudget"))
                            .anySatisfy(pdb -> assertThat(map(pdb, "spec.selector.matchLabels"))
                                    .isEqualTo(selector));
                    assertThat(list(d, "spec.template.spec.topologySpreadConstraints"))
                            .anySatisfy(c -> assertThat(c.get("topologyKey")).isEqualTo("kubernetes.io/hostname"));
                    assertThat(map(d, "spec.template.spec.affinity")).containsKey("podAntiAffinity");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyStatefulSetIsNamedThroughAHeadlessServiceThatSelectsItsPods(String chart, Manifests manifests) {
        assertThat(manifests.ofKind("StatefulSet")).allSatisfy(set -> {
            Map<String, Object> labels = map(set, "spec.template.metadata.labels");
            assertThat(manifests.ofKind("Service"))
                    .as("headless Service %s of StatefulSet %s", at(set, "spec.serviceName"), at(set, "metadata.name"))
                    .anySatisfy(service -> {
                        assertThat(at(service, "metadata.name")).isEqualTo(at(set, "spec.serviceName"));
                        assertThat(at(service, "spec.clusterIP")).isEqualTo("None");
                        assertThat(labels.entrySet())
                                .containsAll(map(service, "spec.selector").entrySet());
                    });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void noSecretIsWrittenIntoAnEnvironmentVariable(String chart, Manifests manifests) {
        assertThat(containers(manifests))
                .flatExtracting(c -> list(c, "env"))
                .filteredOn(e -> String.valueOf(e.get("name")).matches("(?i).*(PASSWORD|SECRET|TOKEN|URI).*"))
                .allSatisfy(e -> assertThat(e).doesNotContainKey("value").containsKey("valueFrom"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyContainerPullsItsImageAlways(String chart, Manifests manifests) {
        assertThat(containers(manifests))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.get("imagePullPolicy"))
                        .as("%s imagePullPolicy", c.get("name"))
                        .isEqualTo("Always"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyNetworkPolicySelectsAPodOfTheChart(String chart, Manifests manifests) {
        assertThat(manifests.ofKind("NetworkPolicy"))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(manifests.podTemplates())
                        .as("pods selected by %s", string(p, "metadata.name"))
                        .anySatisfy(
                                pod -> assertThat(map(pod, "metadata.labels").entrySet())
                                        .containsAll(map(p, "spec.podSelector.matchLabels")
                                                .entrySet())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyProbeTargetsAPortTheContainerDeclares(String chart, Manifests manifests) {
        assertThat(containers(manifests)).allSatisfy(c -> {
            List<Object> ports = list(c, "ports").stream()
                    .flatMap(p -> Stream.of(p.get("name"), p.get("containerPort")))
                    .filter(Objects::nonNull)
                    .toList();
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                for (String handler : List.of("httpGet", "tcpSocket", "grpc")) {
                    Object port = at(c, probe + "." + handler + ".port");
                    if (port != null) {
                        assertThat(port).as("%s %s port", c.get("name"), probe).isIn(ports);
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void noContainerSetsAnEnvironmentVariableTwice(String chart, Manifests manifests) {
        assertThat(containers(manifests))
                .allSatisfy(c -> assertThat(list(c, "env"))
                        .extracting(e -> e.get("name"))
                        .as("%s env", c.get("name"))
                        .doesNotHaveDuplicates());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void portNamesAreValidServiceNames(String chart, Manifests manifests) {
        Stream<Object> containerPorts =
                containers(manifests).flatMap(c -> list(c, "ports").stream()).map(p -> p.get("name"));
        Stream<Object> targetPorts = manifests.ofKind("Service").stream()
                .flatMap(s -> list(s, "spec.ports").stream())
                .map(p -> p.get("targetPort"))
                .filter(String.class::isInstance);
        assertThat(Stream.concat(containerPorts, targetPorts))
                .allSatisfy(name -> assertThat(String.valueOf(name))
                        .hasSizeLessThanOrEqualTo(15)
                        .matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")
                        .containsPattern("[a-z]")
                        .doesNotContain("--"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyLabelValueIsAValidLabelValue(String chart, Manifests manifests) {
        Stream<Map<String, Object>> labelled =
                Stream.concat(manifests.objects().stream(), manifests.podTemplates().stream());
        assertThat(labelled.flatMap(o -> Manifests.<Map<String, Object>>cast(
                        Objects.requireNonNullElse(map(o, "metadata.labels"), Map.of()))
                        .values()
                        .stream()))
                .allSatisfy(value -> assertThat(String.valueOf(value))
                        .hasSizeLessThanOrEqualTo(63)
                        .matches("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void noServiceIsANodePort(String chart, Manifests manifests) {
        assertThat(manifests.ofKind("Service"))
                .allSatisfy(s -> assertThat(string(s, "spec.type")).isNotEqualTo("NodePort"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void disruptionBudgetsAllowEvictionsIncludingOfUnhealthyPods(String chart, Manifests manifests) {
        assertThat(manifests.ofKind("PodDisruptionBudget")).allSatisfy(pdb -> {
            Map<String, Object> spec = map(pdb, "spec");
            assertThat(spec.keySet()).containsAnyOf("maxUnavailable", "minAvailable");
            assertThat(spec.get("maxUnavailable")).isNotIn(0, "0%");
            assertThat(spec.get("minAvailable")).isNotEqualTo("100%");
            assertThat(spec).containsEntry("unhealthyPodEvictionPolicy", "AlwaysAllow");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void autoscalersTargetADeploymentOfTheChartThatLeavesTheReplicasToThem(String chart, Manifests manifests) {
        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).allSatisfy(hpa -> {
            assertThat(manifests.ofKind(string(hpa, "spec.scaleTargetRef.kind")))
                    .filteredOn(
                            w -> Objects.equals(string(w, "metadata.name"), string(hpa, "spec.scaleTargetRef.name")))
                    .singleElement()
                    .satisfies(w -> assertThat(map(w, "spec")).doesNotContainKey("replicas"));
            assertThat((Integer) at(hpa, "spec.minReplicas")).isGreaterThanOrEqualTo(2);
            assertThat((Integer) at(hpa, "spec.maxReplicas")).isGreaterThan((Integer) at(hpa, "spec.minReplicas"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void ingressesRouteToAServicePortOfTheChart(String chart, Manifests manifests) {
        assertThat(manifests.ofKind("Ingress"))
                .flatExtracting(i -> list(i, "spec.rules").stream()
                        .flatMap(r -> list(r, "http.paths").stream())
                        .map(p -> map(p, "backend.service"))
                        .toList())
                .allSatisfy(backend -> assertThat(manifests.ofKind("Service"))
                        .filteredOn(s -> Objects.equals(string(s, "metadata.name"), backend.get("name")))
                        .singleElement()
                        .satisfies(s -> assertThat(list(s, "spec.ports"))
                                .anySatisfy(p -> assertThat(Map.of("name", p.get("name"), "number", p.get("port")))
                                        .containsValue(
                                                at(backend, "port.name") != null
                                                        ? at(backend, "port.name")
                                                        : at(backend, "port.number")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void noChartGrantsKubernetesApiPermissions(String chart, Manifests manifests) {
        assertThat(manifests.kinds()).doesNotContain("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyJobIsDeletedSomeTimeAfterItFinishes(String chart, Manifests manifests) {
        assertThat(manifests.ofKind("Job"))
                .allSatisfy(job -> assertThat(map(job, "spec")).containsKey("ttlSecondsAfterFinished"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void noConfigMapHoldsACredential(String chart, Manifests manifests) {
        assertThat(manifests.ofKind("ConfigMap"))
                .flatExtracting(
                        cm -> Manifests.<Map<String, Object>>cast(Objects.requireNonNullElse(map(cm, "data"), Map.of()))
                                .entrySet())
                .allSatisfy(entry -> {
                    assertThat(entry.getKey()).doesNotContainPattern("(?i)password|token|bearer|secret");
                    assertThat(String.valueOf(entry.getValue())).doesNotContainPattern("-BEGIN\\s+.*PRIVATE KEY-");
                });
    }
}
