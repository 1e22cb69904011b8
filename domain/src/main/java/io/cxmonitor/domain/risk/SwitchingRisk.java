package io.cxmonitor.domain.risk;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.events.IdHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The alerting rules of SPEC 3.6 for one customer: the first bad experience within the lookback
 * window is scored and fires when the score reaches the threshold; a further one within the window
 * that makes it more severe (warning, high, critical) escalates the alert (same dedup key); at most
 * one page per cooldown, escalations
 * apart; no bad experience, no alert. Alert ids derive from the customer and the experiences, so
 * a replay after a restart repeats the same ids.
 */
public final class SwitchingRisk {

    private static final int MAX_REMEMBERED = 32;
    private static final int MAX_PURCHASES = 64;

    private SwitchingRisk() {}

    /** The customer bought something, or did anything: value, tenure and recency. */
    public static void activity(AlertState s, long ts, Double purchaseValue) {
        if (purchaseValue != null) {
            s.value.purchase(ts, purchaseValue);
        } else {
            s.value.activity(ts);
        }
    }

    /**
     * Whether the purchase with id hash {@code hash} was already counted within {@code windowMillis}
     * of {@code now} (processing time, like de-duplication); if not, it is remembered as seen now,
     * and purchases seen longer ago are forgotten. At most {@value #MAX_PURCHASES} are kept, the
     * latest.
     */
    public static boolean repeatsPurchase(AlertState s, long hash, long now, long windowMillis) {
        long[] seen = s.purchasesSeen;
        for (int i = 0; i < seen.length; i += 2) {
            if (seen[i] == hash && now - seen[i + 1] < windowMillis) {
                return true;
            }
        }
        long[] kept = new long[seen.length + 2];
        int n = 0;
        for (int i = 0; i < seen.length; i += 2) {
            if (now - seen[i + 1] < windowMillis) {
                kept[n++] = seen[i];
                kept[n++] = seen[i + 1];
            }
        }
        kept[n++] = hash;
        kept[n++] = now;
        int from = Math.max(0, n - 2 * MAX_PURCHASES);
        s.purchasesSeen = Arrays.copyOfRange(kept, from, n);
        return false;
    }

    /** An event of the customer, for the timeline of their next alert. */
    public static void remember(AlertState s, TimelineEntry event) {
        s.timeline = Timeline.add(s.timeline, event);
    }

    /**
     * Whether this bad experience was already taken into account: the same experience delivered
     * again (producers and our own topic are at least once, replays repeat) changes nothing.
     */
    public static boolean isRepeat(AlertState s, BadExperience b) {
        long hash = IdHash.of(idOf(b));
        for (long h : s.experienceHashes) {
            if (h == hash) {
                return true;
            }
        }
        return false;
    }

    /**
     * A bad experience of the customer; a repeat of one already seen is ignored.
     *
     * @param now the wall clock, for {@code detected_at} only
     * @return the alert to publish, or {@code null}
     */
    public static Alert experience(AlertState s, BadExperience b, RiskSettings settings, long now) {
        if (isRepeat(s, b)) {
            return null;
        }
        long latest = s.lastExperienceAt();
        if (latest != Long.MIN_VALUE && b.ts < latest - settings.lookback.toMillis()) {
            // told after a later one, and older than the window before it: history, not an
            // experience of the last 90 days, so it neither fires nor escalates. Judged against the
            // customer's experiences only, which come in their topic's order on every run, not
            // against their activity, which another topic brings at its own pace.
            return null;
        }
        forgetBefore(s, b.ts - settings.lookback.toMillis());
        remember(s, b.ts, IdHash.of(idOf(b)));
        if (!s.inEpisode()) {
            startsEpisode(s, b);
            s.risk = RiskModel.first(b, s.value, settings);
            s.changes = 0;
            s.paged = false;
            s.value.activity(b.ts);
            return maybePage(s, b, settings, now);
        }
        s.value.activity(b.ts);
        if (b.ts < s.firstTs) {
            // known later, but earlier in event time (a session is judged when it closes): it starts the episode
            startsEpisode(s, b);
        }
        double risk = RiskModel.further(s.risk, b);
        if (risk <= s.risk) {
            return null;
        }
        String severity = RiskModel.severity(s.risk);
        s.risk = risk;
        if (!s.paged) {
            return maybePage(s, b, settings, now); // the first was not worth a page; this one may be
        }
        if (RiskModel.severity(risk).equals(severity)) {
            return null; // riskier, but no more severe: nothing new for whoever works on the alert
        }
        return alert(s, b, "escalated", now);
    }

    private static void startsEpisode(AlertState s, BadExperience b) {
        s.firstKind = b.kind.id();
        s.firstTouchpoint = b.touchpoint;
        s.firstTs = b.ts;
        s.firstEventIds = b.eventIds;
        s.firstTopics = b.topics == null ? AlertState.NO_TOPICS : b.topics;
    }

    private static Alert maybePage(AlertState s, BadExperience b, RiskSettings settings, long now) {
        if (s.risk < settings.threshold) {
            return null;
        }
        if (s.lastPageAt != Long.MIN_VALUE && b.ts - s.lastPageAt < settings.cooldown.toMillis()) {
            s.paged = true; // paged within the cooldown: what follows escalates that page
            return null;
        }
        s.paged = true;
        s.lastPageAt = b.ts;
        return alert(s, b, "firing", now);
    }

    /** Event time passed the lookback after the last bad experience: the episode is over. */
    public static boolean expired(AlertState s, long now, RiskSettings settings) {
        long last = Math.max(s.lastExperienceAt(), s.value.lastActive);
        return last != Long.MIN_VALUE && now >= last + settings.lookback.toMillis();
    }

    private static void remember(AlertState s, long ts, long hash) {
        s.experienceTimes = append(s.experienceTimes, ts);
        s.experienceHashes = append(s.experienceHashes, hash);
    }

    private static long[] append(long[] values, long value) {
        long[] longer = Arrays.copyOf(values, Math.min(values.length + 1, MAX_REMEMBERED));
        if (longer.length == values.length) {
            System.arraycopy(values, 1, longer, 0, longer.length - 1);
        }
        longer[longer.length - 1] = value;
        return longer;
    }

    private static void forgetBefore(AlertState s, long cutoff) {
        int kept = 0;
        for (int i = 0; i < s.experienceTimes.length; i++) {
            if (s.experienceTimes[i] >= cutoff) {
                s.experienceTimes[kept] = s.experienceTimes[i];
                s.experienceHashes[kept] = s.experienceHashes[i];
                kept++;
            }
        }
        s.experienceTimes = Arrays.copyOf(s.experienceTimes, kept);
        s.experienceHashes = Arrays.copyOf(s.experienceHashes, kept);
        if (kept == 0) {
            s.firstKind = null; // the last episode is over: the next bad experience is a first again
            s.firstTouchpoint = null;
            s.firstEventIds = null;
            s.firstTopics = AlertState.NO_TOPICS;
            s.risk = 0;
        }
    }

    private static Alert alert(AlertState s, BadExperience trigger, String status, long now) {
        Alert a = new Alert();
        a.customerId = trigger.customerId;
        a.dedupKey = "switching-risk:" + trigger.customerId;
        a.status = status;
        a.riskScore = Math.round(s.risk * 1000) / 1000.0;
        a.severity = RiskModel.severity(s.risk);
        a.firstKind = s.firstKind;
        a.firstTouchpoint = s.firstTouchpoint;
        a.firstTs = s.firstTs;
        a.firstEventIds = s.firstEventIds;
        a.firstTopics = s.firstTopics;
        a.triggerKind = trigger.kind.id();
        a.triggerTs = trigger.ts;
        a.triggerEventIds = trigger.eventIds;
        a.badExperiencesInWindow = s.experienceTimes.length;
        a.purchases = s.value.purchases;
        a.purchaseTotal = Math.round(s.value.total * 100) / 100.0;
        a.tenureDays = s.value.tenureDays(trigger.ts);
        a.detectedAt = now;
        a.priority = Priority.of(s.risk, s.value).name();
        a.timeline = s.timeline.clone();
        a.alertId = "al-" + digest(trigger.customerId + "|" + String.join(",", s.firstEventIds) + "|" + s.firstTs
                + "|" + s.changes + "|" + String.join(",", trigger.eventIds));
        s.changes++;
        a.summary = a.summaryNaming("Customer " + a.customerId);
        return a;
    }

    private static String idOf(BadExperience b) {
        return b.experienceId != null ? b.experienceId : BadExperience.idOf(b.customerId, b.kind, b.ts, b.eventIds);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
