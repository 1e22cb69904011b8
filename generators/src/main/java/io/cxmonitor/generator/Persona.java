package io.cxmonitor.generator;

import java.util.Locale;

/**
 * How a simulated customer behaves. Funnel probabilities are per step: the chance to go on to
 * add to cart after viewing an item, to begin checkout after adding, and so on.
 */
public enum Persona {
    /** Buys often, rarely meets friction, gives good ratings. */
    LOYAL(3.0, 0.55, 0.80, 0.90, 0.97, 0.25, 0.02),
    /** Browses, seldom buys. */
    CASUAL(1.0, 0.12, 0.40, 0.70, 0.90, 0.05, 0.01),
    /** Fills carts and leaves at checkout to compare prices. */
    PRICE_SENSITIVE(1.5, 0.50, 0.35, 0.55, 0.85, 0.08, 0.02),
    /** Meets friction in most sessions: rage clicks, errors, slow pages, crashes. */
    FRUSTRATED(1.5, 0.35, 0.50, 0.70, 0.85, 0.12, 0.05),
    /** Behaves well until a first bad experience, then goes silent or complains. */
    AT_RISK(1.5, 0.45, 0.70, 0.85, 0.95, 0.10, 0.03);

    final double activity;
    final double addToCart;
    final double beginCheckout;
    final double addPayment;
    final double purchase;
    /** Chance of writing a review after a purchase. */
    final double review;
    /** Chance that an activity is a support ticket. */
    final double ticket;

    Persona(double activity, double addToCart, double beginCheckout, double addPayment, double purchase,
            double review, double ticket) {
        this.activity = activity;
        this.addToCart = addToCart;
        this.beginCheckout = beginCheckout;
        this.addPayment = addPayment;
        this.purchase = purchase;
        this.review = review;
        this.ticket = ticket;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Persona fromId(String id) {
        String normalized = id.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (normalized.equals("PRICE")) {
            return PRICE_SENSITIVE;
        }
        return valueOf(normalized);
    }
}
