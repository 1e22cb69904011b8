package io.cxmonitor.domain.experiences;

import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.Stream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One bad experience of a known customer (SPEC 3.5): what happened, how bad, where, when, and the
 * ids of the events that show it. A Flink POJO; published on {@code cx.experiences}.
 */
public class BadExperience {

    /**
     * Stable across replays and restarts: derived from who, what, when and the evidence, so a
     * bad experience published twice is recognised as one.
     */
    public String experienceId;
    public String customerId;
    public BadExperienceKind kind;
    /** 0 (barely) to 1 (as bad as it gets). */
    public double severity;
    /** web, app, reviews or support. */
    public String touchpoint;
    /** Event time of the experience, epoch milliseconds. */
    public long ts;
    public String[] eventIds;
    /** Where, when known: the page type (web) or screen (app) of the event behind it. */
    public String place;
    public String platform;
    public String appVersion;
    /** The value of the cart it put at risk, 0 when none. */
    public double cartValue;
    /**
     * What a text was about (SPEC 7): the topics it spoke of negatively, or all of its topics when
     * none was negative; empty for other experiences.
     */
    public String[] topics = new String[0];

    public BadExperience() {}

    public BadExperience(String customerId, BadExperienceKind kind, double severity, String touchpoint, long ts,
            String... eventIds) {
        this.customerId = customerId;
        this.kind = kind;
        this.severity = severity;
        this.touchpoint = touchpoint;
        this.ts = ts;
        this.eventIds = eventIds;
        this.experienceId = idOf(customerId, kind, ts, eventIds);
    }

    /** Longest place, platform or app version kept: these name where, they are no evidence. */
    public static final int MAX_WHERE = 64;

    /**
     * Where it happened, as far as the event behind it says: its page type or screen, platform and
     * app version (each cut to {@value #MAX_WHERE} characters: the contract bounds none of them),
     * and its cart.
     */
    public BadExperience at(CxEvent e) {
        place = cut(e.stream == Stream.APP ? e.screen : e.pageType);
        platform = cut(e.platform);
        appVersion = cut(e.appVersion);
        // capped as a session's cart is: cx.experiences refuses a larger one, and the alert with it
        cartValue = e.cartValue == null ? 0 : Math.min(SessionAnalyzer.MAX_CART, e.cartValue);
        return this;
    }

    /** {@code s} cut to {@value #MAX_WHERE} characters, never inside a surrogate pair. */
    public static String cut(String s) {
        return cut(s, MAX_WHERE);
    }

    /** {@code s} cut to {@code max} characters, never inside a surrogate pair. */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** {@code ex-} and 20 hex digits of SHA-256 over the customer, kind, time and evidence. */
    public static String idOf(String customerId, BadExperienceKind kind, long ts, String[] eventIds) {
        StringBuilder text = new StringBuilder(customerId).append('|').append(kind.id()).append('|').append(ts);
        for (String id : eventIds) {
            text.append('|').append(id);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "ex-" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BadExperience)) {
            return false;
        }
        BadExperience b = (BadExperience) o;
        return ts == b.ts && Double.compare(severity, b.severity) == 0 && Objects.equals(experienceId, b.experienceId)
                && Objects.equals(customerId, b.customerId)
                && kind == b.kind && Objects.equals(touchpoint, b.touchpoint) && Arrays.equals(eventIds, b.eventIds)
                && Objects.equals(place, b.place) && Objects.equals(platform, b.platform)
                && Objects.equals(appVersion, b.appVersion) && Double.compare(cartValue, b.cartValue) == 0
                && Arrays.equals(topics, b.topics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, kind, ts);
    }

    @Override
    public String toString() {
        return kind.id() + " of " + customerId + " at " + ts + " (" + touchpoint + ", severity " + severity + ")";
    }
}
