package io.cxmonitor.domain.support;

/** What a support ticket remembers until it expires. Plain fields for Flink POJO state. */
public class TicketState {

    public String customerId;
    public String channel;
    public String openedEventId;
    public long openedAt = Long.MIN_VALUE;
    /** The earliest agent reply known so far. */
    public long firstAgentAt = Long.MIN_VALUE;
    /** Whether the first response time was reported; later replies change nothing. */
    public boolean responseReported;
    public boolean slaChecked;
    public long lastEventAt = Long.MIN_VALUE;
    /** The first resolution that arrived, which the resolution time runs to; {@code Long.MIN_VALUE} until then. */
    public long resolvedAt = Long.MIN_VALUE;
    /** Whether the resolution time was reported: once per ticket, when both ends are known. */
    public boolean resolutionReported;
    /** Whether the ticket was counted as reopened: once, however often it is reopened. */
    public boolean reopenCounted;

    public TicketState() {}

    public boolean isOpened() {
        return openedAt != Long.MIN_VALUE;
    }
}
