package io.cxmonitor.jobs.anomalies;

/** The value of one watched series in one minute, as a point of cx-signals gave it. A Flink POJO. */
public class SeriesValue {

    /** The series: the point's measurement and tags, and the field. */
    public String key;
    /** Which of {@link AnomalySignals#WATCHED} it is. */
    public int watched;
    /** The point's measurement and tags, as in line protocol. */
    public String series;
    /** The start of the minute. */
    public long minute;
    public double value;
    /** What the value is a rate or mean of (app starts, answers); 0 for a count. */
    public double weight;

    public SeriesValue() {}

    SeriesValue(int watched, String series, long minute, double value, double weight) {
        this.key = series + " " + AnomalySignals.WATCHED.get(watched).field();
        this.watched = watched;
        this.series = series;
        this.minute = minute;
        this.value = value;
        this.weight = weight;
    }
}
