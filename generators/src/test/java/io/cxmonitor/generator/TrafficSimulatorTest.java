package io.cxmonitor.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventLimits;
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

    static final long START = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();

    @Test
    void everyGeneratedEventHonoursTheContract() throws Exception {
        TrafficSimulator simulator = new TrafficSimulator(7, START, 20, 2_000);
        EventWriter writer = new EventWriter();
        EventReader reader = new EventReader(EventLimits.DEFAULT,
                Clock.fixed(Instant.ofEpochMilli(START), ZoneOffset.UTC));
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 150_000; i++) {
            CxEvent e = sent(simulator).event;
            CxEvent read = reader.read(e.stream, writer.write(e));
            assertThat(read).isEqualTo(e);
            assertThat(ids.add(e.eventId)).as("unique event ids").isTrue();
            types.add(e.type);
        }
        assertThat(types).contains(EventType.PAGE_VIEW, EventType.CLICK, EventType.WEB_VITAL, EventType.DEAD_CLICK,
                EventType.JS_ERROR, EventType.HTTP_ERROR, EventType.SCREEN_VIEW, EventType.TAP, EventType.API_CALL,
                EventType.APP_START, EventType.CRASH, EventType.ANR, EventType.VIEW_ITEM, EventType.ADD_TO_CART,
                EventType.BEGIN_CHECKOUT, EventType.ADD_PAYMENT_INFO, EventType.PURCHASE, EventType.REVIEW,
                EventType.TICKET_OPENED, EventType.MESSAGE, EventType.TICKET_RESOLVED, EventType.TICKET_REOPENED,
                EventType.CSAT, EventType.NPS, EventType.CES);
    }

    @Test
    void eventsComeInEventTimeOrderAtTheRequestedRate() {
        TrafficSimulator simulator = new TrafficSimulator(1, START, 200, 100_000);
        long previous = Long.MIN_VALUE;
        CxEvent e = null;
        for (int i = 0; i < 200_000; i++) {
            e = sent(simulator).event;
            assertThat(e.ts).isGreaterThanOrEqualTo(previous);
            previous = e.ts;
        }
        double seconds = (e.ts - START) / 1000.0;
        assertThat(200_000 / seconds).isBetween(180.0, 220.0);
    }

    @Test
    void theDailyCurveIsQuietAtNightAndBusyInTheEvening() {
        assertThat(Curve.DAILY.factor(Instant.parse("2026-11-23T08:00:00Z").toEpochMilli())).isCloseTo(0.3, offset(0.01));
        assertThat(Curve.DAILY.factor(Instant.parse("2026-11-23T20:00:00Z").toEpochMilli())).isCloseTo(1.7, offset(0.01));
        assertThat(Curve.STEADY.factor(Instant.parse("2026-11-23T08:00:00Z").toEpochMilli())).isEqualTo(1);
    }

    @Test
    void theWeeklyCurveIsBusiestOnMondayQuietestOnSaturdayAndAveragesTheRate() {
        long monday = Instant.parse("2026-11-23T20:00:00Z").toEpochMilli();
        long saturday = Instant.parse("2026-11-28T20:00:00Z").toEpochMilli();
        assertThat(Curve.WEEKLY.factor(monday)).isCloseTo(1.7 * 1.15, offset(0.01));
        assertThat(Curve.WEEKLY.factor(saturday)).isCloseTo(1.7 * 0.9, offset(0.01));
        double sum = 0;
        int minutes = 0;
        for (long t = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli(); t < monday + 7 * 86_400_000L - 20 * 3_600_000L;
                t += 60_000) {
            sum += Curve.WEEKLY.factor(t);
            minutes++;
        }
        assertThat(sum / minutes).isCloseTo(1.0, offset(0.001));
    }

    @Test
    void theWeeklyCurveShapesTheGeneratedRate() {
        TrafficSettings settings = new TrafficSettings().seed(5).rate(100).customers(100_000);
        settings.curve = Curve.WEEKLY;
        long mondayEvening = Instant.parse("2026-11-23T19:30:00Z").toEpochMilli();
        long saturdayMorning = Instant.parse("2026-11-28T07:30:00Z").toEpochMilli();
        double busy = eventsPerSecond(settings, mondayEvening);
        double quiet = eventsPerSecond(settings, saturdayMorning);
        assertThat(busy).isBetween(100 * 1.7 * 1.15 * 0.85, 100 * 1.7 * 1.15 * 1.15);
        assertThat(quiet).isBetween(100 * 0.3 * 0.9 * 0.7, 100 * 0.3 * 0.9 * 1.3);
    }

    /** Events a second over the hour from {@code from}, the simulation having started a day before. */
    private static double eventsPerSecond(TrafficSettings settings, long from) {
        TrafficSimulator sim = new TrafficSimulator(settings, from - 3_600_000L);
        long n = 0;
        for (Generated g = sim.next(); g.timestamp < from + 3_600_000L; g = sim.next()) {
            if (g.timestamp >= from && !g.isMarker()) {
                n++;
            }
        }
        return n / 3_600.0;
    }

    @Test
    void theSameSeedGivesTheSameEvents() {
        TrafficSimulator a = new TrafficSimulator(42, START, 100, 5_000);
        TrafficSimulator b = new TrafficSimulator(42, START, 100, 5_000);
        TrafficSimulator c = new TrafficSimulator(43, START, 100, 5_000);
        boolean differs = false;
        for (int i = 0; i < 20_000; i++) {
            CxEvent x = sent(a).event;
            assertThat(sent(b).event).isEqualTo(x);
            differs |= !sent(c).event.equals(x);
        }
        assertThat(differs).isTrue();
    }

    @Test
    void coversAllFourStreams() {
        TrafficSimulator simulator = new TrafficSimulator(3, START, 200, 10_000);
        Set<Stream> streams = EnumSet.noneOf(Stream.class);
        for (int i = 0; i < 20_000; i++) {
            streams.add(sent(simulator).stream);
        }
        assertThat(streams).containsExactlyInAnyOrder(Stream.values());
    }

    @Test
    void sendsSomeEventsOutOfOrderOrLateButNeverThoseThatCarryTruth() {
        TrafficSettings settings = new TrafficSettings().seed(5).rate(200).customers(20_000);
        settings.outOfOrderShare = 0.05;
        settings.lateShare = 0.01;
        TrafficSimulator simulator = new TrafficSimulator(settings, START);
        long maxSent = Long.MIN_VALUE;
        int outOfOrder = 0;
        int late = 0;
        for (int i = 0; i < 50_000; i++) {
            Generated g = simulator.next();
            assertThat(g.emitAt()).isGreaterThanOrEqualTo(maxSent);
            maxSent = g.emitAt();
            long delay = g.emitAt() - g.timestamp;
            if (delay > 0 && delay <= 8_000) {
                outOfOrder++;
            } else if (delay >= 180_000) {
                late++;
                assertThat(g.event.type).isIn(EventType.PAGE_VIEW, EventType.SCREEN_VIEW);
                assertThat(g.truth()).extracting(TruthEntry::type).containsExactly("late");
            }
            if (delay > 0) {
                assertThat(g.truth()).noneMatch(t -> !t.type().equals("late"));
            }
        }
        assertThat(outOfOrder).isBetween(2_000, 3_000);
        assertThat(late).isPositive();
    }

    @Test
    void addsMalformedRecordsOfEveryReasonBesideTheEvents() {
        TrafficSettings settings = new TrafficSettings().seed(9).rate(200).customers(20_000);
        settings.malformedShare = 0.02;
        TrafficSimulator simulator = new TrafficSimulator(settings, START);
        EventReader reader = new EventReader();
        Set<String> reasons = new HashSet<>();
        int malformed = 0;
        for (int i = 0; i < 30_000; i++) {
            Generated g = simulator.next();
            if (g.malformed != null) {
                malformed++;
                String expected = (String) g.truth().get(0).get("reason");
                reasons.add(expected);
                try {
                    reader.read(g.stream, g.malformed);
                    throw new AssertionError("a malformed record was accepted: " + new String(g.malformed));
                } catch (io.cxmonitor.events.InvalidEventException e) {
                    assertThat(e.reason().id()).isEqualTo(expected);
                }
            }
        }
        assertThat(malformed).isBetween(150, 600);
        assertThat(reasons).containsExactlyInAnyOrder("not_json", "missing_field", "wrong_type", "unknown_type",
                "bad_timestamp");
    }

    /** The next record that is actually sent, skipping truth-only markers. */
    static Generated sent(TrafficSimulator simulator) {
        Generated g = simulator.next();
        while (g.isMarker()) {
            g = simulator.next();
        }
        return g;
    }
}
