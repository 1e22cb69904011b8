package io.cxmonitor.generator;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the events of one customer activity: a web or app session that walks the e-commerce
 * funnel with realistic drop-off and occasional friction, a review, or a support ticket. Times
 * are on the simulated clock; the caller orders events across activities.
 */
final class Journeys {

    private static final String[] PAGE_TYPES = {"home", "search", "category", "product"};
    private static final String[] SCREENS = {"home", "search", "category", "product"};
    private static final String[] PLATFORMS = {"ios", "android", "desktop"};
    private static final String[] APP_VERSIONS = {"5.1.0", "5.2.0", "5.2.1"};
    private static final String[] REVIEW_SOURCES = {"app_store", "google_play", "trustpilot", "web"};
    private static final String[] CHANNELS = {"chat", "email", "phone", "social"};
    private static final String[][] REVIEW_TEXTS = {
        {"Never arrived and nobody answers my emails.", "Charged twice for one order, still not fixed.",
            "The app crashed at checkout three times. Useless."},
        {"Delivery was late and the box was damaged.", "Not happy with the quality, expected better."},
        {"It's okay. Does the job.", "Average product, nothing special."},
        {"Good value and arrived on time.", "Nice quality, would buy again."},
        {"Absolutely love it! Fast delivery and great support :)", "Excellent service, highly recommend."},
    };

    private final SplittableRandom random;
    private final String runId;
    private long sequence;

    Journeys(SplittableRandom random, String runId) {
        this.random = random;
        this.runId = runId;
    }

    /** A browsing session on the web or in the app, from landing to purchase or drop-off. */
    List<CxEvent> session(String customerId, String anonymousId, long start, boolean app) {
        List<CxEvent> out = new ArrayList<>();
        Stream stream = app ? Stream.APP : Stream.CLICKSTREAM;
        String sessionId = "s-" + runId + "-" + (++sequence);
        String platform = app ? PLATFORMS[random.nextInt(2)] : null;
        String version = app ? APP_VERSIONS[random.nextInt(APP_VERSIONS.length)] : null;
        Clock t = new Clock(start);

        if (app) {
            CxEvent s = event(out, stream, EventType.APP_START, customerId, anonymousId, sessionId, t.now(), platform, version);
            s.coldStartMs = 400 + random.nextDouble() * 2000;
        }
        int pages = 2 + random.nextInt(6);
        String product = null;
        double price = 0;
        for (int i = 0; i < pages; i++) {
            String place = i == 0 ? "home" : PAGE_TYPES[random.nextInt(PAGE_TYPES.length)];
            view(out, stream, customerId, anonymousId, sessionId, t.advance(2_000, 30_000), platform, version, place);
            if (place.equals("product")) {
                product = "p-" + random.nextInt(500);
                price = Math.round(5 + random.nextDouble() * 195) + 0.99;
                CxEvent v = event(out, stream, EventType.VIEW_ITEM, customerId, anonymousId, sessionId, t.advance(200, 2_000), platform, version);
                v.productId = product;
                v.price = price;
            }
            clicks(out, stream, customerId, anonymousId, sessionId, t, platform, version, place);
        }
        if (product == null || random.nextDouble() > 0.35) {
            return out;
        }
        CxEvent cart = event(out, stream, EventType.ADD_TO_CART, customerId, anonymousId, sessionId, t.advance(1_000, 20_000), platform, version);
        cart.productId = product;
        cart.price = price;
        cart.quantity = 1 + random.nextInt(2);
        double cartValue = price * cart.quantity;
        if (random.nextDouble() > 0.55) {
            return out;
        }
        view(out, stream, customerId, anonymousId, sessionId, t.advance(2_000, 20_000), platform, version, "checkout");
        CxEvent checkout = event(out, stream, EventType.BEGIN_CHECKOUT, customerId, anonymousId, sessionId, t.advance(200, 2_000), platform, version);
        checkout.cartValue = cartValue;
        if (random.nextDouble() > 0.75) {
            return out;
        }
        event(out, stream, EventType.ADD_PAYMENT_INFO, customerId, anonymousId, sessionId, t.advance(10_000, 90_000), platform, version);
        if (random.nextDouble() > 0.85) {
            return out;
        }
        CxEvent purchase = event(out, stream, EventType.PURCHASE, customerId, anonymousId, sessionId, t.advance(2_000, 15_000), platform, version);
        purchase.orderId = "o-" + runId + "-" + sequence;
        purchase.value = cartValue;
        return out;
    }

    private void view(List<CxEvent> out, Stream stream, String customerId, String anonymousId, String sessionId,
            long ts, String platform, String version, String place) {
        if (stream == Stream.APP) {
            CxEvent e = event(out, stream, EventType.SCREEN_VIEW, customerId, anonymousId, sessionId, ts, platform, version);
            e.screen = place;
            CxEvent call = event(out, stream, EventType.API_CALL, customerId, anonymousId, sessionId, ts + 50, platform, version);
            call.endpoint = "/api/" + place;
            call.latencyMs = 80 + random.nextDouble() * (random.nextDouble() < 0.1 ? 3000 : 500);
            call.status = random.nextDouble() < 0.01 ? 503 : 200;
            if (random.nextDouble() < 0.004) {
                CxEvent crash = event(out, stream, EventType.CRASH, customerId, anonymousId, sessionId, ts + 900, platform, version);
                crash.message = "java.lang.IllegalStateException";
            }
        } else {
            CxEvent e = event(out, stream, EventType.PAGE_VIEW, customerId, anonymousId, sessionId, ts, null, null);
            e.pageType = place;
            e.page = "/" + place;
            CxEvent lcp = event(out, stream, EventType.WEB_VITAL, customerId, anonymousId, sessionId, ts + 1_500, null, null);
            lcp.metric = "LCP";
            lcp.pageType = place;
            lcp.value = 800 + random.nextDouble() * (random.nextDouble() < 0.1 ? 6000 : 2500);
            if (random.nextDouble() < 0.02) {
                CxEvent err = event(out, stream, EventType.JS_ERROR, customerId, anonymousId, sessionId, ts + 2_000, null, null);
                err.message = "TypeError: undefined is not a function";
                err.pageType = place;
            }
        }
    }

    private void clicks(List<CxEvent> out, Stream stream, String customerId, String anonymousId, String sessionId,
            Clock t, String platform, String version, String place) {
        EventType click = stream == Stream.APP ? EventType.TAP : EventType.CLICK;
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            CxEvent c = event(out, stream, click, customerId, anonymousId, sessionId, t.advance(500, 8_000), platform, version);
            c.element = "#" + place + "-button-" + random.nextInt(5);
            c.x = (double) random.nextInt(1200);
            c.y = (double) random.nextInt(800);
            tagPlace(c, place);
        }
        if (random.nextDouble() < 0.03) { // a rage-click burst
            String element = "#" + place + "-stuck";
            long at = t.advance(500, 3_000);
            for (int i = 0; i < 4; i++) {
                CxEvent c = event(out, stream, click, customerId, anonymousId, sessionId, at + i * 150L, platform, version);
                c.element = element;
                c.x = 300.0 + i;
                c.y = 200.0;
                tagPlace(c, place);
            }
        }
    }

    private static void tagPlace(CxEvent e, String place) {
        if (e.stream == Stream.APP) {
            e.screen = place;
        } else {
            e.pageType = place;
        }
    }

    /** A review by a known customer, rating 1-5 with a fitting text. */
    List<CxEvent> review(String customerId, long ts) {
        List<CxEvent> out = new ArrayList<>();
        int rating = 1 + random.nextInt(5);
        CxEvent r = event(out, Stream.REVIEWS, EventType.REVIEW, customerId, null, null, ts, null, null);
        r.reviewId = "rv-" + runId + "-" + sequence;
        r.rating = rating;
        String[] texts = REVIEW_TEXTS[rating - 1];
        r.text = texts[random.nextInt(texts.length)];
        r.title = rating >= 4 ? "Great" : rating == 3 ? "Okay" : "Disappointed";
        r.source = REVIEW_SOURCES[random.nextInt(REVIEW_SOURCES.length)];
        r.productId = "p-" + random.nextInt(500);
        return out;
    }

    /** A support ticket: opened, a bot reply, an agent reply, resolution and survey answers. */
    List<CxEvent> ticket(String customerId, long start) {
        List<CxEvent> out = new ArrayList<>();
        String ticketId = "T-" + runId + "-" + (++sequence);
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        Clock t = new Clock(start);
        CxEvent open = support(out, EventType.TICKET_OPENED, customerId, ticketId, channel, t.now());
        open.subject = "Where is my order?";
        open.text = random.nextBoolean() ? "My order never arrived and I was charged twice." : "Can I change my delivery address?";
        support(out, EventType.MESSAGE, customerId, ticketId, channel, t.advance(1_000, 5_000)).author = "bot";
        CxEvent agent = support(out, EventType.MESSAGE, customerId, ticketId, channel, t.advance(30_000, 600_000));
        agent.author = "agent";
        agent.text = "Sorry about that, I am looking into it now.";
        CxEvent reply = support(out, EventType.MESSAGE, customerId, ticketId, channel, t.advance(20_000, 120_000));
        reply.author = "customer";
        reply.text = random.nextBoolean() ? "Thanks, that was quick!" : "This is still not fixed, very frustrating.";
        support(out, EventType.TICKET_RESOLVED, customerId, ticketId, channel, t.advance(60_000, 600_000));
        support(out, EventType.CSAT, customerId, ticketId, channel, t.advance(10_000, 60_000)).score = 1 + random.nextInt(5);
        if (random.nextBoolean()) {
            support(out, EventType.NPS, customerId, ticketId, channel, t.advance(1_000, 5_000)).score = random.nextInt(11);
            support(out, EventType.CES, customerId, ticketId, channel, t.advance(1_000, 5_000)).score = 1 + random.nextInt(7);
        }
        return out;
    }

    private CxEvent support(List<CxEvent> out, EventType type, String customerId, String ticketId, String channel, long ts) {
        CxEvent e = event(out, Stream.SUPPORT, type, customerId, null, null, ts, null, null);
        e.ticketId = ticketId;
        e.channel = channel;
        return e;
    }

    private CxEvent event(List<CxEvent> out, Stream stream, EventType type, String customerId, String anonymousId,
            String sessionId, long ts, String platform, String version) {
        CxEvent e = new CxEvent(stream, type, "e-" + runId + "-" + (++sequence), ts);
        e.customerId = customerId;
        e.anonymousId = anonymousId;
        e.sessionId = sessionId;
        e.platform = platform;
        e.appVersion = version;
        out.add(e);
        return e;
    }

    /** Moves forward through a journey by random think times. */
    private final class Clock {
        private long now;

        Clock(long start) {
            now = start;
        }

        long now() {
            return now;
        }

        long advance(long minMillis, long maxMillis) {
            now += minMillis + random.nextLong(maxMillis - minMillis);
            return now;
        }
    }
}
