package io.cxmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventWriterTest {

    @Test
    void everyFieldSurvivesAWriteAndReadRoundTrip() throws Exception {
        CxEvent original = fullyPopulated();
        byte[] json = new EventWriter().write(original);
        CxEvent read = new EventReader().read(Stream.SUPPORT, json);
        assertThat(read).usingRecursiveComparison().isEqualTo(original);
    }

    /** Every public field set, so that a field the reader or writer forgets fails the round trip. */
    private static CxEvent fullyPopulated() throws IllegalAccessException {
        CxEvent e = new CxEvent(Stream.SUPPORT, EventType.MESSAGE, "e-1",
                Instant.parse("2026-11-23T10:15:30.123Z").toEpochMilli());
        int i = 0;
        for (Field f : CxEvent.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.get(e) != null && f.getType() != long.class) {
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
