package io.cxmonitor.domain.risk;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/** One state change of a switching-risk alert, as published on {@code cx.alerts} (SPEC 5). A Flink POJO. */
public class Alert {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public String alertId;
    /** {@code switching-risk:<customer_id>}: the same for a customer's firing and its escalations. */
    public String dedupKey;
    /** firing or escalated. */
    public String status;
    public String customerId;
    public double riskScore;
    /** warning, high or critical. */
    public String severity;
    public String firstKind;
    public String firstTouchpoint;
    public long firstTs;
    public String[] firstEventIds;
    /** What the first bad experience was about, when it was a text (SPEC 7); empty otherwise. */
    public String[] firstTopics = new String[0];
    /** The bad experience that caused this change (the first one for a firing). */
    public String triggerKind;
    public long triggerTs;
    public String[] triggerEventIds;
    public int badExperiencesInWindow;
    public long purchases;
    public double purchaseTotal;
    public long tenureDays;
    /** Wall clock of detection, epoch milliseconds: for latency, not for identity. */
    public long detectedAt;
    public String summary;
    /** P1, P2 or P3: how soon to call the customer back. */
    public String priority;
    /** The open incident that covers this experience, or null. */
    public String incidentId;
    /** The customer's last events, oldest first. */
    public TimelineEntry[] timeline = new TimelineEntry[0];

    public Alert() {}

    /**
     * The alert in one human sentence that names the customer as {@code who}: "Customer c-000412"
     * on {@code cx.alerts}, a pseudonym where the sentence leaves the alert's audience (InfluxDB).
     */
    public String summaryNaming(String who) {
        String what = status.equals("firing")
                ? "had a first bad experience (" + firstKind.replace('_', ' ') + about() + ", " + firstTouchpoint + ")"
                : "had another bad experience (" + triggerKind.replace('_', ' ') + "), " + badExperiencesInWindow
                        + " in the window";
        return String.format(Locale.ROOT, "%s (%d purchases, %.2f spent, %d days) %s at %s: switching risk %.2f, %s.",
                who, purchases, purchaseTotal, tenureDays, what, TIME.format(Instant.ofEpochMilli(triggerTs)),
                riskScore, severity);
    }

    /** " about delivery and payment billing", or nothing when the experience named no topic. */
    private String about() {
        if (firstTopics == null || firstTopics.length == 0) {
            return "";
        }
        return " about " + String.join(" and ", Arrays.stream(firstTopics).map(t -> t.replace('_', ' ')).toList());
    }

    @Override
    public String toString() {
        return status + " " + alertId + " " + dedupKey + " risk " + riskScore + " (" + severity + ")";
    }
}
