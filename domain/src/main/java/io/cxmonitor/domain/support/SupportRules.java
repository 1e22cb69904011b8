package io.cxmonitor.domain.support;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The survey thresholds and first-response SLAs of SPEC 3.4 and 3.5. */
public final class SupportRules implements Serializable {

    public static final SupportRules DEFAULT = new SupportRules(2, 6, 3, Map.of(
            "chat", Duration.ofMinutes(5),
            "phone", Duration.ofMinutes(5),
            "social", Duration.ofHours(1),
            "email", Duration.ofHours(24)), Duration.ofHours(24));

    /** CSAT at or below is low (1-5 scale). */
    public final int lowCsat;
    /** NPS at or below is a detractor (0-10 scale). */
    public final int npsDetractor;
    /** CES at or below is high effort (1-7 scale, 7 = very easy). */
    public final int highEffort;
    private final Map<String, Duration> firstResponseSla;
    /** The SLA of channels without one of their own. */
    public final Duration defaultSla;

    public SupportRules(int lowCsat, int npsDetractor, int highEffort, Map<String, Duration> firstResponseSla,
            Duration defaultSla) {
        this.lowCsat = lowCsat;
        this.npsDetractor = npsDetractor;
        this.highEffort = highEffort;
        this.firstResponseSla = Map.copyOf(firstResponseSla);
        this.defaultSla = defaultSla;
    }

    /** How long a customer may wait for a first agent reply on a channel. */
    public Duration firstResponseSla(String channel) {
        if (channel == null) {
            return defaultSla;
        }
        return firstResponseSla.getOrDefault(channel.toLowerCase(Locale.ROOT), defaultSla);
    }
}
