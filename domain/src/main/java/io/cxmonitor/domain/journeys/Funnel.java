package io.cxmonitor.domain.journeys;

import io.cxmonitor.events.EventType;
import java.io.Serializable;
import java.util.List;

/** The ordered steps of a purchase journey; the default is GA4's e-commerce funnel. */
public final class Funnel implements Serializable {

    public static final Funnel GA4 = new Funnel(List.of(EventType.VIEW_ITEM, EventType.ADD_TO_CART,
            EventType.BEGIN_CHECKOUT, EventType.ADD_PAYMENT_INFO, EventType.PURCHASE));

    private final List<EventType> steps;

    public Funnel(List<EventType> steps) {
        if (steps.size() < 2 || steps.size() > 31) {
            throw new IllegalArgumentException("a funnel has 2 to 31 steps");
        }
        this.steps = List.copyOf(steps);
    }

    /** The step's position, or -1 when the event type is not a step. */
    public int indexOf(EventType type) {
        return steps.indexOf(type);
    }

    public EventType step(int index) {
        return steps.get(index);
    }

    public int size() {
        return steps.size();
    }

    /** The last step is the conversion. */
    public boolean isConversion(int index) {
        return index == steps.size() - 1;
    }

    public List<EventType> steps() {
        return steps;
    }
}
