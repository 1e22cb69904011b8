package io.cxmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.WithNull;

class KeyHashTest {

    /** Equal to what the keys hashed before, so that a savepoint's key groups stay where they were. */
    @Property
    void isObjectsHash(@ForAll @WithNull String a, @ForAll @WithNull String b, @ForAll @WithNull String c,
            @ForAll @WithNull String d, @ForAll @WithNull String e) {
        assertThat(KeyHash.of(a, b)).isEqualTo(Objects.hash(a, b));
        assertThat(KeyHash.of(a, b, c)).isEqualTo(Objects.hash(a, b, c));
        assertThat(KeyHash.of(a, b, c, d, e)).isEqualTo(Objects.hash(a, b, c, d, e));
    }
}
