package io.cxmonitor.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.EventReader;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.InvalidEventException;
import io.cxmonitor.events.Stream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A two-hour backfill to JSONL with its truth file: every line of the truth must hold in the files. */
class GroundTruthTest {

    @TempDir
    static Path dir;

    static final Map<String, CxEvent> events = new HashMap<>();
    static final List<Map<String, Object>> truth = new ArrayList<>();
    static int malformedLines;

    @BeforeAll
    static void generate() throws IOException {
        TrafficSettings settings = new TrafficSettings().seed(21).rate(100).customers(10_000);
        settings.malformedShare = 0.01;
        settings.lateShare = 0.01;
        settings.outOfOrderShare = 0.02;
        settings.incidents.schedule(Incident.CHECKOUT_OUTAGE, TrafficSimulatorTest.START + 3_600_000,
                Duration.ofMinutes(20));
        new GeneratorRun(new TrafficSimulator(settings, TrafficSimulatorTest.START), new JsonlPublisher(dir),
                new TruthWriter(dir.resolve("truth.jsonl")), false, TrafficSimulatorTest.START, Duration.ofHours(2), 0)
                .run();
        EventReader reader = new EventReader(new EventLimits(1 << 20, Duration.ofDays(10_000), 256), Clock.systemUTC());
        for (Stream stream : Stream.values()) {
            for (String line : Files.readAllLines(JsonlPublisher.fileOf(dir, stream))) {
                try {
                    CxEvent e = reader.read(stream, line.getBytes(StandardCharsets.UTF_8));
                    events.put(e.eventId, e);
                } catch (InvalidEventException malformed) {
                    malformedLines++;
                }
            }
        }
        JsonFactory json = new JsonFactory();
        for (String line : Files.readAllLines(dir.resolve("truth.jsonl"))) {
            if (!line.isBlank()) {
                truth.add(parse(json, line));
            }
        }
    }

    private static List<Map<String, Object>> entries(String type) {
        return truth.stream().filter(t -> type.equals(t.get("type"))).toList();
    }

    @Test
    void everyBadExperienceIsBackedByTheCustomersEventsOfThatKind() {
        List<Map<String, Object>> bad = entries("bad_experience");
        assertThat(bad).hasSizeGreaterThan(100);
        for (Map<String, Object> b : bad) {
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) b.get("event_ids");
            assertThat(ids).isNotEmpty();
            List<CxEvent> evidence = ids.stream().map(events::get).toList();
            assertThat(evidence).as("evidence of %s", b).doesNotContainNull()
                    .allSatisfy(e -> assertThat(e.customerId).isEqualTo(b.get("customer_id")));
            CxEvent e = evidence.get(0);
            switch ((String) b.get("kind")) {
                case "negative_review" -> assertThat(e.rating).isLessThanOrEqualTo(2);
                case "low_csat" -> assertThat(e.type == EventType.CSAT && e.score <= 2).isTrue();
                case "nps_detractor" -> assertThat(e.type == EventType.NPS && e.score <= 6).isTrue();
                case "high_effort" -> assertThat(e.type == EventType.CES && e.score <= 3).isTrue();
                case "ticket_reopened" -> assertThat(e.type).isEqualTo(EventType.TICKET_REOPENED);
                case "negative_support_message" -> assertThat(e.text).isNotBlank();
                case "slow_first_response" -> assertThat(e.type).isEqualTo(EventType.TICKET_OPENED);
                case "app_crash" -> assertThat(e.type).isEqualTo(EventType.CRASH);
                case "checkout_failure" -> assertThat(FrictionRules.isCheckoutStep(e)).isTrue();
                case "frustrated_session", "abandoned_after_friction" -> assertThat(e.sessionId).isNotNull();
                default -> throw new AssertionError("unknown kind " + b);
            }
        }
    }

    @Test
    void eachCustomerHasExactlyOneFirstBadExperienceAndItIsTheEarliest() {
        Map<String, List<Map<String, Object>>> byCustomer = new LinkedHashMap<>();
        entries("bad_experience").forEach(b -> byCustomer.computeIfAbsent((String) b.get("customer_id"),
                k -> new ArrayList<>()).add(b));
        byCustomer.forEach((customer, list) -> {
            assertThat(list.stream().filter(b -> Boolean.TRUE.equals(b.get("first")))).hasSize(1);
            long first = list.stream().filter(b -> Boolean.TRUE.equals(b.get("first")))
                    .mapToLong(b -> ((Number) b.get("ts")).longValue()).findFirst().orElseThrow();
            assertThat(list).allSatisfy(b -> assertThat(((Number) b.get("ts")).longValue())
                    .isGreaterThanOrEqualTo(first - 60_000));
        });
    }

    @Test
    void textsRecordTheirIntendedSentimentAndAreTheSentTexts() {
        List<Map<String, Object>> texts = entries("text");
        assertThat(texts).extracting(t -> t.get("polarity")).contains("positive", "neutral", "negative");
        assertThat(texts).extracting(t -> t.get("form"))
                .contains("praise", "angry", "mild_complaint", "mixed", "negation", "request");
        for (Map<String, Object> t : texts) {
            assertThat(events.get((String) t.get("event_id")).text).isEqualTo(t.get("text"));
        }
    }

    @Test
    void incidentsCustomersLateAndMalformedRecordsAreAllAccountedFor() {
        assertThat(entries("incident")).singleElement().satisfies(i -> {
            assertThat(i.get("name")).isEqualTo("checkout_outage");
            assertThat(((Number) i.get("end")).longValue() - ((Number) i.get("start")).longValue())
                    .isEqualTo(20 * 60_000L);
        });
        assertThat(entries("malformed")).hasSize(malformedLines).isNotEmpty();
        assertThat(entries("late")).isNotEmpty().allSatisfy(l -> assertThat(events).containsKey((String) l.get("event_id")));
        long customers = events.values().stream().filter(e -> e.customerId != null).map(e -> e.customerId).distinct().count();
        assertThat(entries("customer")).hasSize((int) customers);
    }

    private static Map<String, Object> parse(JsonFactory json, String line) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = json.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(p.getText());
                    }
                    out.put(name, items);
                } else if (t.isNumeric()) {
                    out.put(name, p.getLongValue());
                } else if (t.isBoolean()) {
                    out.put(name, p.getBooleanValue());
                } else {
                    out.put(name, p.getText());
                }
            }
        }
        return out;
    }
}
