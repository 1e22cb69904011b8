package io.cxmonitor.domain.experiences;

import io.cxmonitor.domain.support.SupportRules;
import io.cxmonitor.domain.topics.TopicAnalyzer;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import java.io.Serializable;

/**
 * The single-event bad experiences of SPEC 3.5, each rule once: of a customer's text, a negative
 * review (rating 2 or less, or sentiment -0.5 or less) and a negative support message (sentiment
 * -0.5 or less); of a support event, a low CSAT (2 or less), an NPS detractor (6 or less), high
 * effort (CES 3 or less), a reopened ticket. Severity grows with how bad the answer is.
 */
public final class ExperienceRules implements Serializable {

    public static final ExperienceRules DEFAULT = new ExperienceRules(2, -0.5, SupportRules.DEFAULT);

    /** A review rated at or below this is negative. */
    public final int negativeRating;
    /** A text scoring at or below this is negative. */
    public final double negativeSentiment;
    private final SupportRules support;

    public ExperienceRules(int negativeRating, double negativeSentiment, SupportRules support) {
        this.negativeRating = negativeRating;
        this.negativeSentiment = negativeSentiment;
        this.support = support;
    }

    /**
     * The bad experience a customer's text is: a negative review (by its rating or its sentiment)
     * or a negative support message; {@code null} for anything else.
     *
     * @param sentiment the score of the event's text, 0 when it has none
     */
    public BadExperience ofText(CxEvent e, double sentiment) {
        if (e.customerId == null) {
            return null;
        }
        switch (e.type) {
            case REVIEW -> {
                boolean lowRating = e.rating != null && e.rating <= negativeRating;
                if (lowRating || sentiment <= negativeSentiment) {
                    double byRating = lowRating ? 1.0 - 0.2 * (e.rating - 1) : 0;
                    return experience(e, BadExperienceKind.NEGATIVE_REVIEW, Math.max(byRating, -sentiment), "reviews");
                }
            }
            case TICKET_OPENED, MESSAGE -> {
                boolean customerText = e.type == EventType.TICKET_OPENED || "customer".equals(e.author);
                if (customerText && sentiment <= negativeSentiment) {
                    return experience(e, BadExperienceKind.NEGATIVE_SUPPORT_MESSAGE, -sentiment, "support");
                }
            }
            default -> { }
        }
        return null;
    }

    /**
     * {@link #ofText(CxEvent, double)} by the text's analysis ({@code null} when it has no text),
     * naming the topics it complains about.
     */
    public BadExperience ofText(CxEvent e, TopicAnalyzer.Analysis analysis) {
        BadExperience bad = ofText(e, analysis == null ? 0 : analysis.score());
        if (bad != null && analysis != null) {
            bad.topics = TopicAnalyzer.complaints(analysis.topics());
        }
        return bad;
    }

    /**
     * The bad experience a survey answer or a reopened ticket is: low CSAT, NPS detractor, high
     * effort, ticket reopened; {@code null} for anything else.
     */
    public BadExperience ofSupportEvent(CxEvent e) {
        if (e.customerId == null) {
            return null;
        }
        switch (e.type) {
            case CSAT -> {
                if (e.score != null && e.score <= support.lowCsat) {
                    return experience(e, BadExperienceKind.LOW_CSAT, 0.9 - 0.2 * (e.score - 1), "support");
                }
            }
            case NPS -> {
                if (e.score != null && e.score <= support.npsDetractor) {
                    return experience(e, BadExperienceKind.NPS_DETRACTOR, 0.8 - 0.06 * e.score, "support");
                }
            }
            case CES -> {
                if (e.score != null && e.score <= support.highEffort) {
                    return experience(e, BadExperienceKind.HIGH_EFFORT, 0.7 - 0.1 * (e.score - 1), "support");
                }
            }
            case TICKET_REOPENED -> {
                return experience(e, BadExperienceKind.TICKET_REOPENED,
                        BadExperienceKind.TICKET_REOPENED.defaultSeverity(), "support");
            }
            default -> { }
        }
        return null;
    }

    /** Whether the event carries a customer's text that SPEC 3.1 scores. */
    public static boolean hasCustomerText(CxEvent e) {
        return e.type == EventType.REVIEW || e.type == EventType.TICKET_OPENED
                || e.type == EventType.MESSAGE && "customer".equals(e.author);
    }

    /** The customer's own text to score, or {@code null}: none, or only blanks. */
    public static String customerText(CxEvent e) {
        if (!hasCustomerText(e)) {
            return null;
        }
        String text = textOf(e);
        return text.isBlank() ? null : text;
    }

    /** The text to score: the text itself, else a review's title or a ticket's subject. */
    public static String textOf(CxEvent e) {
        if (e.text != null && !e.text.isBlank()) {
            return e.text;
        }
        String head = e.type == EventType.REVIEW ? e.title : e.type == EventType.TICKET_OPENED ? e.subject : null;
        return head == null ? "" : head;
    }

    private static BadExperience experience(CxEvent e, BadExperienceKind kind, double severity, String touchpoint) {
        return new BadExperience(e.customerId, kind, Math.max(0.05, Math.min(1, severity)), touchpoint, e.ts, e.eventId);
    }
}
