package io.cxmonitor.jobs.sentiment;

/** A customer's text reduced to its sentiment and where it came from: never the text itself. A Flink POJO. */
public class ScoredText {

    /** reviews or support. */
    public String stream;
    /** The review source, or the support channel. */
    public String group;
    public double score;

    public ScoredText() {}

    public ScoredText(String stream, String group, double score) {
        this.stream = stream;
        this.group = group;
        this.score = score;
    }
}
