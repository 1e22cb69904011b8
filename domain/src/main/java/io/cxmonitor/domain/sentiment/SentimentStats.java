package io.cxmonitor.domain.sentiment;

/** The sentiment of the texts of one window: count, mean score, shares. A Flink POJO accumulator. */
public class SentimentStats {

    public long count;
    public double sum;
    public long negative;
    public long neutral;
    public long positive;

    public SentimentStats() {}

    public SentimentStats add(double score) {
        count++;
        sum += score;
        switch (Sentiment.of(score)) {
            case NEGATIVE -> negative++;
            case POSITIVE -> positive++;
            default -> neutral++;
        }
        return this;
    }

    public SentimentStats merge(SentimentStats o) {
        count += o.count;
        sum += o.sum;
        negative += o.negative;
        neutral += o.neutral;
        positive += o.positive;
        return this;
    }

    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    public double negativeShare() {
        return count == 0 ? Double.NaN : negative / (double) count;
    }

    public double positiveShare() {
        return count == 0 ? Double.NaN : positive / (double) count;
    }
}
