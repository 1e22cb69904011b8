package io.cxmonitor.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventReader;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.EventWriter;
import io.cxmonitor.events.Stream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficSimulatorTest {

    private static final long START = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();

    @Test
    void everyGeneratedEventHonoursTheContract() throws Exception {
        TrafficSimulator simulator = new TrafficSimulator(7, START, 10, 1000);
        EventWriter writer = new EventWriter();
        EventReader reader = new EventReader(1 << 20, Duration.ofHours(24),
                Clock.fixed(Instant.ofEpochMilli(START), ZoneOffset.UTC));
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 30_000; i++) {
            CxEvent e = simulator.next();
            CxEvent read = reader.read(e.stream, writer.write(e));
            assertThat(read).isEqualTo(e);
            assertThat(ids.add(e.eventId)).as("unique event ids").isTrue();
            types.add(e.type);
        }
        assertThat(types).contains(EventType.PAGE_VIEW, EventType.CLICK, EventType.WEB_VITAL, EventType.SCREEN_VIEW,
                EventType.API_CALL, EventType.PURCHASE, EventType.REVIEW, EventType.TICKET_OPENED, EventType.CSAT);
    }

    @Test
    void eventsComeInEventTimeOrderAtTheRequestedRate() {
        TrafficSimulator simulator = new TrafficSimulator(1, START, 200, 1000);
        long previous = Long.MIN_VALUE;
        CxEvent e = null;
        for (int i = 0; i < 100_000; i++) {
            e = simulator.next();
            assertThat(e.ts).isGreaterThanOrEqualTo(previous);
            previous = e.ts;
        }
        double seconds = (e.ts - START) / 1000.0;
        assertThat(100_000 / seconds).isBetween(180.0, 220.0);
    }

    @Test
    void theSameSeedGivesTheSameEvents() {
        TrafficSimulator a = new TrafficSimulator(42, START, 100, 500);
        TrafficSimulator b = new TrafficSimulator(42, START, 100, 500);
        TrafficSimulator c = new TrafficSimulator(43, START, 100, 500);
        boolean differs = false;
        for (int i = 0; i < 5_000; i++) {
            CxEvent x = a.next();
            assertThat(b.next()).isEqualTo(x);
            differs |= !c.next().eventId.equals(x.eventId);
        }
        assertThat(differs).isTrue();
    }

    @Test
    void coversAllFourStreams() {
        TrafficSimulator simulator = new TrafficSimulator(3, START, 200, 1000);
        Set<Stream> streams = EnumSet.noneOf(Stream.class);
        for (int i = 0; i < 5_000; i++) {
            streams.add(simulator.next().stream);
        }
        assertThat(streams).containsExactlyInAnyOrder(Stream.values());
    }
}
