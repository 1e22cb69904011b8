package io.cxmonitor.generator;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.journeys.SessionState;
import io.cxmonitor.domain.support.SupportRules;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the events of one customer activity: a web or app session that walks the e-commerce
 * funnel, a review, or a support ticket, shaped by the customer's persona, by the trouble the
 * simulation decided they meet, and by active incidents.
 *
 * <p>Ground truth comes from the same rules the jobs apply: each session is run through the
 * domain's {@link SessionAnalyzer}, so its bad experiences (a crash, a checkout failure, a
 * frustrating or abandoned-after-friction session) are exactly those the pipeline must find.
 */
final class Journeys {

    /** What goes wrong in a session. */
    enum SessionTrouble {
        NONE, FRICTION, CHECKOUT_FAILURE, CRASH, ABANDON_AFTER_FRICTION
    }

    /** What goes wrong in a ticket. */
    enum TicketTrouble {
        NONE, ANGRY, SLOW_RESPONSE, LOW_CSAT, DETRACTOR, HIGH_EFFORT, REOPENED
    }

    private static final String[] BROWSE = {"search", "category", "product", "product", "product"};
    private static final String[] CHANNELS = {"chat", "chat", "email", "email", "phone", "social"};
    private static final String[] SOURCES = {"trustpilot", "web", "app_store", "google_play"};

    private final SplittableRandom random;
    private final String runId;
    private final Incidents incidents;
    private final Texts texts;
    private final SessionAnalyzer analyzer = new SessionAnalyzer(FrictionRules.DEFAULT, Funnel.GA4);
    private final SupportRules support = SupportRules.DEFAULT;
    private long sequence;

    Journeys(SplittableRandom random, String runId, Incidents incidents) {
        this.random = random;
        this.runId = runId;
        this.incidents = incidents;
        this.texts = new Texts(random.split());
    }

    // ---------------------------------------------------------------- sessions

    /** A session of a known customer ({@code anonymousId} null) or of an anonymous visitor. */
    List<Generated> session(Customer c, String anonymousId, boolean app, String platform, String version, long start,
            SessionTrouble trouble) {
        Session s = new Session(c, anonymousId, app, platform, version, start);
        Persona persona = c == null ? Persona.CASUAL : c.persona;
        boolean friction = trouble == SessionTrouble.FRICTION;
        boolean crashes = trouble == SessionTrouble.CRASH || app && Incident.CRASHING_VERSION.equals(version)
                && incidents.active(Incident.CRASH_SPIKE, start) && random.nextDouble() < 0.4;

        if (app) {
            CxEvent cold = s.add(EventType.APP_START, s.t);
            cold.coldStartMs = friction ? 4_000 + random.nextDouble() * 5_000 : 300 + random.nextDouble() * 1_500;
        }
        int pages = 2 + random.nextInt(6);
        String product = null;
        double price = 0;
        for (int i = 0; i < pages; i++) {
            if (i > 0 && random.nextDouble() < 0.08) {
                s.t += 5 * 60_000 + random.nextLong(20 * 60_000); // a pause, still the same session
            }
            String place = i == 0 ? "home" : BROWSE[random.nextInt(BROWSE.length)];
            s.view(place, friction);
            if (place.equals("product")) {
                product = "p-" + random.nextInt(2_000);
                price = Math.round(5 + random.nextDouble() * 195) + 0.99;
                CxEvent item = s.add(EventType.VIEW_ITEM, s.after(300, 3_000));
                item.productId = product;
                item.price = price;
                s.place(item, place);
            }
            s.clicks(place, friction);
            if (crashes && i == pages / 2) {
                CxEvent crash = s.add(EventType.CRASH, s.after(500, 5_000));
                crash.message = "java.lang.IllegalStateException: view not attached";
                s.place(crash, place);
                return s.finish();
            }
            if (trouble == SessionTrouble.ABANDON_AFTER_FRICTION && i == 0) {
                s.jsError(place, false);
            }
        }
        boolean forced = trouble == SessionTrouble.CHECKOUT_FAILURE || trouble == SessionTrouble.ABANDON_AFTER_FRICTION;
        if (product == null && forced) {
            product = "p-" + random.nextInt(2_000);
            price = 49.99;
            s.view("product", false);
            CxEvent item = s.add(EventType.VIEW_ITEM, s.after(300, 3_000));
            item.productId = product;
            item.price = price;
            s.place(item, "product");
        }
        if (product == null || !(forced || random.nextDouble() < persona.addToCart)) {
            return s.finish();
        }
        CxEvent cart = s.add(EventType.ADD_TO_CART, s.after(1_000, 20_000));
        cart.productId = product;
        cart.price = price;
        cart.quantity = 1 + random.nextInt(2);
        s.place(cart, "product");
        double cartValue = price * cart.quantity;
        if (trouble == SessionTrouble.ABANDON_AFTER_FRICTION
                || !(forced || random.nextDouble() < persona.beginCheckout)) {
            return s.finish();
        }
        s.view("cart", false);
        s.view("checkout", false);
        CxEvent checkout = s.add(EventType.BEGIN_CHECKOUT, s.after(200, 3_000));
        checkout.cartValue = cartValue;
        s.place(checkout, "checkout");
        if (!(forced || random.nextDouble() < persona.addPayment)) {
            return s.finish();
        }
        CxEvent payment = s.add(EventType.ADD_PAYMENT_INFO, s.after(10_000, 90_000));
        s.place(payment, "checkout");
        boolean outage = incidents.active(Incident.CHECKOUT_OUTAGE, s.t) && random.nextDouble() < 0.85;
        if (trouble == SessionTrouble.CHECKOUT_FAILURE || outage) {
            s.paymentFails();
            return s.finish();
        }
        if (random.nextDouble() < persona.purchase) {
            CxEvent purchase = s.add(EventType.PURCHASE, s.after(2_000, 15_000));
            purchase.orderId = "o-" + runId + "-" + (++sequence);
            purchase.value = cartValue;
            s.place(purchase, "checkout");
        }
        return s.finish();
    }

    /** The events of one session as they are written. */
    private final class Session {
        final Customer customer;
        final String customerId;
        final String anonymousId;
        final String sessionId;
        final boolean app;
        final String platform;
        final String version;
        final List<CxEvent> events = new ArrayList<>();
        long t;

        Session(Customer c, String anonymousId, boolean app, String platform, String version, long start) {
            this.customer = c;
            this.customerId = c == null ? null : c.id;
            this.anonymousId = anonymousId;
            this.sessionId = "s-" + runId + "-" + (++sequence);
            this.app = app;
            this.platform = platform;
            this.version = version;
            this.t = start;
        }

        CxEvent add(EventType type, long ts) {
            CxEvent e = new CxEvent(app ? Stream.APP : Stream.CLICKSTREAM, type, "e-" + runId + "-" + (++sequence), ts);
            e.customerId = customerId;
            e.anonymousId = anonymousId;
            e.sessionId = sessionId;
            if (app) {
                e.platform = platform;
                e.appVersion = version;
            }
            t = Math.max(t, ts);
            events.add(e);
            return e;
        }

        long after(long min, long max) {
            return t + min + random.nextLong(max - min);
        }

        void place(CxEvent e, String place) {
            if (app) {
                e.screen = place;
            } else {
                e.pageType = place;
                e.page = "/" + place;
            }
        }

        /** A page or screen view with its performance: LCP on the web, the API call in the app. */
        void view(String place, boolean friction) {
            long ts = after(2_000, 30_000);
            boolean checkout = place.equals("cart") || place.equals("checkout");
            if (app) {
                place(add(EventType.SCREEN_VIEW, ts), place);
                CxEvent call = add(EventType.API_CALL, ts + 50);
                call.endpoint = checkout ? "/api/" + place : "/api/catalog/" + place;
                boolean fails = friction && !checkout && random.nextDouble() < 0.15;
                call.status = fails ? 503 : 200;
                double slow = !checkout && (friction ? random.nextDouble() < 0.3 : random.nextDouble() < 0.02)
                        ? 2_500 + random.nextDouble() * 4_000 : 0;
                call.latencyMs = slow > 0 ? slow : 60 + random.nextDouble() * 700;
                place(call, place);
                if (friction && !checkout && random.nextDouble() < 0.1) {
                    place(add(EventType.ANR, ts + 3_000), place);
                }
            } else {
                place(add(EventType.PAGE_VIEW, ts), place);
                CxEvent lcp = add(EventType.WEB_VITAL, ts + 1_500);
                lcp.metric = "LCP";
                boolean slowRelease = place.equals("product") && incidents.active(Incident.SLOW_RELEASE, ts);
                boolean poor = slowRelease || !checkout && (friction ? random.nextDouble() < 0.4 : random.nextDouble() < 0.03);
                lcp.value = poor ? 4_500 + random.nextDouble() * 4_500 : 900 + random.nextDouble() * 2_400;
                place(lcp, place);
                vitals(place, ts + 1_500, lcp.value, !checkout && friction);
            }
        }

        /** The other vitals a RUM script reports with LCP: FCP (before LCP), CLS and INP. */
        private void vitals(String place, long ts, double lcpMs, boolean friction) {
            CxEvent fcp = add(EventType.WEB_VITAL, ts);
            fcp.metric = "FCP";
            fcp.value = lcpMs * (0.45 + random.nextDouble() * 0.35);
            place(fcp, place);
            CxEvent cls = add(EventType.WEB_VITAL, ts);
            cls.metric = "CLS";
            cls.value = friction && random.nextDouble() < 0.3 ? 0.26 + random.nextDouble() * 0.3 : random.nextDouble() * 0.12;
            place(cls, place);
            CxEvent inp = add(EventType.WEB_VITAL, ts);
            inp.metric = "INP";
            inp.value = friction && random.nextDouble() < 0.3 ? 520 + random.nextDouble() * 700 : 60 + random.nextDouble() * 220;
            place(inp, place);
        }

        void clicks(String place, boolean friction) {
            EventType click = app ? EventType.TAP : EventType.CLICK;
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                CxEvent c = add(click, after(1_500, 8_000));
                c.element = "#" + place + "-" + random.nextInt(6);
                c.x = (double) random.nextInt(1_200);
                c.y = (double) random.nextInt(800);
                place(c, place);
            }
            boolean checkout = place.equals("cart") || place.equals("checkout");
            if (!checkout && (friction ? random.nextDouble() < 0.3 : false)) {
                rageBurst(place, click);
            }
            if (friction && !checkout && random.nextDouble() < 0.3) {
                jsError(place, true);
            }
            if (!app && !checkout && random.nextDouble() < (friction ? 0.2 : 0.03)) {
                CxEvent dead = add(EventType.DEAD_CLICK, after(1_500, 6_000));
                dead.element = "#" + place + "-banner";
                place(dead, place);
            }
        }

        void rageBurst(String place, EventType click) {
            long at = after(1_500, 5_000);
            int clicks = 3 + random.nextInt(4);
            for (int i = 0; i < clicks; i++) {
                CxEvent c = add(click, at + i * (100L + random.nextInt(120)));
                c.element = "#" + place + "-stuck";
                c.x = 300.0 + random.nextInt(8);
                c.y = 200.0 + random.nextInt(8);
                place(c, place);
            }
        }

        /** A JavaScript error, right after a click when it is the click's fault. */
        void jsError(String place, boolean afterClick) {
            long at;
            if (afterClick) {
                CxEvent c = add(app ? EventType.TAP : EventType.CLICK, after(1_500, 5_000));
                c.element = "#" + place + "-add";
                c.x = 500.0;
                c.y = 400.0;
                place(c, place);
                at = c.ts + 200 + random.nextInt(600);
            } else {
                at = after(500, 3_000);
            }
            if (app) {
                CxEvent call = add(EventType.API_CALL, at);
                call.endpoint = "/api/catalog/" + place;
                call.status = 500;
                call.latencyMs = 300.0;
                place(call, place);
            } else {
                CxEvent err = add(EventType.JS_ERROR, at);
                err.message = "TypeError: Cannot read properties of undefined";
                place(err, place);
            }
        }

        void paymentFails() {
            long at = after(1_000, 4_000);
            if (app) {
                CxEvent call = add(EventType.API_CALL, at);
                call.endpoint = "/api/payment";
                call.status = 503;
                call.latencyMs = 1_200 + random.nextDouble() * 3_000;
                place(call, "checkout");
            } else {
                CxEvent err = add(EventType.HTTP_ERROR, at);
                err.status = 503;
                err.url = "/api/payment";
                place(err, "checkout");
            }
        }

        /** Runs the session through the pipeline's own rules to annotate its bad experiences. */
        List<Generated> finish() {
            events.sort(Comparator.comparingLong((CxEvent e) -> e.ts));
            List<Generated> out = new ArrayList<>(events.size());
            events.forEach(e -> out.add(new Generated(e)));
            if (customer != null) {
                customer.nextSessionAt = t + 31 * 60_000;
                List<BadExperience> found = new ArrayList<>();
                SessionState state = new SessionState();
                SessionAnalyzer.Output sink = new SessionAnalyzer.Output() {
                    @Override
                    public void friction(FrictionEvent friction) {}

                    @Override
                    public void badExperience(BadExperience experience) {
                        found.add(experience);
                    }
                };
                for (CxEvent e : events) {
                    BadExperience immediate = analyzer.immediate(e);
                    if (immediate != null && !state.reported) {
                        found.add(immediate); // the pipeline reports the first of a session on arrival
                    }
                    analyzer.add(state, e, sink);
                }
                analyzer.close(state, sink);
                for (BadExperience b : found) {
                    annotate(out, b.ts, TruthEntry.badExperience(customer.id, customer.persona.id(), b.kind.id(),
                            b.touchpoint, b.ts, Arrays.asList(b.eventIds)));
                }
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- reviews

    List<Generated> review(Customer c, long ts, int rating, boolean deliveryComplaint) {
        CxEvent r = new CxEvent(Stream.REVIEWS, EventType.REVIEW, "e-" + runId + "-" + (++sequence), ts);
        r.customerId = c.id;
        r.reviewId = "rv-" + runId + "-" + sequence;
        r.rating = rating;
        Texts.Text text = deliveryComplaint ? texts.deliveryComplaint() : texts.review(rating);
        r.text = text.text();
        r.title = texts.title(rating);
        r.source = SOURCES[random.nextInt(SOURCES.length)];
        r.productId = "p-" + random.nextInt(2_000);
        Generated g = new Generated(r);
        g.truth.add(textTruth(r, text));
        if (rating <= 2) {
            g.truth.add(TruthEntry.badExperience(c.id, c.persona.id(), "negative_review", "reviews", ts, List.of(r.eventId)));
        }
        return List.of(g);
    }

    /** A rating typical of the persona, unless the simulation decided it is a bad one. */
    int rating(Persona persona, boolean bad) {
        if (bad) {
            return 1 + random.nextInt(2);
        }
        switch (persona) {
            case LOYAL:
                return random.nextInt(4) == 0 ? 4 : 5;
            case PRICE_SENSITIVE:
                return 3 + random.nextInt(2);
            case FRUSTRATED:
                return 3;
            default:
                return 3 + random.nextInt(3);
        }
    }

    // ---------------------------------------------------------------- tickets

    List<Generated> ticket(Customer c, long start, TicketTrouble trouble) {
        String ticketId = "T-" + runId + "-" + (++sequence);
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        long sla = support.firstResponseSla(channel).toMillis();
        boolean delays = incidents.active(Incident.DELIVERY_DELAYS, start);
        List<Generated> out = new ArrayList<>();

        Texts.Text opening = trouble == TicketTrouble.ANGRY ? (delays ? texts.deliveryComplaint() : texts.angry())
                : random.nextInt(4) == 0 ? texts.mild() : texts.request();
        CxEvent opened = support(c, EventType.TICKET_OPENED, ticketId, channel, start);
        opened.subject = texts.subject(opening);
        opened.text = opening.text();
        Generated openedRecord = add(out, opened);
        openedRecord.truth.add(textTruth(opened, opening));
        if (trouble == TicketTrouble.ANGRY) {
            openedRecord.truth.add(TruthEntry.badExperience(c.id, c.persona.id(), "negative_support_message",
                    "support", start, List.of(opened.eventId)));
        }

        long t = start + 5_000 + random.nextLong(25_000);
        CxEvent bot = support(c, EventType.MESSAGE, ticketId, channel, t);
        bot.author = "bot";
        bot.text = "Thanks for contacting us. An agent will be with you shortly.";
        add(out, bot);

        long wait = trouble == TicketTrouble.SLOW_RESPONSE
                ? (long) (sla * (1.5 + random.nextDouble() * 1.5))
                : (long) (sla * (0.1 + random.nextDouble() * 0.7));
        t = Math.max(t + 1_000, start + wait);
        CxEvent agent = support(c, EventType.MESSAGE, ticketId, channel, t);
        agent.author = "agent";
        agent.text = texts.agentReply();
        add(out, agent);
        if (trouble == TicketTrouble.SLOW_RESPONSE) {
            out.add(Generated.marker(start + sla, TruthEntry.badExperience(c.id, c.persona.id(), "slow_first_response",
                    "support", start + sla, List.of(opened.eventId))));
        }

        t += 60_000 + random.nextLong(9 * 60_000);
        Texts.Text reply = trouble == TicketTrouble.ANGRY ? texts.angry() : texts.thanks();
        CxEvent answer = support(c, EventType.MESSAGE, ticketId, channel, t);
        answer.author = "customer";
        answer.text = reply.text();
        Generated answerRecord = add(out, answer);
        answerRecord.truth.add(textTruth(answer, reply));
        if (trouble == TicketTrouble.ANGRY) {
            answerRecord.truth.add(TruthEntry.badExperience(c.id, c.persona.id(), "negative_support_message",
                    "support", t, List.of(answer.eventId)));
        }

        t += 5 * 60_000 + random.nextLong(115 * 60_000);
        add(out, support(c, EventType.TICKET_RESOLVED, ticketId, channel, t));
        if (trouble == TicketTrouble.REOPENED) {
            t += 10 * 60_000 + random.nextLong(80 * 60_000);
            CxEvent reopened = support(c, EventType.TICKET_REOPENED, ticketId, channel, t);
            add(out, reopened).truth.add(TruthEntry.badExperience(c.id, c.persona.id(), "ticket_reopened", "support",
                    t, List.of(reopened.eventId)));
            t += 30 * 60_000 + random.nextLong(3 * 60 * 60_000);
            add(out, support(c, EventType.TICKET_RESOLVED, ticketId, channel, t));
        }
        t = survey(out, c, EventType.CSAT, ticketId, channel, t, trouble == TicketTrouble.LOW_CSAT, 0.7,
                1, 2, 4, 5, "low_csat");
        t = survey(out, c, EventType.NPS, ticketId, channel, t, trouble == TicketTrouble.DETRACTOR, 0.4,
                0, 6, 7, 10, "nps_detractor");
        survey(out, c, EventType.CES, ticketId, channel, t, trouble == TicketTrouble.HIGH_EFFORT, 0.4,
                1, 3, 4, 7, "high_effort");
        return out;
    }

    private long survey(List<Generated> out, Customer c, EventType type, String ticketId, String channel, long t,
            boolean bad, double answerRate, int badMin, int badMax, int goodMin, int goodMax, String kind) {
        if (!bad && random.nextDouble() >= answerRate) {
            return t;
        }
        t += 30_000 + random.nextLong(10 * 60_000);
        CxEvent s = support(c, type, ticketId, channel, t);
        s.score = bad ? badMin + random.nextInt(badMax - badMin + 1) : goodMin + random.nextInt(goodMax - goodMin + 1);
        Generated g = add(out, s);
        if (bad) {
            g.truth.add(TruthEntry.badExperience(c.id, c.persona.id(), kind, "support", t, List.of(s.eventId)));
        }
        return t;
    }

    private CxEvent support(Customer c, EventType type, String ticketId, String channel, long ts) {
        CxEvent e = new CxEvent(Stream.SUPPORT, type, "e-" + runId + "-" + (++sequence), ts);
        e.customerId = c.id;
        e.ticketId = ticketId;
        e.channel = channel;
        return e;
    }

    private static Generated add(List<Generated> out, CxEvent e) {
        Generated g = new Generated(e);
        out.add(g);
        return g;
    }

    private static TruthEntry textTruth(CxEvent e, Texts.Text text) {
        return new TruthEntry("text").with("event_id", e.eventId).with("stream", e.stream.id())
                .with("polarity", text.polarity().id()).with("intensity", text.intensity().name().toLowerCase())
                .with("form", text.form()).with("text", text.text());
    }

    /** Attaches truth to the first record at or after {@code ts}, so it is written once it is true. */
    private static void annotate(List<Generated> records, long ts, TruthEntry entry) {
        for (Generated g : records) {
            if (g.timestamp >= ts) {
                g.truth.add(entry);
                return;
            }
        }
        records.get(records.size() - 1).truth.add(entry);
    }
}
