package io.restaurantapi.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The application's SBOM, as the build wrote it, against the project's licence policy (checks/licences.yaml). */
class ApplicationSbomLicencesTest {

    private final List<SbomComponent> components = ApplicationSbom.components();
    private final LicencePolicy policy = LicencePolicy.read(LicencePolicy.FILE);

    @Test
    void everyComponentOfTheApplicationIsUnderALicenceThePolicyAllows() {
        assertThat(components).isNotEmpty();
        assertThat(policy.violations(components)).isEmpty();
    }

    @Test
    void everyReviewIsOfAComponentTheApplicationShips() {
        Set<String> shipped =
                components.stream().map(SbomComponent::groupArtifact).collect(Collectors.toSet());

        assertThat(policy.reviewed().keySet()).isSubsetOf(shipped);
    }

    @Test
    void thePolicyAllowsNoCopyleftLicenceNorTheAdvertisingClause() {
        assertThat(policy.allowed().keySet())
                .noneMatch(id -> id.matches("(?i).*(GPL|SSPL|EUPL|OSL|CPAL|BSD-4-Clause).*"));
    }
}
