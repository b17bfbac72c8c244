package io.restaurantapi.kubernetes;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs {@code helm template} (helm-java) in a separate JVM, one request per line on standard input, one JSON
 * answer per line on standard output. A separate process because Helm's {@code lookup} reaches the cluster named
 * by KUBECONFIG, which is read from the process environment: the tests point it at {@link FakeKubernetesApi}.
 */
public final class HelmTemplateProcess {

    static final String ANSWER = "@@answer ";

    private HelmTemplateProcess() {}

    public static void main(String[] args) throws Exception {
        Gson gson = new Gson();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            RenderRequest request = gson.fromJson(line, RenderRequest.class);
            JsonObject answer = new JsonObject();
            try {
                TemplateCommand command = new Helm(Path.of(request.chart()))
                        .template()
                        .withName(request.release())
                        .withNamespace(request.namespace());
                for (String file : request.valuesFiles()) {
                    command = command.withValuesFile(Path.of(file));
                }
                for (Map.Entry<String, String> set : new LinkedHashMap<>(request.sets()).entrySet()) {
                    command = command.set(set.getKey(), set.getValue());
                }
                answer.addProperty("yaml", command.call());
            } catch (RuntimeException e) {
                answer.addProperty("error", String.valueOf(e.getMessage()));
            }
            System.out.println(ANSWER + gson.toJson(answer));
            System.out.flush();
        }
    }
}
