package io.restaurantapi.restaurant;

/**
 * Whether to send a body gzip-compressed. The API compresses its own responses, rather than leaving it to the
 * server, so that each encoding can carry a strong entity tag of its own (servers refuse to compress, or weaken
 * the tag of, a response with a strong tag).
 */
final class GzipNegotiation {

    private GzipNegotiation() {}

    /** True when the {@code Accept-Encoding} header accepts gzip: named, or matched by {@code *}, with a non-zero q. */
    static boolean accepts(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean gzip = null;
        Boolean any = null;
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            String name = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            boolean acceptable = quality(parts) > 0;
            if (name.equals("gzip") || name.equals("x-gzip")) {
                gzip = acceptable;
            } else if (name.equals("*")) {
                any = acceptable;
            }
        }
        return gzip != null ? gzip : any != null && any;
    }

    /** The entity tag of the gzip form of a body whose identity form has {@code etag}. */
    static String tag(String etag) {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
