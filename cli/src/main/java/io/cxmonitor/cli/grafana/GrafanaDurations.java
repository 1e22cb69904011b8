package io.cxmonitor.cli.grafana;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Grafana's and InfluxQL's short durations: {@code 10s}, {@code 1m}, {@code 6h}, {@code 7d}. */
final class GrafanaDurations {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private GrafanaDurations() {}

    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim().replace(">", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 10s, 1m or 6h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** The shortest InfluxQL literal for a duration. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
