package io.cxmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventWriterTest {

    private static final Map<Stream, EventType> TYPES = Map.of(Stream.CLICKSTREAM, EventType.HTTP_ERROR,
            Stream.APP, EventType.API_CALL, Stream.REVIEWS, EventType.REVIEW, Stream.SUPPORT, EventType.MESSAGE);

    /**
     * Every field set on a record of each stream: each field the stream defines comes back as it was
     * written, one of another stream not at all (SPEC 2: an unknown extra field), and every field
     * comes back on some stream, so that a field the reader or writer forgets fails.
     */
    @Test
    void everyFieldSurvivesAWriteAndReadRoundTripOnTheStreamsThatDefineIt() throws Exception {
        Set<String> readSomewhere = new HashSet<>();
        Set<String> dropped = new HashSet<>();
        for (Stream stream : Stream.values()) {
            CxEvent original = fullyPopulated(stream);
            CxEvent read = new EventReader().read(stream, new EventWriter().write(original));
            for (Field f : wireFields()) {
                Object back = f.get(read);
                if (back != null) {
                    assertThat(back).as("%s on %s", f.getName(), stream).isEqualTo(f.get(original));
                    readSomewhere.add(f.getName());
                } else {
                    dropped.add(stream + "." + f.getName());
                }
            }
        }
        assertThat(readSomewhere).containsExactlyInAnyOrder(Arrays.stream(wireFields()).map(Field::getName).toArray(String[]::new));
        for (Stream stream : Stream.values()) {
            Set<String> defined = new HashSet<>(COMMON);
            defined.addAll(DEFINED.get(stream));
            Set<String> expected = new HashSet<>();
            for (Field f : wireFields()) {
                if (!defined.contains(f.getName())) {
                    expected.add(stream + "." + f.getName());
                }
            }
            assertThat(dropped.stream().filter(d -> d.startsWith(stream + ".")))
                    .as("the fields %s does not define, and only those", stream).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** SPEC 2, field by field, as CxEvent names them: what every record has, and what each stream adds. */
    private static final Set<String> COMMON = Set.of("eventId", "type", "ts", "customerId", "anonymousId", "sessionId",
            "stream");
    private static final Map<Stream, Set<String>> DEFINED = Map.of(
            Stream.CLICKSTREAM, Set.of("page", "pageType", "element", "x", "y", "message", "status", "url", "metric",
                    "value", "field", "productId", "price", "quantity", "cartValue", "orderId"),
            Stream.APP, Set.of("platform", "appVersion", "screen", "element", "x", "y", "message", "endpoint", "status",
                    "latencyMs", "coldStartMs", "productId", "price", "quantity", "cartValue", "orderId", "value"),
            Stream.REVIEWS, Set.of("reviewId", "rating", "title", "text", "source", "productId"),
            Stream.SUPPORT, Set.of("ticketId", "channel", "subject", "text", "author", "score"));

    private static Field[] wireFields() {
        return Arrays.stream(CxEvent.class.getFields()).filter(f -> !Modifier.isStatic(f.getModifiers())).toArray(Field[]::new);
    }

    /** Every public field set, whatever the stream defines. */
    private static CxEvent fullyPopulated(Stream stream) throws IllegalAccessException {
        CxEvent e = new CxEvent(stream, TYPES.get(stream), "e-1", Instant.parse("2026-11-23T10:15:30.123Z").toEpochMilli());
        int i = 0;
        for (Field f : wireFields()) {
            if (f.get(e) != null && f.getType() != long.class) {
                continue;
            }
            i++;
            if (f.getType() == String.class) {
                f.set(e, "v" + i);
            } else if (f.getType() == Double.class) {
                f.set(e, i + 0.5);
            } else if (f.getType() == Integer.class) {
                f.set(e, i);
            }
        }
        e.author = "customer";
        e.metric = "LCP";
        e.score = 3;
        e.rating = 4;
        e.status = 503;
        return e;
    }
}
