package io.cxmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SharedStringsTest {

    @Test
    void equalValuesShareOneInstance() {
        String first = SharedStrings.of(new String("checkout"));
        String second = SharedStrings.of(new String("checkout"));
        assertThat(second).isSameAs(first);
    }

    @Test
    void nullStaysNull() {
        assertThat(SharedStrings.of(null)).isNull();
    }

    @Test
    void manyDistinctValuesStillComeBackEqual() {
        for (int i = 0; i < 100_000; i++) {
            String page = "/product/" + i;
            assertThat(SharedStrings.of(page)).isEqualTo(page);
        }
    }

    @Property
    void alwaysReturnsAnEqualString(@ForAll String s, @ForAll String other) {
        SharedStrings.of(other);
        assertThat(SharedStrings.of(s)).isEqualTo(s);
        assertThat(SharedStrings.of(new String(s))).isEqualTo(s);
    }
}
