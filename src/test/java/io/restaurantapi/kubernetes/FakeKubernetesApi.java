package io.restaurantapi.kubernetes;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal Kubernetes API server on loopback, enough for Helm's {@code lookup} of Secrets: API discovery and
 * GET of a namespaced Secret (404 when absent). Rendering against it behaves like a first install (nothing stored)
 * unless a test stores a Secret first, which then plays the part of the previous release's Secret.
 */
final class FakeKubernetesApi implements AutoCloseable {

    private static final Gson GSON = new Gson();

    private final HttpServer server;
    private final Map<String, Map<String, Object>> secrets = new ConcurrentHashMap<>();
    private final Path kubeconfig;

    FakeKubernetesApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
            kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
            kubeconfig.toFile().deleteOnExit();
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: fake
                        cluster:
                          server: http://127.0.0.1:%d
                    users:
                      - name: fake
                        user: {}
                    contexts:
                      - name: fake
                        context:
                          cluster: fake
                          user: fake
                    current-context: fake
                    """.formatted(server.getAddress().getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    /** Stores a Secret as if a previous release had created it; {@code data} values are base64 already. */
    void storeSecret(String namespace, String name, Map<String, String> data) {
        secrets.put(
                namespace + "/" + name,
                Map.of(
                        "apiVersion",
                        "v1",
                        "kind",
                        "Secret",
                        "metadata",
                        Map.of("name", name, "namespace", namespace),
                        "type",
                        "Opaque",
                        "data",
                        data));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Object body;
        int status = 200;
        if (path.equals("/api")) {
            body = Map.of("kind", "APIVersions", "versions", List.of("v1"));
        } else if (path.equals("/apis")) {
            body = Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", List.of());
        } else if (path.equals("/api/v1")) {
            body = Map.of(
                    "kind",
                    "APIResourceList",
                    "groupVersion",
                    "v1",
                    "resources",
                    List.of(Map.of(
                            "name",
                            "secrets",
                            "singularName",
                            "secret",
                            "namespaced",
                            true,
                            "kind",
                            "Secret",
                            "verbs",
                            List.of("get", "list"))));
        } else if (path.matches("/api/v1/namespaces/[^/]+/secrets/[^/]+")) {
            String[] parts = path.split("/");
            body = secrets.get(parts[4] + "/" + parts[6]);
            if (body == null) {
                status = 404;
                body = notFound();
            }
        } else {
            status = 404;
            body = notFound();
        }
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, Object> notFound() {
        return Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "reason", "NotFound", "code", 404);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
