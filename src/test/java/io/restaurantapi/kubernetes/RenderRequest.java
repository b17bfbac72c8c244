package io.restaurantapi.kubernetes;

import java.util.List;
import java.util.Map;

/** What to render: a chart directory, a release name and namespace, values files and --set values. */
record RenderRequest(
        String chart, String release, String namespace, List<String> valuesFiles, Map<String, String> sets) {}
