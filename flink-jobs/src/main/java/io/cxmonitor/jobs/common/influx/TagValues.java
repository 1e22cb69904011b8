package io.cxmonitor.jobs.common.influx;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps tag values few and clean, whatever clients send. Values of enumerated tags outside their
 * enumeration become {@code other}; free ones ({@code screen}, {@code app_version},
 * {@code source}) are cleaned and capped: once a tag has {@value #MAX_VALUES} distinct values in
 * this JVM, new ones are written as {@code other}, so one misbehaving client cannot flood
 * InfluxDB with series.
 */
public final class TagValues {

    public static final int MAX_VALUES = 500;

    private static final Set<String> PAGE_TYPES =
            Set.of("home", "search", "category", "product", "cart", "checkout", "account", "help", "other");
    private static final Set<String> PLATFORMS = Set.of("ios", "android", "desktop");
    private static final Set<String> CHANNELS = Set.of("email", "chat", "phone", "social");

    private static final Map<Tag, Set<String>> SEEN = new EnumMap<>(Tag.class);

    static {
        for (Tag tag : Tag.values()) {
            SEEN.put(tag, ConcurrentHashMap.newKeySet());
        }
    }

    private TagValues() {}

    /** The value to write for a tag. */
    public static String normalize(Tag tag, String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (tag) {
            case PAGE_TYPE:
                return PAGE_TYPES.contains(v) ? v : "other";
            case PLATFORM:
                return PLATFORMS.contains(v) ? v : "other";
            case CHANNEL:
                return CHANNELS.contains(v) ? v : "other";
            case METRIC:
                return v.toUpperCase(Locale.ROOT); // web vitals are written LCP, INP, CLS
            case SCREEN:
            case APP_VERSION:
            case SOURCE:
                return capped(tag, clean(v));
            default:
                return v;
        }
    }

    private static String clean(String v) {
        StringBuilder out = new StringBuilder(Math.min(v.length(), 40));
        for (int i = 0; i < v.length() && out.length() < 40; i++) {
            char c = v.charAt(i);
            out.append(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '/' ? c : '_');
        }
        return out.toString();
    }

    private static String capped(Tag tag, String v) {
        Set<String> seen = SEEN.get(tag);
        if (seen.contains(v)) {
            return v;
        }
        if (seen.size() >= MAX_VALUES) {
            return "other";
        }
        seen.add(v);
        return v;
    }
}
