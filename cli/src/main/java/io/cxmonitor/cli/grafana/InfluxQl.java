package io.cxmonitor.cli.grafana;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Grafana does to an InfluxQL query before it sends it, and what a query reads. */
public final class InfluxQl {

    /** What Grafana sends for a variable set to All when its "custom all value" is {@code .*}. */
    static final String ALL = ".*";

    private static final Pattern FROM = Pattern.compile("\\bFROM\\s+(?:\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_]*))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIAS = Pattern.compile("\\bAS\\s+\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private InfluxQl() {}

    /**
     * The query as Grafana sends it: {@code $timeFilter} over {@code range} up to now,
     * {@code $__interval} and {@code $__interval_ms}, and each variable set to All.
     */
    public static String render(String query, Duration range, Duration interval, Collection<String> variables) {
        return render(query, range, Duration.ZERO, interval, variables);
    }

    /** The same, with a range that ends {@code until} before now. */
    public static String render(String query, Duration range, Duration until, Duration interval,
            Collection<String> variables) {
        String timeFilter = "time > now() - " + GrafanaDurations.format(range)
                + (until.isZero() ? "" : " AND time <= now() - " + GrafanaDurations.format(until));
        String q = query.replace("$timeFilter", timeFilter)
                .replace("$__interval_ms", Long.toString(interval.toMillis()))
                .replace("$__interval", GrafanaDurations.format(interval))
                .replace("$interval", GrafanaDurations.format(interval));
        for (String v : variables) {
            q = q.replace("${" + v + "}", ALL).replace("[[" + v + "]]", ALL)
                    .replaceAll("\\$" + Pattern.quote(v) + "\\b", Matcher.quoteReplacement(ALL));
        }
        return q;
    }

    /** The measurements a query reads from, and the other names it quotes: fields and tag keys. */
    public static Reads reads(String query) {
        Set<String> measurements = new LinkedHashSet<>();
        Matcher from = FROM.matcher(query);
        while (from.find()) {
            measurements.add(from.group(1) != null ? from.group(1) : from.group(2));
        }
        Set<String> aliases = new LinkedHashSet<>();
        Matcher alias = ALIAS.matcher(query);
        while (alias.find()) {
            aliases.add(alias.group(1));
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher quoted = QUOTED.matcher(query);
        while (quoted.find()) {
            String name = quoted.group(1);
            if (!measurements.contains(name) && !aliases.contains(name) && !name.equals("time")) {
                names.add(name);
            }
        }
        return new Reads(measurements, names);
    }

    /**
     * @param measurements what the query reads from
     * @param names the fields and tag keys it names
     */
    public record Reads(Set<String> measurements, Set<String> names) {}
}
