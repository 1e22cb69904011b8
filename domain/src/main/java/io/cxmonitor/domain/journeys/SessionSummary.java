package io.cxmonitor.domain.journeys;

import io.cxmonitor.domain.friction.SessionRating;

/** A closed session: the journey record of SPEC 3.3. A Flink POJO. */
public class SessionSummary {

    public String customerId;
    public long start;
    public long end;
    public int eventCount;
    /** web, app, or web+app. */
    public String touchpoint;
    public String platform;
    /** Index of the furthest funnel step reached, -1 for none. */
    public int lastStep;
    public boolean converted;
    /** Reached the second funnel step (add_to_cart) or later without converting. */
    public boolean abandoned;
    public double cartValue;
    public double frictionScore;
    public SessionRating rating;

    public SessionSummary() {}

    /**
     * Whether the session got to the step or beyond: a purchase without a recorded
     * {@code begin_checkout} still passed the checkout, and a session that began at the checkout
     * (its cart filled in an earlier one) counts among those that reached the cart, so that step
     * conversion, conversion and abandonment stay between 0 and 1.
     */
    public boolean reached(int step) {
        return step <= lastStep;
    }
}
