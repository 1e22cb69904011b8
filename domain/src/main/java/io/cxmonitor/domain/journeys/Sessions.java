package io.cxmonitor.domain.journeys;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;

import java.io.Serializable;
import java.time.Duration;

/**
 * When server-side sessions (SPEC 3.3) begin and end, in event time: a new session after
 * {@code gap} without events, and none longer than {@code maxLength}; and how long a device's link
 * to a customer holds. An immediate bad experience
 * (a crash, a checkout failure) is reported once per episode: another one within the gap is the
 * same episode, not a new reason to alert.
 */
public final class Sessions implements Serializable {

    public static final Duration DEFAULT_LINK_WINDOW = Duration.ofMinutes(10);
    public static final Duration DEFAULT_LINK_TTL = Duration.ofDays(30);
    public static final Sessions DEFAULT = new Sessions(Duration.ofMinutes(30), Duration.ofHours(24));

    public final Duration gap;
    public final Duration maxLength;
    /** How long a device's session without a customer waits, once over, for a link that makes it theirs. */
    public final Duration linkWindow;
    /** How long a device stays linked to its customer after the last event that showed the link. */
    public final Duration linkTtl;
    private final long gapMillis;
    private final long maxLengthMillis;

    public Sessions(Duration gap, Duration maxLength) {
        this(gap, maxLength, DEFAULT_LINK_WINDOW, DEFAULT_LINK_TTL);
    }

    public Sessions(Duration gap, Duration maxLength, Duration linkWindow, Duration linkTtl) {
        this.gap = gap;
        this.maxLength = maxLength;
        this.linkWindow = linkWindow;
        this.linkTtl = linkTtl;
        this.gapMillis = gap.toMillis();
        this.maxLengthMillis = maxLength.toMillis();
    }

    /**
     * Whether an event at {@code ts} begins a new session rather than continue {@code s}: one a
     * whole gap (30 min) after its last event, as Flink's session windows and {@link #closesAt}
     * have it (a session covers its events plus less than a gap), or at its maximum length.
     */
    public boolean startsNew(SessionState s, long ts) {
        return ts - s.end >= gapMillis || ts - s.start >= maxLengthMillis;
    }

    /** When {@code s} ends unless another event comes first. */
    public long closesAt(SessionState s) {
        return Math.min(s.end + gapMillis, s.start + maxLengthMillis);
    }

    /**
     * Whether a session of one device that starts at {@code start} is part of the same customer's
     * journey as one of another device that ends at {@code end}: no gap between them (SPEC 3.3).
     */
    public boolean joins(long end, long start) {
        return start - end < gapMillis; // a whole gap apart: two sessions, as on one device
    }

    /** Whether an immediate bad experience at {@code ts} begins a new episode, given the last one reported (or null). */
    public boolean reportsImmediate(Long lastReportedAt, long ts) {
        return lastReportedAt == null || Math.abs(ts - lastReportedAt) > gapMillis;
    }

    /**
     * Whether a crash or checkout failure is news: the first of a new episode, or the first of its
     * kind in this one (a crash after a failed payment); a burst of failed payments is one.
     *
     * @param reportedKinds the episode's kinds so far, a bit per {@link BadExperienceKind} ordinal;
     *     0 when not known (state of an earlier version), which only a new episode makes news
     */
    public boolean isNews(Long lastReportedAt, int reportedKinds, BadExperience b) {
        return reportsImmediate(lastReportedAt, b.ts) || reportedKinds != 0 && (reportedKinds & bit(b)) == 0;
    }

    /** The episode's kinds once {@code b} is reported: {@link #isNews}'s {@code reportedKinds} next time. */
    public int kindsAfter(Long lastReportedAt, int reportedKinds, BadExperience b) {
        return reportsImmediate(lastReportedAt, b.ts) ? bit(b) : reportedKinds | bit(b);
    }

    private static int bit(BadExperience b) {
        return 1 << b.kind.ordinal();
    }

    /** Whether the episode of the last immediate report ends with the session {@code closed}. */
    public boolean episodeEndsWith(long lastReportedAt, SessionState closed) {
        return lastReportedAt <= closed.end;
    }
}
