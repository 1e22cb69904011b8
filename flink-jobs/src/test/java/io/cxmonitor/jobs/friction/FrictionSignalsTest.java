package io.cxmonitor.jobs.friction;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.friction.FrictionEvent;
import org.junit.jupiter.api.Test;

class FrictionSignalsTest {

    private static FrictionEvent at(String touchpoint, String place, String platform) {
        FrictionEvent f = new FrictionEvent();
        f.touchpoint = touchpoint;
        f.place = place;
        f.platform = platform;
        return f;
    }

    /** Otherwise two windows would write one series at one time, and the last would overwrite the first. */
    @Test
    void placesWrittenAlikeShareOneWindow() {
        assertThat(FrictionSignals.Where.of(at("web", "landing", null)))
                .isEqualTo(FrictionSignals.Where.of(at("web", "promo", null)))
                .isEqualTo(new FrictionSignals.Where("web", "other", ""));
        assertThat(FrictionSignals.Where.of(at("app", "Home ", "Android")))
                .isEqualTo(FrictionSignals.Where.of(at("app", "home", "android")));
        assertThat(FrictionSignals.Where.of(at("web", null, null)).place()).isEqualTo("unknown");
    }
}
