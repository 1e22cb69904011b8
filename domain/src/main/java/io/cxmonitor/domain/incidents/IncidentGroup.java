package io.cxmonitor.domain.incidents;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.events.KeyHash;

/**
 * What the bad experiences of one incident share (SPEC 6): their kind, touchpoint, page type or
 * screen, platform and app version; a part the experience does not know is empty.
 */
public record IncidentGroup(String kind, String touchpoint, String place, String platform, String appVersion) {

    /** The kind of an anomaly's incident (SPEC 7), beside the kinds of bad experience. */
    public static final String ANOMALY = "anomaly";

    /** Whether it is an anomaly's: a series that left its usual level, not customers' bad experiences. */
    public boolean isAnomaly() {
        return ANOMALY.equals(kind);
    }

    public static IncidentGroup of(BadExperience b) {
        return new IncidentGroup(b.kind.id(), orEmpty(b.touchpoint), orEmpty(b.place), orEmpty(b.platform),
                orEmpty(b.appVersion));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** {@code incident:} and the group's parts: the same for every state change of the group's incidents. */
    public String dedupKey() {
        return "incident:" + kind + "/" + touchpoint + "/" + place + "/" + platform + "/" + appVersion;
    }

    /** Where, in words: "checkout failure on web, checkout page, android 5.2.0". */
    public String describe() {
        StringBuilder s = new StringBuilder(kind.replace('_', ' ')).append(" on ").append(touchpoint);
        if (!place.isEmpty()) {
            s.append(", ").append(place).append("web".equals(touchpoint) ? " page" : " screen");
        }
        if (!platform.isEmpty()) {
            s.append(", ").append(platform);
            if (!appVersion.isEmpty()) {
                s.append(' ').append(appVersion);
            }
        }
        return s.toString();
    }

    @Override
    public int hashCode() {
        return KeyHash.of(kind, touchpoint, place, platform, appVersion); // stable across JVMs: it picks the key group
    }
}
