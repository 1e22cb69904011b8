package io.cxmonitor.jobs.common.windows;

import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import java.io.Serializable;
import java.time.Duration;

/** How every windowed signal handles time: early updates and allowed lateness. */
public final class WindowSettings implements Serializable {

    public final Duration updateInterval;
    public final Duration allowedLateness;

    public WindowSettings(Duration updateInterval, Duration allowedLateness) {
        this.updateInterval = updateInterval;
        this.allowedLateness = allowedLateness;
    }

    public static WindowSettings from(CxConfig config) {
        return new WindowSettings(config.get(CxOptions.WINDOW_UPDATE_INTERVAL),
                config.get(CxOptions.WINDOW_ALLOWED_LATENESS));
    }

    public EarlyFiringTrigger trigger() {
        return EarlyFiringTrigger.every(updateInterval);
    }
}
