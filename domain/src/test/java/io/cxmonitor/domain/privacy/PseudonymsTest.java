package io.cxmonitor.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private static final String SECRET = "a-secret-of-enough-length";

    @Test
    void theSameCustomerAlwaysHasTheSamePseudonymUnderTheSameSecretAndAnotherUnderAnother() {
        Pseudonyms p = new Pseudonyms(SECRET);
        assertThat(p.of("c-000412")).isEqualTo(new Pseudonyms(SECRET).of("c-000412")).matches("p-[0-9a-f]{16}")
                .doesNotContain("000412");
        assertThat(new Pseudonyms(SECRET + "!").of("c-000412")).isNotEqualTo(p.of("c-000412"));
    }

    @Test
    void pseudonymsOfManyCustomersDoNotCollide() {
        Pseudonyms p = new Pseudonyms(SECRET);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(p.of("c-" + i))).isTrue();
        }
        assertThat(p.of("ü<!channel>")).matches("p-[0-9a-f]{16}");
    }

    @Test
    void aShortOrMissingSecretIsRefused() {
        assertThatThrownBy(() -> new Pseudonyms("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16");
        assertThatThrownBy(() -> new Pseudonyms(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Pseudonyms.newSecret()).hasSize(64).isNotEqualTo(Pseudonyms.newSecret());
    }
}
