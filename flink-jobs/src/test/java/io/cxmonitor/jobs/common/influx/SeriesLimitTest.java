package io.cxmonitor.jobs.common.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class SeriesLimitTest {

    private static final Measurement APP =
            Measurement.define("cx_app", EnumSet.of(Tag.PLATFORM, Tag.APP_VERSION), "crashes");
    private static final Measurement APDEX =
            Measurement.define("cx_apdex", EnumSet.of(Tag.PLATFORM, Tag.SCREEN), "apdex");

    private static InfluxPoint app(String version, long time) {
        return APP.point(time).tag(Tag.PLATFORM, "android").tag(Tag.APP_VERSION, version).field("crashes", 1).build();
    }

    @Test
    void keepsWritingKnownSeriesAndRefusesNewOnesBeyondTheLimit() {
        SeriesLimit limit = new SeriesLimit(3);
        for (int i = 0; i < 3; i++) {
            assertThat(limit.admits(app("5." + i, 60_000))).isTrue();
        }
        assertThat(limit.admits(app("flood-1", 60_000))).isFalse();
        assertThat(limit.admits(app("flood-2", 120_000))).isFalse();
        assertThat(limit.admits(app("5.0", 120_000))).as("a known series, another minute").isTrue();
        assertThat(limit.admits(app("5.2", 180_000))).isTrue();
    }

    @Test
    void countsSeriesPerMeasurement() {
        SeriesLimit limit = new SeriesLimit(1);
        assertThat(limit.admits(app("5.0", 60_000))).isTrue();
        assertThat(limit.admits(APDEX.point(60_000).tag(Tag.PLATFORM, "android").tag(Tag.SCREEN, "home")
                .field("apdex", 1.0).build())).isTrue();
        assertThat(limit.admits(app("5.1", 60_000))).isFalse();
    }
}
