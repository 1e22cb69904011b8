package io.cxmonitor.events;

/**
 * The hash of a key made of strings, exactly {@link java.util.Objects#hash(Object...)}'s value
 * (stable across JVMs, since it picks the key group of keyed state in a savepoint) without the
 * array that a varargs call allocates: Flink hashes a window's key on every state access, every
 * timer and every record it routes.
 */
public final class KeyHash {

    private KeyHash() {}

    public static int of(String a, String b) {
        return 31 * (31 + hash(a)) + hash(b);
    }

    public static int of(String a, String b, String c) {
        return 31 * of(a, b) + hash(c);
    }

    public static int of(String a, String b, String c, String d, String e) {
        return 31 * (31 * of(a, b, c) + hash(d)) + hash(e);
    }

    private static int hash(String s) {
        return s == null ? 0 : s.hashCode();
    }
}
