package io.restaurantapi.kubernetes;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Renders the repository's charts with helm-java, as {@code helm template} would, against {@link FakeKubernetesApi}
 * (so that {@code lookup} works as on a first install). Renders are cached: the charts do not change during a run.
 */
final class Charts {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path APP = ROOT.resolve("charts/app");
    static final Path MONGO = ROOT.resolve("charts/mongo");
    static final Path SEED = ROOT.resolve("charts/seed");
    static final String NAMESPACE = "restaurant";

    /** The annotation prefix hooks are renamed to in {@link #renderHooks}, so that they render and stay visible. */
    static final String RENAMED_HOOK = "rendered-hook.test/";

    private static final Gson GSON = new Gson();
    private static final Map<RenderRequest, Manifests> CACHE = new ConcurrentHashMap<>();
    private static FakeKubernetesApi api;
    private static Process helm;
    private static BufferedWriter requests;
    private static BufferedReader answers;

    private Charts() {}

    static FakeKubernetesApi api() {
        start();
        return api;
    }

    /** Renders a chart as {@code helm template RELEASE CHART --namespace restaurant}; hook resources are left out, as Helm does. */
    static Manifests render(Path chart, String release, Map<String, String> sets, Path... valuesFiles) {
        return render(chart, release, NAMESPACE, sets, valuesFiles);
    }

    static Manifests render(
            Path chart, String release, String namespace, Map<String, String> sets, Path... valuesFiles) {
        RenderRequest request = new RenderRequest(
                chart.toString(),
                release,
                namespace,
                Stream.of(valuesFiles).map(Path::toString).toList(),
                sets);
        return CACHE.computeIfAbsent(request, Charts::call);
    }

    /** Renders without the cache, as a new {@code helm template} run would: for what may differ from one render to the next. */
    static Manifests renderAgain(
            Path chart, String release, String namespace, Map<String, String> sets, Path... valuesFiles) {
        return call(new RenderRequest(
                chart.toString(),
                release,
                namespace,
                Stream.of(valuesFiles).map(Path::toString).toList(),
                sets));
    }

    /**
     * Renders a chart including its hook resources: a copy of the chart whose {@code helm.sh/hook*} annotations are
     * renamed to {@link #RENAMED_HOOK}{@code *}, which Helm then treats as ordinary resources.
     */
    static Manifests renderHooks(Path chart, String release, Map<String, String> sets, Path... valuesFiles) {
        return renderHooks(chart, release, NAMESPACE, sets, valuesFiles);
    }

    static Manifests renderHooks(
            Path chart, String release, String namespace, Map<String, String> sets, Path... valuesFiles) {
        return render(copyWithoutHooks(chart), release, namespace, sets, valuesFiles);
    }

    private static final Map<Path, Path> COPIES = new ConcurrentHashMap<>();

    private static Path copyWithoutHooks(Path chart) {
        return COPIES.computeIfAbsent(chart, source -> {
            try {
                Path target = Files.createTempDirectory("chart-hooks").resolve(source.getFileName());
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.toList()) {
                        Path copy = target.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(copy);
                        } else if (file.toString().endsWith(".yaml")
                                && file.getParent().startsWith(source.resolve("templates"))) {
                            Files.writeString(
                                    copy, Files.readString(file).replace("helm.sh/hook", RENAMED_HOOK + "hook"));
                        } else {
                            Files.copy(file, copy);
                        }
                    }
                }
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static synchronized Manifests call(RenderRequest request) {
        start();
        try {
            requests.write(GSON.toJson(request));
            requests.newLine();
            requests.flush();
            String line;
            while ((line = answers.readLine()) != null && !line.startsWith(HelmTemplateProcess.ANSWER)) {
                // helm-java's own output: not an answer
            }
            if (line == null) {
                throw new IllegalStateException("the helm template process ended unexpectedly");
            }
            JsonObject answer = GSON.fromJson(line.substring(HelmTemplateProcess.ANSWER.length()), JsonObject.class);
            if (answer.has("error")) {
                throw new RenderException(answer.get("error").getAsString());
            }
            return Manifests.parse(answer.get("yaml").getAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void start() {
        if (helm != null) {
            return;
        }
        api = new FakeKubernetesApi();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                HelmTemplateProcess.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("KUBECONFIG", api.kubeconfig().toString());
        builder.environment().put("HELM_CACHE_HOME", tempDir("helm-cache"));
        builder.environment().put("HELM_CONFIG_HOME", tempDir("helm-config"));
        builder.environment().put("HELM_DATA_HOME", tempDir("helm-data"));
        try {
            helm = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requests = new BufferedWriter(new OutputStreamWriter(helm.getOutputStream(), StandardCharsets.UTF_8));
        answers = new BufferedReader(new InputStreamReader(helm.getInputStream(), StandardCharsets.UTF_8));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            helm.destroy();
            api.close();
        }));
    }

    private static String tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helm refused to render (schema violation, template error, `fail`, `required`). */
    static final class RenderException extends RuntimeException {
        RenderException(String message) {
            super(message);
        }
    }
}
