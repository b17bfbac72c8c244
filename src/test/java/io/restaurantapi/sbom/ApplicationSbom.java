package io.restaurantapi.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The application's CycloneDX SBOM, read where the build writes it and Spring Boot's sbom endpoint finds it. */
public final class ApplicationSbom {

    /** The sbom endpoint's default location for the application SBOM, on the classpath. */
    public static final String RESOURCE = "META-INF/sbom/application.cdx.json";

    private ApplicationSbom() {}

    /** The SBOM's document, as the build wrote it. */
    public static byte[] bytes() {
        try (InputStream in = ApplicationSbom.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                // cyclonedx-maven-plugin skips itself when Maven runs offline (-o), and writes no SBOM
                throw new IllegalStateException(RESOURCE + " is not on the classpath: build without -o, so that"
                        + " cyclonedx-maven-plugin writes it in generate-resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The components of the SBOM document {@code json}. */
    public static List<SbomComponent> components(byte[] json) {
        JsonNode bom = JsonMapper.shared().readTree(json);
        List<SbomComponent> components = new ArrayList<>();
        for (JsonNode component : bom.path("components")) {
            List<String> licences = new ArrayList<>();
            for (JsonNode choice : component.path("licenses")) {
                JsonNode licence = choice.path("license");
                licences.add(firstText(licence.path("id"), licence.path("name"), choice.path("expression")));
            }
            components.add(new SbomComponent(
                    component.path("group").asString() + ":"
                            + component.path("name").asString(),
                    component.path("version").asString(),
                    licences));
        }
        return components;
    }

    /** The components of the application's SBOM. */
    public static List<SbomComponent> components() {
        return components(bytes());
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate.isString() && !candidate.asString().isBlank()) {
                return candidate.asString();
            }
        }
        return "(a licence entry with neither id, name nor expression)";
    }
}
