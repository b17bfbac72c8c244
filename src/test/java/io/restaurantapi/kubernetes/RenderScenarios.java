package io.restaurantapi.kubernetes;

import java.util.Map;

/** The non-default values the charts are rendered with: ingress on, autoscaling on, existing Secrets, a custom storage class, a replica set. */
final class RenderScenarios {

    static final Map<String, String> APP_CUSTOM = Map.of(
            "ingress.enabled", "true",
            "ingress.hosts[0].host", "api.example.com",
            "ingress.hosts[0].paths[0].path", "/api",
            "ingress.hosts[0].paths[0].pathType", "Prefix",
            "ingress.tls[0].secretName", "api-tls",
            "ingress.tls[0].hosts[0]", "api.example.com",
            "autoscaling.enabled", "true",
            "mongodb.existingSecret", "mongo",
            "mongodb.existingSecretKey", "app-uri",
            "imagePullSecrets[0].name", "regcred");

    static final Map<String, String> MONGO_CUSTOM = Map.of(
            "persistence.storageClass", "fast-ssd",
            "persistence.size", "20Gi",
            "auth.existingSecret", "mongo-credentials",
            "image.tag", "8.0.16",
            "imagePullSecrets[0].name", "regcred");

    static final Map<String, String> MONGO_REPLICA_SET = Map.of("architecture", "replicaset");

    /** A replica set with every value that shapes it changed, and the metrics exporter in each member. */
    static final Map<String, String> MONGO_REPLICA_SET_CUSTOM = Map.ofEntries(
            Map.entry("architecture", "replicaset"),
            Map.entry("replicaCount", "5"),
            Map.entry("replicaSet.name", "restaurant"),
            Map.entry("replicaSet.antiAffinity", "hard"),
            Map.entry("persistence.storageClass", "fast-ssd"),
            Map.entry("persistence.keep", "false"),
            Map.entry("auth.existingSecret", "mongo-credentials"),
            Map.entry("extraArgs[0]", "--wiredTigerCacheSizeGB"),
            Map.entry("extraArgs[1]", "0.5"),
            Map.entry("imagePullSecrets[0].name", "regcred"),
            Map.entry("metrics.enabled", "true"),
            Map.entry(
                    "metrics.networkPolicy.from[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name",
                    "monitoring"));

    static final Map<String, String> SEED_CUSTOM = Map.of(
            "mongodb.existingSecret", "mongo",
            "mongodb.existingSecretKey", "seed-uri",
            "seed.strict", "true",
            "seed.waitSeconds", "300",
            "image.tag", "1.0.1",
            "imagePullSecrets[0].name", "regcred");

    private RenderScenarios() {}
}
