package io.restaurantapi.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules by which a component's licences pass or fail, on a policy of this test's own. */
class LicencePolicyTest {

    private static final LicencePolicy POLICY = new LicencePolicy(
            Map.of("Apache-2.0", "own licence", "EPL-2.0", "category B"),
            Map.of(
                    "org.example:dual",
                    new LicencePolicy.Review(
                            List.of("EPL-2.0", "LGPL-2.1-only"), "EPL-2.0", "dual-licensed at the licensee's choice")));

    private static SbomComponent component(String groupArtifact, String... licences) {
        return new SbomComponent(groupArtifact, "1.0", List.of(licences));
    }

    @Test
    void aComponentUnderAnAllowedLicencePasses() {
        assertThat(POLICY.violations(List.of(component("org.example:lib", "Apache-2.0"))))
                .isEmpty();
    }

    @Test
    void aComponentUnderALicenceThatIsNotAllowedFails() {
        assertThat(POLICY.violations(List.of(component("org.example:lib", "GPL-3.0-only"))))
                .singleElement(STRING)
                .contains("org.example:lib:1.0", "GPL-3.0-only");
    }

    @Test
    void aComponentThatAlsoListsALicenceThatIsNotAllowedFailsUntilReviewed() {
        assertThat(POLICY.violations(List.of(component("org.example:other", "Apache-2.0", "GPL-2.0-only"))))
                .singleElement(STRING)
                .contains("GPL-2.0-only");
    }

    @Test
    void aReviewedComponentPassesUnderTheLicenceItsReviewTakes() {
        assertThat(POLICY.violations(List.of(component("org.example:dual", "LGPL-2.1-only", "EPL-2.0"))))
                .isEmpty();
    }

    @Test
    void aReviewedComponentWhoseListedLicencesChangedFails() {
        assertThat(POLICY.violations(List.of(component("org.example:dual", "GPL-3.0-only"))))
                .singleElement(STRING)
                .contains("review it again");
    }

    @Test
    void aReviewThatTakesALicenceThatIsNotAllowedFails() {
        LicencePolicy policy = new LicencePolicy(
                Map.of("Apache-2.0", "own licence"),
                Map.of(
                        "org.example:dual",
                        new LicencePolicy.Review(
                                List.of("EPL-2.0", "LGPL-2.1-only"), "LGPL-2.1-only", "a mistaken review")));

        assertThat(policy.violations(List.of(component("org.example:dual", "EPL-2.0", "LGPL-2.1-only"))))
                .singleElement(STRING)
                .contains("LGPL-2.1-only", "not allowed");
    }

    @Test
    void aComponentThatListsNoLicenceFails() {
        assertThat(POLICY.violations(List.of(component("org.example:unknown"))))
                .singleElement(STRING)
                .contains("lists no licence");
    }
}
