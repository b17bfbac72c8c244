package io.restaurantapi.kubernetes;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates objects strictly against the Kubernetes 1.32 API, using the generated models of client-java-api:
 * <ol>
 *   <li>{@code validateJsonElement}: unknown fields and missing required fields, at every level;</li>
 *   <li>a round trip through the model (JSON to model to JSON) that must give the same JSON: a value of the
 *       wrong type (a string for an integer, an object for a string...) either fails to bind or comes back changed;</li>
 *   <li>the enumerated fields the charts can set, against the values the API accepts (the generated models keep
 *       them as plain strings).</li>
 * </ol>
 */
final class KubernetesSchema {

    private static final Gson GSON = new Gson();

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", V1ServiceAccount.class),
            Map.entry("v1/Service", V1Service.class),
            Map.entry("v1/Secret", V1Secret.class),
            Map.entry("v1/ConfigMap", V1ConfigMap.class),
            Map.entry("v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class),
            Map.entry("v1/Pod", V1Pod.class),
            Map.entry("apps/v1/Deployment", V1Deployment.class),
            Map.entry("apps/v1/StatefulSet", V1StatefulSet.class),
            Map.entry("batch/v1/Job", V1Job.class),
            Map.entry("networking.k8s.io/v1/Ingress", V1Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class));

    /** Enumerated fields, by path pattern ({@code []} marks an array element), with the values the API accepts. */
    private static final Map<Pattern, Set<String>> ENUMS = Map.ofEntries(
            Map.entry(field("imagePullPolicy"), Set.of("Always", "IfNotPresent", "Never")),
            Map.entry(field("protocol"), Set.of("TCP", "UDP", "SCTP")),
            Map.entry(field("restartPolicy"), Set.of("Always", "OnFailure", "Never")),
            Map.entry(field("whenUnsatisfiable"), Set.of("DoNotSchedule", "ScheduleAnyway")),
            Map.entry(field("pathType"), Set.of("Exact", "Prefix", "ImplementationSpecific")),
            Map.entry(field("dnsPolicy"), Set.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None")),
            Map.entry(field("terminationMessagePolicy"), Set.of("File", "FallbackToLogsOnError")),
            Map.entry(field("fsGroupChangePolicy"), Set.of("OnRootMismatch", "Always")),
            Map.entry(field("scheme"), Set.of("HTTP", "HTTPS")),
            Map.entry(field("volumeMode"), Set.of("Block", "Filesystem")),
            Map.entry(
                    field("accessModes\\[\\]"),
                    Set.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")),
            Map.entry(field("policyTypes\\[\\]"), Set.of("Ingress", "Egress")),
            Map.entry(field("sessionAffinity"), Set.of("ClientIP", "None")),
            Map.entry(field("externalTrafficPolicy"), Set.of("Cluster", "Local")),
            Map.entry(field("internalTrafficPolicy"), Set.of("Cluster", "Local")),
            Map.entry(field("unhealthyPodEvictionPolicy"), Set.of("IfHealthyBudget", "AlwaysAllow")),
            Map.entry(field("completionMode"), Set.of("NonIndexed", "Indexed")),
            Map.entry(field("podReplacementPolicy"), Set.of("TerminatingOrFailed", "Failed")),
            Map.entry(field("nodeAffinityPolicy"), Set.of("Honor", "Ignore")),
            Map.entry(field("nodeTaintsPolicy"), Set.of("Honor", "Ignore")),
            Map.entry(field("seccompProfile\\.type"), Set.of("Localhost", "RuntimeDefault", "Unconfined")),
            Map.entry(field("appArmorProfile\\.type"), Set.of("Localhost", "RuntimeDefault", "Unconfined")),
            Map.entry(field("tolerations\\[\\]\\.operator"), Set.of("Exists", "Equal")),
            Map.entry(field("tolerations\\[\\]\\.effect"), Set.of("NoSchedule", "PreferNoSchedule", "NoExecute")),
            Map.entry(
                    field("matchExpressions\\[\\]\\.operator"),
                    Set.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt")),
            Map.entry(Pattern.compile("Deployment:spec\\.strategy\\.type"), Set.of("Recreate", "RollingUpdate")),
            Map.entry(Pattern.compile("StatefulSet:spec\\.updateStrategy\\.type"), Set.of("OnDelete", "RollingUpdate")),
            Map.entry(Pattern.compile("StatefulSet:spec\\.podManagementPolicy"), Set.of("OrderedReady", "Parallel")),
            Map.entry(
                    Pattern.compile("StatefulSet:spec\\.persistentVolumeClaimRetentionPolicy\\.when(Deleted|Scaled)"),
                    Set.of("Retain", "Delete")),
            Map.entry(
                    Pattern.compile("Service:spec\\.type"),
                    Set.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")),
            Map.entry(
                    Pattern.compile("HorizontalPodAutoscaler:spec\\.metrics\\[\\]\\.type"),
                    Set.of("ContainerResource", "External", "Object", "Pods", "Resource")),
            Map.entry(
                    Pattern.compile("HorizontalPodAutoscaler:spec\\.metrics\\[\\]\\.[a-zA-Z]+\\.target\\.type"),
                    Set.of("Utilization", "Value", "AverageValue")));

    private KubernetesSchema() {}

    private static Pattern field(String name) {
        return Pattern.compile("[A-Za-z]+:(.*\\.)?" + name);
    }

    /** The problems found in one object; empty when it is valid. */
    static List<String> problems(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        Class<?> model = MODELS.get(apiVersion + "/" + kind);
        if (model == null) {
            return List.of("no model for " + apiVersion + "/" + kind + " (unknown kind or API version)");
        }
        List<String> problems = new ArrayList<>();
        JsonElement json = JsonParser.parseString(GSON.toJson(object));
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
        } catch (InvocationTargetException e) {
            problems.add(kind + ": " + e.getCause().getMessage());
            return problems;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        try {
            JsonElement roundTrip = JSON.getGson().toJsonTree(JSON.getGson().fromJson(json, model));
            String changed = firstDifference(kind + ":", json, roundTrip);
            if (changed != null) {
                problems.add(changed + " has the wrong type: it does not bind to the API model as written");
            }
        } catch (RuntimeException e) {
            problems.add(kind + ": a field has the wrong type: " + e.getMessage());
        }
        checkEnums(kind + ":", json, problems);
        return problems;
    }

    /**
     * The path of the first value of {@code written} that the model did not keep as it was; the model may add
     * empty lists and maps of its own. {@code null} when every written value survived.
     */
    private static String firstDifference(String path, JsonElement written, JsonElement bound) {
        if (written instanceof JsonObject object) {
            if (!(bound instanceof JsonObject boundObject)) {
                return path;
            }
            for (Map.Entry<String, JsonElement> member : object.entrySet()) {
                String child = path.endsWith(":") ? path + member.getKey() : path + "." + member.getKey();
                String difference = firstDifference(child, member.getValue(), boundObject.get(member.getKey()));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (written instanceof JsonArray array) {
            if (!(bound instanceof JsonArray boundArray) || boundArray.size() != array.size()) {
                return path;
            }
            for (int i = 0; i < array.size(); i++) {
                String difference = firstDifference(path + "[" + i + "]", array.get(i), boundArray.get(i));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        return written.equals(bound) || written.isJsonNull() ? null : path;
    }

    private static void checkEnums(String path, JsonElement json, List<String> problems) {
        if (json instanceof JsonObject object) {
            for (Map.Entry<String, JsonElement> member : object.entrySet()) {
                String child = path.endsWith(":") ? path + member.getKey() : path + "." + member.getKey();
                checkEnums(child, member.getValue(), problems);
            }
        } else if (json instanceof JsonArray array) {
            for (JsonElement element : array) {
                checkEnums(path + "[]", element, problems);
            }
        } else if (json.isJsonPrimitive()) {
            for (Map.Entry<Pattern, Set<String>> rule : ENUMS.entrySet()) {
                if (rule.getKey().matcher(path).matches() && !rule.getValue().contains(json.getAsString())) {
                    problems.add(path + ": '" + json.getAsString() + "' is not one of " + rule.getValue());
                }
            }
        }
    }
}
