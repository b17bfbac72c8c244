package io.restaurantapi.sbom;

import java.util.List;

/**
 * One component of a CycloneDX SBOM: its Maven {@code group:artifact}, version, and the licences its entry lists,
 * each as its SPDX id, or its name or expression where the SBOM has no id.
 */
public record SbomComponent(String groupArtifact, String version, List<String> licences) {

    public SbomComponent {
        licences = List.copyOf(licences);
    }
}
