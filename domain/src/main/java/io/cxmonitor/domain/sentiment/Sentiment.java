package io.cxmonitor.domain.sentiment;

import java.util.Locale;

/** The polarity of a text, with VADER's thresholds on the compound score: ±0.05. */
public enum Sentiment {
    NEGATIVE, NEUTRAL, POSITIVE;

    public static final double THRESHOLD = 0.05;

    public static Sentiment of(double score) {
        if (score >= THRESHOLD) {
            return POSITIVE;
        }
        return score <= -THRESHOLD ? NEGATIVE : NEUTRAL;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
