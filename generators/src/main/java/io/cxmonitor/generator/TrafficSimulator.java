package io.cxmonitor.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An endless stream of synthetic records on a simulated clock. Activities (sessions, reviews,
 * tickets) start as a Poisson process sized to the target rate, are given to customers by
 * persona, and their events are merged in event-time order; then some are sent out of order or
 * late, and some malformed records are added. Deterministic: the same settings and start give
 * the same records.
 */
public final class TrafficSimulator {

    /** Average events per activity, measured on the journeys; sizes the activity start rate. */
    private static final double EVENTS_PER_ACTIVITY = 25.8;
    /** Sessions start this long before the start time so that traffic is steady from the first record. */
    private static final long WARM_UP_MILLIS = 30 * 60_000;
    private static final String[] VERSIONS = {"5.1.0", "5.2.1", "5.2.1", Incident.CRASHING_VERSION};

    private final TrafficSettings settings;
    private final SplittableRandom random;
    private final Journeys journeys;
    private final Map<Persona, List<Customer>> byPersona = new EnumMap<>(Persona.class);
    private final Map<String, Customer> byId = new HashMap<>();
    private final double[] personaWeights = new double[Persona.values().length];
    private final long start;
    private final TimeQueue pending = new TimeQueue();
    private final Disorder disorder;
    private final Malformer malformer;
    private long nextActivityAt;
    private long seq;

    public TrafficSimulator(TrafficSettings settings, long start) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed);
        this.journeys = new Journeys(random.split(), Long.toString(settings.seed, 36), settings.incidents);
        this.start = start;
        this.nextActivityAt = start - WARM_UP_MILLIS;
        this.disorder = new Disorder(random.split(), settings.outOfOrderShare, settings.lateShare);
        this.malformer = new Malformer(random.split(), settings.malformedShare);
        createCustomers();
    }

    /** Convenience for a default mix. */
    public TrafficSimulator(long seed, long start, double eventsPerSecond, int customers) {
        this(new TrafficSettings().seed(seed).rate(eventsPerSecond).customers(customers), start);
    }

    private void createCustomers() {
        List<Persona> personas = new ArrayList<>();
        settings.personas.allocate(settings.customers).forEach((p, n) -> personas.addAll(Collections.nCopies(n, p)));
        Collections.shuffle(personas, new java.util.Random(random.nextLong()));
        for (int i = 0; i < personas.size(); i++) {
            Persona persona = personas.get(i);
            boolean app = random.nextDouble() < 0.45;
            String platform = !app ? null : random.nextDouble() < 0.1 ? "desktop" : random.nextBoolean() ? "ios" : "android";
            String version = app ? VERSIONS[random.nextInt(VERSIONS.length)] : null;
            int trigger = persona == Persona.AT_RISK ? 1 + random.nextInt(3) : -1;
            Customer c = new Customer(String.format("c-%06d", i + 1), persona, app, platform, version, trigger);
            byPersona.computeIfAbsent(persona, k -> new ArrayList<>()).add(c);
            byId.put(c.id, c);
        }
        for (Persona p : Persona.values()) {
            personaWeights[p.ordinal()] = p.activity * byPersona.getOrDefault(p, List.of()).size();
        }
    }

    /** How many customers have each persona. */
    public Map<Persona, Integer> personaCounts() {
        Map<Persona, Integer> counts = new EnumMap<>(Persona.class);
        byPersona.forEach((p, list) -> counts.put(p, list.size()));
        return counts;
    }

    /** The next record in sending order, at or after the start time. */
    public Generated next() {
        while (true) {
            Generated g = disorder.poll(this::nextInTimeOrder);
            if (g.timestamp >= start) {
                return g;
            }
        }
    }

    private Generated nextInTimeOrder() {
        while (pending.isEmpty() || nextActivityAt <= pending.peek().timestamp) {
            startActivity(nextActivityAt);
            double rate = settings.eventsPerSecond * settings.curve.factor(nextActivityAt);
            double perMilli = rate / EVENTS_PER_ACTIVITY / 1000.0;
            nextActivityAt += Math.max(1, (long) (-Math.log(1 - random.nextDouble()) / perMilli));
        }
        Generated g = pending.poll();
        for (Incidents.Window w : settings.incidents.startedBy(g.timestamp)) {
            g.truth.add(new TruthEntry("incident").with("name", w.incident().id()).with("start", w.start())
                    .with("end", w.end()));
        }
        Generated bad = malformer.maybe(g);
        if (bad != null) {
            bad.seq = ++seq;
            pending.add(bad);
        }
        return g;
    }

    private void startActivity(long at) {
        boolean delays = settings.incidents.active(Incident.DELIVERY_DELAYS, at);
        // Before the start, only anonymous sessions: they fill the traffic up to its steady rate,
        // and no customer story begins that the records after the start would tell only in part.
        if (at < start || random.nextDouble() < settings.anonymousShare) {
            boolean app = random.nextDouble() < 0.45;
            String anonymous = "a-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            String platform = app ? (random.nextBoolean() ? "ios" : "android") : null;
            enqueue(journeys.session(null, anonymous, app, platform, app ? VERSIONS[random.nextInt(VERSIONS.length)] : null,
                    at, Journeys.SessionTrouble.NONE));
            return;
        }
        Customer c = pickCustomer();
        if (c == null) {
            return;
        }
        c.activities++;
        if (c.persona == Persona.AT_RISK && c.activities == c.triggerActivity) {
            firstBadExperience(c, at);
            return;
        }
        double ticket = c.persona.ticket * (delays ? 4 : 1);
        double review = c.persona.review * 0.3 * (delays ? 4 : 1);
        double pick = random.nextDouble();
        if (pick < ticket) {
            boolean bad = c.persona == Persona.FRUSTRATED && random.nextBoolean() || delays && random.nextDouble() < 0.4;
            enqueue(journeys.ticket(c, at, bad ? randomTicketTrouble(delays) : Journeys.TicketTrouble.NONE));
        } else if (pick < ticket + review) {
            boolean bad = c.persona == Persona.FRUSTRATED && random.nextBoolean() || delays && random.nextDouble() < 0.6;
            enqueue(journeys.review(c, at, journeys.rating(c.persona, bad), delays && bad));
        } else if (c.nextSessionAt <= at) {
            Journeys.SessionTrouble trouble = c.persona == Persona.FRUSTRATED
                    ? Journeys.SessionTrouble.FRICTION : Journeys.SessionTrouble.NONE;
            enqueue(journeys.session(c, null, c.appUser, c.platform, c.appVersion, at, trouble));
        }
    }

    /** An at-risk customer's story: the first bad experience, then silence or a complaint, then gone. */
    private void firstBadExperience(Customer c, long now) {
        // a session waits until the customer's previous one is over, as server-side sessions count them
        long at = Math.max(now, c.nextSessionAt);
        int kind = random.nextInt(c.appUser ? 8 : 7);
        switch (kind) {
            case 0 -> enqueue(journeys.session(c, null, c.appUser, c.platform, c.appVersion, at,
                    Journeys.SessionTrouble.CHECKOUT_FAILURE));
            case 1 -> enqueue(journeys.session(c, null, c.appUser, c.platform, c.appVersion, at,
                    Journeys.SessionTrouble.ABANDON_AFTER_FRICTION));
            case 2 -> enqueue(journeys.ticket(c, at, Journeys.TicketTrouble.SLOW_RESPONSE));
            case 3 -> enqueue(journeys.ticket(c, at, Journeys.TicketTrouble.LOW_CSAT));
            case 4 -> enqueue(journeys.review(c, at, journeys.rating(c.persona, true), false));
            case 5 -> enqueue(journeys.ticket(c, at, Journeys.TicketTrouble.ANGRY));
            case 6 -> enqueue(journeys.ticket(c, at, Journeys.TicketTrouble.REOPENED));
            default -> enqueue(journeys.session(c, null, true, c.platform, c.appVersion, at, Journeys.SessionTrouble.CRASH));
        }
        long later = at + 60 * 60_000 + random.nextLong(5 * 60 * 60_000);
        switch (random.nextInt(3)) {
            case 0 -> enqueue(journeys.review(c, later, journeys.rating(c.persona, true), false));
            case 1 -> enqueue(journeys.ticket(c, later, Journeys.TicketTrouble.ANGRY));
            default -> { } // silence
        }
        c.gone = true;
    }

    private Journeys.TicketTrouble randomTicketTrouble(boolean delays) {
        if (delays) {
            return Journeys.TicketTrouble.ANGRY;
        }
        Journeys.TicketTrouble[] kinds = Journeys.TicketTrouble.values();
        return kinds[1 + random.nextInt(kinds.length - 1)];
    }

    private Customer pickCustomer() {
        for (int attempt = 0; attempt < 8; attempt++) {
            Persona persona = pickPersona();
            List<Customer> list = byPersona.get(persona);
            Customer c = list.get(random.nextInt(list.size()));
            if (!c.gone) {
                return c;
            }
        }
        return null;
    }

    private Persona pickPersona() {
        double total = 0;
        for (double w : personaWeights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (Persona p : Persona.values()) {
            r -= personaWeights[p.ordinal()];
            if (r < 0 && personaWeights[p.ordinal()] > 0) {
                return p;
            }
        }
        return Persona.LOYAL;
    }

    private void enqueue(List<Generated> records) {
        for (Generated g : records) {
            g.seq = ++seq;
            Customer c = g.event == null || g.event.customerId == null ? null : byId.get(g.event.customerId);
            g.persona = c == null ? null : c.persona;
            pending.add(g);
        }
    }
}
