package io.cxmonitor.generator;

/** What traffic to simulate. Defaults make a realistic mix; every field can be changed. */
public final class TrafficSettings {

    /** Same seed, same start, same settings: same records. */
    public long seed = 1;
    /** Average events per second of event time. */
    public double eventsPerSecond = 200;
    /** How the rate varies around its average over the day and the week. */
    public Curve curve = Curve.STEADY;
    public int customers = 100_000;
    public PersonaMix personas = PersonaMix.DEFAULT;
    /** Share of sessions by visitors who are not logged in. */
    public double anonymousShare = 0.2;
    /** Share of events sent up to 8 s after later ones (within the watermark's tolerance). */
    public double outOfOrderShare;
    /** Share of events sent 3 to 10 minutes late (beyond the allowed lateness). */
    public double lateShare;
    /** Share of extra records that are malformed on purpose. */
    public double malformedShare;
    public Incidents incidents = new Incidents();

    public TrafficSettings seed(long seed) {
        this.seed = seed;
        return this;
    }

    public TrafficSettings rate(double eventsPerSecond) {
        this.eventsPerSecond = eventsPerSecond;
        return this;
    }

    public TrafficSettings customers(int customers) {
        this.customers = customers;
        return this;
    }

    public TrafficSettings personas(PersonaMix personas) {
        this.personas = personas;
        return this;
    }
}
