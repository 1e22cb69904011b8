package io.cxmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void fastPathAgreesWithTheJdkParser() {
        for (String text : new String[] {
                "2026-11-23T10:15:30Z", "2026-11-23T10:15:30.1Z", "2026-11-23T10:15:30.12Z",
                "2026-11-23T10:15:30.123Z", "2026-11-23T10:15:30.123999Z", "2024-02-29T23:59:59.999Z",
                "1999-12-31T00:00:00Z"}) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text).toEpochMilli());
        }
    }

    @Test
    void formatIsTheInverseOfParse() {
        long t = Instant.parse("2026-11-23T10:15:30.120Z").toEpochMilli();
        assertThat(Timestamps.format(t)).isEqualTo("2026-11-23T10:15:30.120Z");
        assertThat(Timestamps.parse(Timestamps.format(t))).isEqualTo(t);
        for (long ms : new long[] {0, 951_782_400_000L, 1_709_251_199_999L, 4_102_444_800_000L, -1}) {
            assertThat(Timestamps.parse(Timestamps.format(ms))).as("%d", ms).isEqualTo(ms);
            assertThat(Instant.parse(Timestamps.format(ms)).toEpochMilli()).isEqualTo(ms);
        }
    }

    @Test
    void refusesImpossibleDatesAndMissingOffsets() {
        assertThatThrownBy(() -> Timestamps.parse("2025-02-29T10:00:00Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Timestamps.parse("2026-11-23 10:00:00")).isInstanceOf(DateTimeException.class);
    }
}
