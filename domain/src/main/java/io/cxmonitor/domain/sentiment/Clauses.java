package io.cxmonitor.domain.sentiment;

/**
 * A text's words cut into clauses, at the punctuation that ends one and before a contrast ("but",
 * "however", "although", "though", "whereas"), with the score of each clause: the sentiment of
 * what it mentions. Made by {@link SentimentAnalyzer#clauses}.
 */
public final class Clauses {

    private final Tokens tokens;
    private final int[] clauseOf;
    private final double[] sums;
    private final double overall;

    Clauses(Tokens tokens, double[] valences, double overall) {
        this.tokens = tokens;
        this.overall = overall;
        int n = tokens.size();
        clauseOf = new int[n];
        int clause = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && (tokens.endsClause(i - 1) || startsContrast(tokens, i))) {
                clause++;
            }
            clauseOf[i] = clause;
        }
        sums = new double[n == 0 ? 0 : clause + 1];
        for (int i = 0; i < n; i++) {
            sums[clauseOf[i]] += valences[i];
        }
    }

    private static boolean startsContrast(Tokens tokens, int i) {
        String word = tokens.word(i);
        return SentimentAnalyzer.isContrast(tokens, i) || word.equals("although") || word.equals("though")
                || word.equals("whereas");
    }

    /** The number of words. */
    public int size() {
        return tokens.size();
    }

    /**
     * A lower-case word of a term list as {@link #word} spells it: a contraction written without
     * its apostrophe ("cant") has it ("can't").
     */
    public static String spelling(String word) {
        return Tokens.normalize(word);
    }

    /** The i-th word, lower-case, without surrounding punctuation, contractions with their apostrophe. */
    public String word(int i) {
        return tokens.word(i);
    }

    /** Whether punctuation ends a clause after the i-th word: phrases do not run across it. */
    public boolean endsClause(int i) {
        return tokens.endsClause(i);
    }

    /** The clause of the i-th word, counted from 0. */
    public int clauseOf(int i) {
        return clauseOf[i];
    }

    /** The raw valence sum of a clause, to add clauses up before {@link #compound}. */
    public double valence(int clause) {
        return sums[clause];
    }

    /** A valence sum as a score in [-1, 1], as the whole text is scored. */
    public double compound(double valence) {
        return SentimentAnalyzer.compound(valence, 0);
    }

    /** The score of the whole text, as {@link SentimentAnalyzer#score} gives it. */
    public double overall() {
        return overall;
    }
}
