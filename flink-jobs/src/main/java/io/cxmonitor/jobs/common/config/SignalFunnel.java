package io.cxmonitor.jobs.common.config;

import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code funnel.steps}: web or app event types in order. */
final class SignalFunnel {

    private SignalFunnel() {}

    static Funnel parse(String steps) {
        List<EventType> types = new ArrayList<>();
        for (String name : steps.split(",")) {
            EventType type = EventType.fromWireName(name.trim());
            if (type == null || !(type.belongsTo(Stream.CLICKSTREAM) || type.belongsTo(Stream.APP))) {
                throw new IllegalArgumentException("'" + name.trim() + "' is not a web or app event type");
            }
            if (types.contains(type)) {
                throw new IllegalArgumentException("'" + name.trim() + "' appears twice");
            }
            types.add(type);
        }
        return new Funnel(types);
    }
}
