package io.cxmonitor.jobs.common.influx;

import java.util.Locale;
import java.util.Set;

/**
 * Keeps tag values few and clean, whatever clients send. Values of enumerated tags outside their
 * enumeration become {@code other}; free ones ({@code screen}, {@code app_version},
 * {@code source}) are lower-cased, cut to 40 characters and written with letters, digits and
 * {@code . _ - /} only. A pure function: window keys use it too. The number of series is bounded
 * where points are written ({@link SeriesLimit}).
 */
public final class TagValues {

    private static final Set<String> PAGE_TYPES =
            Set.of("home", "search", "category", "product", "cart", "checkout", "account", "help", "other");
    private static final Set<String> PLATFORMS = Set.of("ios", "android", "desktop");
    private static final Set<String> CHANNELS = Set.of("email", "chat", "phone", "social");

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
                return clean(v);
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
}
