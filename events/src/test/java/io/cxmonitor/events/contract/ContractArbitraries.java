package io.cxmonitor.events.contract;

import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import io.cxmonitor.events.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Records written to SPEC section 2 by someone other than our generator: every type of every
 * stream, each optional field present, {@code null}, empty or absent in any combination, numbers
 * at their bounds, ids up to the limit, unicode and markup in free text, several spellings of
 * {@code ts}, unknown extra fields. Shared through the test-jar by every module that must accept
 * them.
 */
public final class ContractArbitraries {

    public static final int MAX_ID_LENGTH = 256;
    /** How far in the future a valid event may lie here: safely inside the contract's 24 h. */
    private static final long MAX_AHEAD = Duration.ofHours(23).toMillis();
    private static final long MAX_BEHIND = Duration.ofDays(20).toMillis();

    private static final String[] PAGE_TYPES = {"home", "search", "category", "product", "cart", "checkout",
        "account", "help", "other", "landing-page", "Checkout"};
    private static final String[] METRICS = {"LCP", "INP", "CLS", "FCP", "TTFB", "lcp", "FID"};
    private static final String[] PLATFORMS = {"ios", "android", "desktop", "tvos"};
    private static final String[] AUTHORS = {"customer", "agent", "bot", "Agent", "system"};
    private static final String[] CHANNELS = {"email", "chat", "phone", "social", "whatsapp"};
    private static final String[] SOURCES = {"app_store", "google_play", "trustpilot", "web", "g2"};
    private static final String[] ODD_TEXT = {"", " ", "<!channel> @here *bold* <https://x.example|y>",
        "\"quoted\" \\ back\\slash \n new line \t tab", "😡😡 never again 👎", "مرحبا שלום 你好",
        "\u0000\u0001\u001f control", "=cmd|' /C calc'!A0", "a,b=c d\\,e", "x".repeat(3000)};

    private ContractArbitraries() {}

    /** Valid records of any stream, with event times around {@code nowMillis}. */
    public static Arbitrary<ContractRecord> validRecords(long nowMillis) {
        return Arbitraries.randoms().map(r -> validRecord(r, nowMillis));
    }

    /** Valid records of one stream. */
    public static Arbitrary<ContractRecord> validRecords(Stream stream, long nowMillis) {
        return Arbitraries.randoms().map(r -> validRecord(r, stream, typeOf(r, stream), nowMillis));
    }

    public static ContractRecord validRecord(Random r, long nowMillis) {
        Stream stream = Stream.values()[r.nextInt(Stream.values().length)];
        return validRecord(r, stream, typeOf(r, stream), nowMillis);
    }

    /** A record of {@code type} with only the fields the contract requires. */
    public static ContractRecord minimal(Stream stream, EventType type, String eventId, long ts) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("event_id", eventId);
        f.put("type", type.wireName());
        f.put("ts", Timestamps.format(ts));
        f.put(stream.isDigital() ? "session_id" : "customer_id", "subject-" + eventId);
        return new ContractRecord(stream, f);
    }

    /** The event types a stream carries. */
    public static List<EventType> typesOf(Stream stream) {
        List<EventType> types = new ArrayList<>();
        for (EventType t : EventType.values()) {
            if (t.belongsTo(stream)) {
                types.add(t);
            }
        }
        return types;
    }

    private static EventType typeOf(Random r, Stream stream) {
        List<EventType> types = typesOf(stream);
        return types.get(r.nextInt(types.size()));
    }

    /**
     * A valid record: required fields always (with odd but valid values), optional ones each present
     * with a random value, JSON {@code null}, empty (ids) or absent.
     */
    public static ContractRecord validRecord(Random r, Stream stream, EventType type, long nowMillis) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (r.nextInt(4) == 0) {
            f.put("sdk", new ContractRecord.Raw("{\"name\":\"x\",\"v\":[1,2.5,{\"a\":null}],\"ok\":true}"));
        }
        f.put("event_id", id(r));
        f.put("type", type.wireName());
        f.put("ts", timestamp(r, nowMillis));
        if (stream.isDigital()) {
            f.put("session_id", id(r));
            optionalId(r, f, "customer_id");
        } else {
            f.put("customer_id", id(r));
            optionalId(r, f, "session_id");
        }
        optionalId(r, f, "anonymous_id");
        switch (stream) {
            case CLICKSTREAM -> {
                optionalText(r, f, "page", "/checkout/payment?step=2&utm=ünï");
                optionalChoice(r, f, "page_type", PAGE_TYPES);
            }
            case APP -> {
                optionalChoice(r, f, "platform", PLATFORMS);
                optionalText(r, f, "app_version", "5.2.0-beta+" + r.nextInt(100));
                optionalText(r, f, "screen", r.nextBoolean() ? "Checkout" : "product detail");
            }
            case REVIEWS -> {
                optionalId(r, f, "review_id");
                optionalInt(r, f, "rating", 1, 5);
                optionalText(r, f, "title", "Meh");
                optionalText(r, f, "text", "Not happy at all, it never arrived and I was charged twice.");
                optionalChoice(r, f, "source", SOURCES);
                optionalId(r, f, "product_id");
            }
            case SUPPORT -> {
                optionalId(r, f, "ticket_id");
                optionalChoice(r, f, "channel", CHANNELS);
            }
        }
        switch (type) {
            case CLICK, TAP -> {
                optionalText(r, f, "element", "#buy-button > span:nth-child(2)");
                optionalNumber(r, f, "x", -5000, 100_000);
                optionalNumber(r, f, "y", -5000, 100_000);
            }
            case DEAD_CLICK -> optionalText(r, f, "element", "button.pay");
            case JS_ERROR, CRASH -> optionalText(r, f, "message", "TypeError: undefined is not a function");
            case HTTP_ERROR -> {
                optionalInt(r, f, "status", 100, 599);
                optionalText(r, f, "url", "https://shop.example/api/cart?id=1");
            }
            case WEB_VITAL -> {
                optionalChoice(r, f, "metric", METRICS);
                optionalNumber(r, f, "value", 0, 1e7);
            }
            case FORM_ERROR -> optionalText(r, f, "field", "card_number");
            case API_CALL -> {
                optionalText(r, f, "endpoint", "/v1/payments");
                optionalInt(r, f, "status", 0, 599);
                optionalNumber(r, f, "latency_ms", 0, 1e6);
            }
            case APP_START -> optionalNumber(r, f, "cold_start_ms", 0, 1e6);
            case VIEW_ITEM -> {
                optionalId(r, f, "product_id");
                optionalNumber(r, f, "price", 0, 1e9);
            }
            case ADD_TO_CART -> {
                optionalId(r, f, "product_id");
                optionalNumber(r, f, "price", 0, 1e9);
                optionalInt(r, f, "quantity", 0, 10_000);
            }
            case BEGIN_CHECKOUT -> optionalNumber(r, f, "cart_value", 0, 1e9);
            case PURCHASE -> {
                optionalId(r, f, "order_id");
                optionalNumber(r, f, "value", 0, 1e9);
            }
            case TICKET_OPENED -> {
                optionalText(r, f, "subject", "Where is my order?");
                optionalText(r, f, "text", "Still not fixed. Third time I write. Refund me.");
            }
            case MESSAGE -> {
                optionalChoice(r, f, "author", AUTHORS);
                optionalText(r, f, "text", "Thanks, that was quick!");
            }
            case CSAT -> optionalInt(r, f, "score", 1, 5);
            case NPS -> optionalInt(r, f, "score", 0, 10);
            case CES -> optionalInt(r, f, "score", 1, 7);
            default -> { }
        }
        if (r.nextInt(5) == 0) {
            f.put("x_custom_" + r.nextInt(10), r.nextBoolean() ? "ignored" : new ContractRecord.Raw("[[],{}]"));
        }
        if (r.nextInt(5) == 0) {
            // a field another stream defines is an unknown extra field here, of any type and value
            String[] foreign = FOREIGN_FIELDS.get(stream);
            f.putIfAbsent(foreign[r.nextInt(foreign.length)], FOREIGN_VALUES[r.nextInt(FOREIGN_VALUES.length)]);
        }
        return new ContractRecord(stream, f);
    }

    /** Fields each stream does not define, though another stream does (SPEC 2). */
    private static final Map<Stream, String[]> FOREIGN_FIELDS = Map.of(
            Stream.CLICKSTREAM, new String[] {"screen", "latency_ms", "rating", "score", "channel", "text"},
            Stream.APP, new String[] {"page", "page_type", "metric", "rating", "score", "author"},
            Stream.REVIEWS, new String[] {"status", "score", "value", "quantity", "x", "screen", "channel"},
            Stream.SUPPORT, new String[] {"status", "rating", "value", "price", "page", "source"});
    private static final Object[] FOREIGN_VALUES = {"closed", 4.5, -1, 600, true,
        new ContractRecord.Raw("{\"w\":1920}"), new ContractRecord.Raw("1e400")};

    private static Object timestamp(Random r, long now) {
        long ts = now - MAX_BEHIND + (long) (r.nextDouble() * (MAX_BEHIND + MAX_AHEAD));
        return switch (r.nextInt(6)) {
            case 0 -> ts; // epoch milliseconds
            case 1 -> Long.toString(ts); // epoch milliseconds as a string
            case 2 -> Instant.ofEpochSecond(ts / 1000).toString(); // no fraction
            case 3 -> Instant.ofEpochMilli(ts).atOffset(ZoneOffset.ofHoursMinutes(5, 30)).toString();
            case 4 -> Instant.ofEpochMilli(ts).plusNanos(123_456).toString(); // nanoseconds
            default -> Timestamps.format(ts);
        };
    }

    /** 1 to 256 characters, not blank, sometimes exactly at the limit, sometimes beyond the BMP. */
    public static String id(Random r) {
        int length = switch (r.nextInt(5)) {
            case 0 -> MAX_ID_LENGTH;
            case 1 -> 1;
            default -> 1 + r.nextInt(40);
        };
        StringBuilder b = new StringBuilder(length);
        int[] alphabet = "abcXYZ019-_.:@/+= üß漢😀𝄞".codePoints().toArray(); // the last two: two UTF-16 units each
        for (int n = 0; n < length; n++) {
            int c = alphabet[r.nextInt(alphabet.length)];
            b.appendCodePoint(n == 0 && c == ' ' ? 'a' : c);
        }
        return b.toString();
    }

    private static void optionalId(Random r, Map<String, Object> f, String name) {
        switch (r.nextInt(6)) {
            case 0, 1 -> { }
            case 2 -> f.put(name, null);
            case 3 -> f.put(name, "");
            default -> f.put(name, id(r));
        }
    }

    private static void optionalText(Random r, Map<String, Object> f, String name, String typical) {
        switch (r.nextInt(6)) {
            case 0, 1 -> { }
            case 2 -> f.put(name, null);
            case 3 -> f.put(name, ODD_TEXT[r.nextInt(ODD_TEXT.length)]);
            default -> f.put(name, typical);
        }
    }

    private static void optionalChoice(Random r, Map<String, Object> f, String name, String[] values) {
        switch (r.nextInt(5)) {
            case 0 -> { }
            case 1 -> f.put(name, null);
            default -> f.put(name, values[r.nextInt(values.length)]);
        }
    }

    private static void optionalInt(Random r, Map<String, Object> f, String name, int min, int max) {
        switch (r.nextInt(6)) {
            case 0 -> { }
            case 1 -> f.put(name, null);
            case 2 -> f.put(name, min);
            case 3 -> f.put(name, max);
            case 4 -> f.put(name, (double) (min + r.nextInt(max - min + 1))); // 4.0: an integral float
            default -> f.put(name, min + r.nextInt(max - min + 1));
        }
    }

    private static void optionalNumber(Random r, Map<String, Object> f, String name, double min, double max) {
        switch (r.nextInt(6)) {
            case 0 -> { }
            case 1 -> f.put(name, null);
            case 2 -> f.put(name, min);
            case 3 -> f.put(name, max);
            case 4 -> f.put(name, (int) Math.max(min, Math.min(max, r.nextInt(5000))));
            default -> f.put(name, min + r.nextDouble() * (max - min));
        }
    }
}
