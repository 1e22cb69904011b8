package io.cxmonitor.domain.risk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's {@link AlertState} as the bytes the alerting job keeps for them: one array per
 * customer, where the objects took about 660 bytes (the state, its value, three arrays, four
 * timeline entries with their boxes, the first event's ids). The heap state backend keeps what it
 * is given; kept as objects, every field, array and box of every customer costs its header and
 * its padding.
 *
 * <p>The format is versioned by its first byte. Times are written as their distance from the
 * customer's last activity (zig-zag varints, about 5 bytes for a time within 90 days), the
 * well-known names of the contract (streams, event types, bad experiences, page types,
 * touchpoints, topics) as their index in {@link #NAMES}, and any other string as UTF-8 after its
 * length. Every value is written exactly: the sentinels {@code Long.MIN_VALUE} and
 * {@code Long.MAX_VALUE} too, and {@code null} apart from empty.
 */
public final class AlertStateBytes {

    private static final int VERSION = 1;

    /**
     * Names written as their index. Append only: the bytes of every customer in a savepoint hold
     * these indexes.
     */
    static final List<String> NAMES = List.of(
            // streams and touchpoints
            "clickstream", "app", "reviews", "support", "web",
            // event types
            "page_view", "click", "dead_click", "js_error", "http_error", "web_vital", "form_error",
            "screen_view", "tap", "crash", "anr", "api_call", "app_start",
            "view_item", "add_to_cart", "begin_checkout", "add_payment_info", "purchase",
            "review", "ticket_opened", "message", "ticket_resolved", "ticket_reopened", "csat", "nps", "ces",
            // bad experiences
            "negative_review", "negative_support_message", "low_csat", "nps_detractor", "high_effort",
            "slow_first_response", "checkout_failure", "frustrated_session", "app_crash",
            "abandoned_after_friction",
            // page types
            "home", "search", "category", "product", "cart", "checkout", "account", "help", "other",
            // topics
            "delivery", "returns_refunds", "payment_billing", "price_value", "product_quality", "app_stability",
            "performance", "login_account", "stock_availability", "support_responsiveness", "staff_attitude",
            "communication");

    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.size(); i++) {
            CODES.put(NAMES.get(i), i);
        }
    }

    private static final int NULL = 0;
    private static final int LITERAL = 1;
    private static final int FIRST_NAME = 2;

    private AlertStateBytes() {}

    public static byte[] write(AlertState s) {
        Out out = new Out();
        out.varlong(VERSION);
        long base = s.value.lastActive;
        out.fixed(base);
        out.varlong(s.value.purchases);
        out.fixed(Double.doubleToRawLongBits(s.value.total));
        out.time(s.value.firstSeen, base);
        out.times(s.experienceTimes, base);
        out.longs(s.experienceHashes);
        out.fixed(Double.doubleToRawLongBits(s.risk));
        out.varlong(s.paged ? 1 : 0);
        out.time(s.lastPageAt, base);
        out.varlong(zigzag(s.changes));
        out.name(s.firstKind);
        out.name(s.firstTouchpoint);
        out.time(s.firstTs, base);
        out.names(s.firstEventIds);
        out.names(s.firstTopics);
        out.longs(s.purchasesSeen);
        if (out.count(s.timeline)) {
            for (TimelineEntry e : s.timeline) {
                out.time(e.ts, base);
                out.name(e.stream);
                out.name(e.type);
                out.fixed(e.eventHash);
                out.name(e.page);
                out.name(e.pageType);
                out.name(e.screen);
                out.optional(e.status);
                out.optional(e.rating);
                out.optional(e.score);
            }
        }
        out.time(s.expiryTimer, base);
        return out.bytes();
    }

    public static AlertState read(byte[] bytes) {
        In in = new In(bytes);
        long version = in.varlong();
        if (version != VERSION) {
            throw new IllegalStateException("Switching-risk state of format " + version + ": this version of "
                    + "CX Monitor reads format " + VERSION);
        }
        AlertState s = new AlertState();
        long base = in.fixed();
        s.value.lastActive = base;
        s.value.purchases = in.varlong();
        s.value.total = Double.longBitsToDouble(in.fixed());
        s.value.firstSeen = in.time(base);
        s.experienceTimes = in.times(base);
        s.experienceHashes = in.longs();
        s.risk = Double.longBitsToDouble(in.fixed());
        s.paged = in.varlong() != 0;
        s.lastPageAt = in.time(base);
        s.changes = (int) unzigzag(in.varlong());
        s.firstKind = in.name();
        s.firstTouchpoint = in.name();
        s.firstTs = in.time(base);
        s.firstEventIds = in.names();
        s.firstTopics = in.names();
        s.purchasesSeen = in.longs();
        int entries = in.count();
        s.timeline = entries < 0 ? null : new TimelineEntry[entries];
        for (int i = 0; i < entries; i++) {
            TimelineEntry e = new TimelineEntry();
            e.ts = in.time(base);
            e.stream = in.name();
            e.type = in.name();
            e.eventHash = in.fixed();
            e.page = in.name();
            e.pageType = in.name();
            e.screen = in.name();
            e.status = in.optional();
            e.rating = in.optional();
            e.score = in.optional();
            s.timeline[i] = e;
        }
        s.expiryTimer = in.time(base);
        if (in.position != bytes.length) {
            throw new IllegalStateException("Switching-risk state has " + (bytes.length - in.position)
                    + " bytes more than its format says");
        }
        return s;
    }

    /** Small numbers of either sign in few bytes; a bijection on longs, so nothing overflows. */
    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static final class Out {
        private byte[] buffer = new byte[256];
        private int size;

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void varlong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        void fixed(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (v >>> shift);
            }
        }

        /** Wrapping subtraction and zig-zag are both bijections: any time comes back exactly. */
        void time(long t, long base) {
            varlong(zigzag(t - base));
        }

        /** An array's length, or that it is null; whether its elements follow. */
        boolean count(Object array) {
            varlong(array == null ? 0 : java.lang.reflect.Array.getLength(array) + 1L);
            return array != null;
        }

        void times(long[] ts, long base) {
            if (count(ts)) {
                for (long t : ts) {
                    time(t, base);
                }
            }
        }

        void longs(long[] values) {
            if (count(values)) {
                for (long v : values) {
                    fixed(v);
                }
            }
        }

        void optional(Integer v) {
            varlong(v == null ? 0 : zigzag(v) + 1);
        }

        void name(String s) {
            if (s == null) {
                varlong(NULL);
                return;
            }
            Integer code = CODES.get(s);
            if (code != null) {
                varlong(FIRST_NAME + code);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varlong(LITERAL);
            varlong(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buffer, size, utf8.length);
            size += utf8.length;
        }

        void names(String[] names) {
            if (count(names)) {
                for (String n : names) {
                    name(n);
                }
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }
    }

    private static final class In {
        private final byte[] bytes;
        private int position;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[position++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }

        long fixed() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (bytes[position++] & 0xFF);
            }
            return v;
        }

        long time(long base) {
            return base + unzigzag(varlong());
        }

        /** An array's length, or -1 for null. */
        int count() {
            return (int) varlong() - 1;
        }

        long[] times(long base) {
            int n = count();
            if (n < 0) {
                return null;
            }
            long[] ts = new long[n];
            for (int i = 0; i < n; i++) {
                ts[i] = time(base);
            }
            return ts;
        }

        long[] longs() {
            int n = count();
            if (n < 0) {
                return null;
            }
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = fixed();
            }
            return values;
        }

        Integer optional() {
            long v = varlong();
            return v == 0 ? null : (int) unzigzag(v - 1);
        }

        String name() {
            int code = (int) varlong();
            if (code == NULL) {
                return null;
            }
            if (code >= FIRST_NAME) {
                return NAMES.get(code - FIRST_NAME);
            }
            int length = (int) varlong();
            String s = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }

        String[] names() {
            int n = count();
            if (n < 0) {
                return null;
            }
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = name();
            }
            return names;
        }
    }
}
