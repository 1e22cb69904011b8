package io.cxmonitor.domain.incidents;

import java.io.Serializable;
import java.time.Duration;

/**
 * When the bad experiences of many customers are one incident (SPEC 6). Serializable into the job
 * graph.
 *
 * @param minCustomers an incident fires at this many customers within {@code groupWait} at least
 * @param groupWait the window in which customers are counted
 * @param minRatio and at this many times the group's usual number of customers in such a window
 * @param groupInterval updates are published at most this often, while the incident grows
 * @param resolveAfter it resolves after this long below its threshold
 * @param baseline how far back the usual number is averaged
 */
public record IncidentSettings(int minCustomers, Duration groupWait, double minRatio, Duration groupInterval,
        Duration resolveAfter, Duration baseline) implements Serializable {

    public static final IncidentSettings DEFAULT = new IncidentSettings(10, Duration.ofSeconds(30), 5.0,
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(1));
}
