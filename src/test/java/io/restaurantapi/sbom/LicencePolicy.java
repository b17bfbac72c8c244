package io.restaurantapi.sbom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Which licences the application's components may be under (checks/licences.yaml): a component passes when every
 * licence its SBOM entry lists is allowed, or when a review of it names exactly the licences it lists and takes an
 * allowed one. Every licence is required, not one of them, because an SBOM does not say whether several licences
 * are a choice or all apply; a review is where a person reads which.
 */
record LicencePolicy(Map<String, String> allowed, Map<String, Review> reviewed) {

    static final Path FILE = Path.of("checks", "licences.yaml");

    /** The licences {@code listed} for a component, the one this project takes, and why. */
    record Review(List<String> listed, String taken, String why) {}

    static LicencePolicy read(Path file) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Map<String, Object> document = cast(new Yaml(new SafeConstructor(options)).load(Files.readString(file)));
            Map<String, String> allowed = new LinkedHashMap<>();
            cast(document.get("allowed")).forEach((id, why) -> allowed.put(id, text(why, file, id)));
            Map<String, Review> reviewed = new LinkedHashMap<>();
            cast(document.get("reviewed")).forEach((component, entry) -> {
                Map<String, Object> review = cast(entry);
                if (!(review.get("listed") instanceof List<?> listed) || listed.isEmpty()) {
                    throw new IllegalArgumentException(file + ": " + component + ".listed must list licences");
                }
                reviewed.put(
                        component,
                        new Review(
                                listed.stream().map(String::valueOf).toList(),
                                text(review.get("taken"), file, component + ".taken"),
                                text(review.get("why"), file, component + ".why")));
            });
            return new LicencePolicy(allowed, reviewed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line for each component that breaks the policy, saying why; none when all pass. */
    List<String> violations(List<SbomComponent> components) {
        List<String> violations = new ArrayList<>();
        for (SbomComponent component : components) {
            String name = component.groupArtifact() + ":" + component.version();
            Review review = reviewed.get(component.groupArtifact());
            if (component.licences().isEmpty()) {
                violations.add(name + " lists no licence");
            } else if (review != null) {
                if (!Set.copyOf(review.listed()).equals(Set.copyOf(component.licences()))) {
                    violations.add(name + " now lists " + component.licences() + ", not the " + review.listed()
                            + " of its review: review it again");
                } else if (!allowed.containsKey(review.taken())) {
                    violations.add(name + " is taken under " + review.taken() + ", which is not allowed");
                }
            } else {
                List<String> forbidden = component.licences().stream()
                        .filter(licence -> !allowed.containsKey(licence))
                        .toList();
                if (!forbidden.isEmpty()) {
                    violations.add(name + " is under " + forbidden + ", not allowed with Apache-2.0 (" + FILE + ")");
                }
            }
        }
        return violations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a mapping in " + FILE + ", found " + value);
        }
        return (Map<String, Object>) value;
    }

    /** Every entry says what it is and why: a blank one is an error in the file, not an empty reason. */
    private static String text(Object value, Path file, String key) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(file + ": " + key + " must be a non-blank text");
        }
        return text;
    }
}
