package io.cxmonitor.jobs.anomalies;

/** An anomaly of one series fired or resolved (SPEC 7). A Flink POJO. */
public class AnomalyEvent {

    /** Which of {@link AnomalySignals#WATCHED} it is of. */
    public int watched;
    /** The series' measurement and tags, as in line protocol. */
    public String series;
    /** firing or resolved. */
    public String status;
    /** When it began (firing) or ended (resolved), epoch milliseconds of event time. */
    public long since;
    /** When it was found: the end of the minute that fired or resolved it. */
    public long at;
    public double value;
    public double expected;
    public double sigmas;
    public String summary;

    public AnomalyEvent() {}
}
