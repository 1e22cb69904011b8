package io.cxmonitor.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Parses and formats the {@code ts} field: ISO-8601 with a UTC offset, or epoch milliseconds. */
public final class Timestamps {

    private Timestamps() {}

    /**
     * Epoch milliseconds of an ISO-8601 timestamp with offset ({@code 2026-11-23T10:15:30.123Z},
     * {@code 2026-11-23T11:15:30+01:00}) or of a string of digits (epoch milliseconds).
     *
     * @throws DateTimeException when the text is neither
     */
    public static long parse(String text) {
        if (isDigits(text)) {
            return Long.parseLong(text);
        }
        long fast = parseUtcFast(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }

    /** The form the writers use: {@code 2026-11-23T10:15:30.123Z}, always with milliseconds. */
    public static String format(long epochMillis) {
        long epochDay = Math.floorDiv(epochMillis, 86_400_000L);
        int millisOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return Instant.ofEpochMilli(epochMillis).toString();
        }
        char[] c = new char[24];
        put(c, 0, year, 4);
        c[4] = '-';
        put(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, millisOfDay / 3_600_000, 2);
        c[13] = ':';
        put(c, 14, millisOfDay / 60_000 % 60, 2);
        c[16] = ':';
        put(c, 17, millisOfDay / 1000 % 60, 2);
        c[19] = '.';
        put(c, 20, millisOfDay % 1000, 3);
        c[23] = 'Z';
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The common UTC form {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} without the cost of the general
     * parser, which dominates parsing time otherwise. Returns {@code Long.MIN_VALUE} for any
     * other form, which the general parser then handles.
     */
    private static long parseUtcFast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int millis = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21 || n > 30) {
                return Long.MIN_VALUE;
            }
            int fraction = digits(s, 20, Math.min(n - 1, 23));
            if (fraction < 0 || (n - 1 > 23 && digits(s, 23, n - 1) < 0)) {
                return Long.MIN_VALUE;
            }
            for (int i = Math.min(n - 1, 23) - 20; i < 3; i++) {
                fraction *= 10;
            }
            millis = fraction;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
