package io.cxmonitor.jobs.sentiment;

/**
 * A customer's text reduced to its sentiment, its topics and where it came from: never the text
 * itself. A Flink POJO.
 */
public class ScoredText {

    /** reviews or support. */
    public String stream;
    /** The review source, or the support channel. */
    public String group;
    public double score;
    /** The text's topics (SPEC 7), and each one's sentiment in it. */
    public String[] topics = new String[0];
    public double[] topicScores = new double[0];
    /** A negative text's candidate emerging terms (SPEC 7), and its customer's hash (0 for none). */
    public String[] terms = new String[0];
    public long customerHash;

    public ScoredText() {}

    public ScoredText(String stream, String group, double score) {
        this.stream = stream;
        this.group = group;
        this.score = score;
    }
}
