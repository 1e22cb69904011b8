package io.cxmonitor.domain.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PriorityTest {

    private static CustomerValue bought(int purchases, double each) {
        CustomerValue v = new CustomerValue();
        for (int i = 0; i < purchases; i++) {
            v.purchase(i, each);
        }
        return v;
    }

    @Test
    void aValuableCustomerAtCriticalRiskComesFirst() {
        assertThat(Priority.of(0.85, bought(4, 80))).isEqualTo(Priority.P1);
        assertThat(Priority.of(0.85, bought(0, 0))).isEqualTo(Priority.P2);
        assertThat(Priority.of(0.6, bought(4, 80))).isEqualTo(Priority.P2);
        assertThat(Priority.of(0.6, bought(0, 0))).as("an NPS of 6 from someone who never bought").isEqualTo(Priority.P3);
    }

    @Test
    void theBoundariesBelongToTheHigherPriority() {
        assertThat(Priority.of(Priority.CRITICAL_RISK, bought(0, 0))).isEqualTo(Priority.P2);
        assertThat(Priority.of(Priority.CRITICAL_RISK - 1e-9, bought(0, 0))).isEqualTo(Priority.P3);
        assertThat(Priority.P1.atLeast(Priority.P2)).isTrue();
        assertThat(Priority.P2.atLeast(Priority.P2)).isTrue();
        assertThat(Priority.P3.atLeast(Priority.P2)).isFalse();
    }
}
