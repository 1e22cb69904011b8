package io.cxmonitor.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonaMixTest {

    @Test
    void allocatesExactlyTheConfiguredShares() {
        PersonaMix mix = PersonaMix.parse("loyal=50,casual=20,price=10,frustrated=15,at_risk=5");
        assertThat(mix.allocate(1_000)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Persona.LOYAL, 500, Persona.CASUAL, 200, Persona.PRICE_SENSITIVE, 100,
                Persona.FRUSTRATED, 150, Persona.AT_RISK, 50));
        assertThat(mix.allocate(7).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
    }

    @Test
    void theSimulatedCustomerBaseHasTheConfiguredMix() {
        TrafficSettings settings = new TrafficSettings().customers(10_000)
                .personas(PersonaMix.parse("loyal=1,at_risk=3"));
        TrafficSimulator simulator = new TrafficSimulator(settings, TrafficSimulatorTest.START);
        assertThat(simulator.personaCounts()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Persona.LOYAL, 2_500, Persona.AT_RISK, 7_500));
    }

    @Test
    void refusesUnknownPersonasAndEmptyMixes() {
        assertThatThrownBy(() -> PersonaMix.parse("loyal=1,grumpy=2")).hasMessageContaining("unknown persona 'grumpy'");
        assertThatThrownBy(() -> PersonaMix.parse("loyal=0")).hasMessageContaining("no weight");
        assertThatThrownBy(() -> PersonaMix.parse("loyal")).hasMessageContaining("name=weight");
    }
}
