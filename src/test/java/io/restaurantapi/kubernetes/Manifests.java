package io.restaurantapi.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The Kubernetes objects of one render, with small helpers to navigate them. */
record Manifests(List<Map<String, Object>> objects) {

    static Manifests parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                objects.add(cast(document));
            }
        }
        return new Manifests(List.copyOf(objects));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    /** The only object of this kind; fails if there is none or several. */
    Map<String, Object> one(String kind) {
        List<Map<String, Object>> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " but found " + found.size() + " in " + kinds());
        }
        return found.get(0);
    }

    List<String> kinds() {
        return objects.stream().map(o -> (String) o.get("kind")).toList();
    }

    /** Pod templates of the workloads (Deployment, StatefulSet, Job) and bare Pods, as pod specs with their metadata. */
    List<Map<String, Object>> podTemplates() {
        return objects.stream()
                .flatMap(o -> switch ((String) o.get("kind")) {
                    case "Deployment", "StatefulSet", "Job" -> Stream.of(map(o, "spec.template"));
                    case "Pod" -> Stream.of(o);
                    default -> Stream.empty();
                })
                .toList();
    }

    /** Follows a dotted path of map keys; {@code null} when a key is missing. */
    static Object at(Object root, String path) {
        Object current = root;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static Map<String, Object> map(Object root, String path) {
        Object value = at(root, path);
        return value == null ? null : cast(value);
    }

    static List<Map<String, Object>> list(Object root, String path) {
        Object value = at(root, path);
        return value == null ? List.of() : cast(value);
    }

    static String string(Object root, String path) {
        return Objects.toString(at(root, path), null);
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }
}
