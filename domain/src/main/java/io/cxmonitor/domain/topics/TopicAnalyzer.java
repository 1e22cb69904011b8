package io.cxmonitor.domain.topics;

import io.cxmonitor.domain.sentiment.Clauses;
import io.cxmonitor.domain.sentiment.Sentiment;
import io.cxmonitor.domain.sentiment.SentimentAnalyzer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the CX topics of a text (SPEC 7), each with its own sentiment: "delivery was fast but the
 * app keeps crashing" is delivery positive and app stability negative.
 *
 * <ol>
 *   <li>A text has a topic when it contains one of the topic's terms (the taxonomy file): a word,
 *       a stem ({@code deliver*}), a phrase, or words that must meet in one clause
 *       ({@code slow+website}). At each word the longest phrase wins and is not read again.
 *   <li>The text is cut into clauses at punctuation and before a contrast ("but", "although").
 *   <li>A topic's score is the sentiment of the clauses that mention it; when those carry no
 *       opinion ("where is my parcel?" has one in the text, not in the clause), that of the text.
 * </ol>
 *
 * <p>Immutable and thread-safe; explainable term by term.
 */
public final class TopicAnalyzer implements Serializable {

    private static final String TAXONOMY = "/io/cxmonitor/domain/topics/cx-topics.tsv";
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final int MIN_STEM = 3;

    /** A topic of a text and its sentiment in [-1, 1]. */
    public record Mention(String topic, double score) {}

    /** A text's sentiment and its topics, read in one pass. */
    public record Analysis(double score, List<Mention> topics) {}

    /** One term: its words (a word ending in * is a stem) and whether they need only share a clause. */
    private record Term(String topic, String[] words, boolean anywhereInClause) implements Serializable {}

    private final SentimentAnalyzer sentiment;
    private final List<String> topics;
    /** Terms read at a word, by their first word (exact), longest first. */
    private final Map<String, List<Term>> byWord;
    /** Terms read at a word, by their first word's stem, longest first. */
    private final Map<String, List<Term>> byStem;
    private final List<Term> inClause;
    /**
     * The hash codes of the stems' first letters, sorted: a word whose first letters no stem has is
     * not cut into prefixes to look them up, which most words are not.
     */
    private final int[] stemStarts;

    private TopicAnalyzer(SentimentAnalyzer sentiment, List<String> topics, Map<String, List<Term>> byWord,
            Map<String, List<Term>> byStem, List<Term> inClause) {
        this.sentiment = sentiment;
        this.topics = topics;
        this.byWord = byWord;
        this.byStem = byStem;
        this.inClause = inClause;
        this.stemStarts = byStem.keySet().stream().mapToInt(stem -> stem.substring(0, MIN_STEM).hashCode())
                .distinct().sorted().toArray();
    }

    /** The analyzer with CX Monitor's taxonomy and sentiment lexicon. */
    public static TopicAnalyzer standard() {
        try (InputStream in = TopicAnalyzer.class.getResourceAsStream(TAXONOMY)) {
            if (in == null) {
                throw new IllegalStateException("topic taxonomy " + TAXONOMY + " is missing from the classpath");
            }
            return fromTaxonomy(in, SentimentAnalyzer.standard());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An analyzer without topics: its analysis is the text's sentiment alone. */
    public static TopicAnalyzer none() {
        return new TopicAnalyzer(SentimentAnalyzer.standard(), List.of(), Map.of(), Map.of(), List.of());
    }

    /**
     * An analyzer with another taxonomy: {@code topic<TAB>term} lines, {@code #} for comments.
     *
     * @throws IllegalArgumentException naming the line of a term or topic it cannot read
     */
    public static TopicAnalyzer fromTaxonomy(InputStream taxonomy, SentimentAnalyzer sentiment) throws IOException {
        List<String> topics = new ArrayList<>();
        Map<String, List<Term>> byWord = new HashMap<>();
        Map<String, List<Term>> byStem = new HashMap<>();
        List<Term> inClause = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(taxonomy, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            String topic = parts[0].trim();
            if (parts.length != 2 || !TOPIC_NAME.matcher(topic).matches() || parts[1].isBlank()) {
                throw new IllegalArgumentException("topic taxonomy, line " + number + ": '" + line + "' is not "
                        + "topic<TAB>term with a topic of lower-case letters, digits and underscores");
            }
            if (!topics.contains(topic)) {
                topics.add(topic);
            }
            String term = parts[1].trim().toLowerCase(Locale.ROOT);
            boolean together = term.contains("+");
            String[] words = together ? term.split("\\+") : term.split(" +");
            for (int i = 0; i < words.length; i++) {
                words[i] = Clauses.spelling(words[i]);
            }
            for (String w : words) {
                int star = w.indexOf('*');
                if (w.isBlank() || (star >= 0 && (star != w.length() - 1 || star < MIN_STEM))) {
                    throw new IllegalArgumentException("topic taxonomy, line " + number + ": '" + w + "' is no word, "
                            + "or a stem shorter than " + MIN_STEM + " letters before its *");
                }
            }
            Term t = new Term(topic, words, together);
            if (together) {
                inClause.add(t);
            } else if (isStem(words[0])) {
                byStem.computeIfAbsent(stem(words[0]), k -> new ArrayList<>()).add(t);
            } else {
                byWord.computeIfAbsent(words[0], k -> new ArrayList<>()).add(t);
            }
        }
        byWord.values().forEach(l -> l.sort((a, b) -> b.words.length - a.words.length));
        byStem.values().forEach(l -> l.sort((a, b) -> b.words.length - a.words.length));
        return new TopicAnalyzer(sentiment, List.copyOf(topics), byWord, byStem, inClause);
    }

    /** Every topic of the taxonomy, in its order. */
    public List<String> taxonomy() {
        return topics;
    }

    /** The topics of {@code text}, in the taxonomy's order, each with its sentiment; empty for none. */
    public List<Mention> topics(String text) {
        return analyze(text).topics;
    }

    /** The sentiment of {@code text}, as {@link SentimentAnalyzer#score} gives it, and its topics. */
    public Analysis analyze(String text) {
        if (text == null || text.isBlank()) {
            return new Analysis(0, List.of());
        }
        Clauses c = sentiment.clauses(text);
        return new Analysis(c.overall(), topics.isEmpty() ? List.of() : topicsOf(c));
    }

    /**
     * What a bad experience in a text was about: the topics spoken of negatively, or every topic
     * when none was (a one-star review that only says "the delivery").
     */
    public static String[] complaints(List<Mention> mentions) {
        String[] negative = mentions.stream().filter(m -> Sentiment.of(m.score()) == Sentiment.NEGATIVE)
                .map(Mention::topic).toArray(String[]::new);
        return negative.length > 0 ? negative : mentions.stream().map(Mention::topic).toArray(String[]::new);
    }

    private List<Mention> topicsOf(Clauses c) {
        // the clauses of each topic, as a bit set (texts longer than 64 clauses share the last)
        Map<String, Long> clausesOf = new LinkedHashMap<>();
        int n = c.size();
        for (int i = 0; i < n; i++) {
            Term term = longestAt(c, i);
            if (term != null) {
                clausesOf.merge(term.topic, bit(c.clauseOf(i)), (a, b) -> a | b);
                i += term.words.length - 1;
            }
        }
        for (Term term : inClause) {
            long found = clausesWithAll(c, term.words);
            if (found != 0) {
                clausesOf.merge(term.topic, found, (a, b) -> a | b);
            }
        }
        if (clausesOf.isEmpty()) {
            return List.of();
        }
        List<Mention> mentions = new ArrayList<>(clausesOf.size());
        for (String topic : topics) {
            Long clauses = clausesOf.get(topic);
            if (clauses != null) {
                mentions.add(new Mention(topic, scoreOf(c, clauses)));
            }
        }
        return mentions;
    }

    private static double scoreOf(Clauses c, long clauses) {
        double valence = 0;
        int last = c.clauseOf(c.size() - 1);
        for (int k = 0; k <= last; k++) {
            if ((clauses & bit(k)) != 0) {
                valence += c.valence(k);
            }
        }
        return valence == 0 ? c.overall() : c.compound(valence);
    }

    private static long bit(int clause) {
        return 1L << Math.min(clause, 63);
    }

    private Term longestAt(Clauses c, int i) {
        String w = c.word(i);
        Term best = longestOf(byWord.get(w), c, i);
        if (w.length() < MIN_STEM || Arrays.binarySearch(stemStarts, startHash(w)) < 0) {
            return best;
        }
        for (int len = Math.min(w.length(), 40); len >= MIN_STEM; len--) {
            List<Term> stemmed = byStem.get(w.substring(0, len));
            if (stemmed != null) {
                Term t = longestOf(stemmed, c, i);
                if (t != null && (best == null || t.words.length > best.words.length)) {
                    best = t;
                }
            }
        }
        return best;
    }

    private static Term longestOf(List<Term> candidates, Clauses c, int i) {
        if (candidates == null) {
            return null;
        }
        for (Term t : candidates) {
            if (matchesAt(t.words, c, i)) {
                return t;
            }
        }
        return null;
    }

    private static boolean matchesAt(String[] words, Clauses c, int i) {
        if (i + words.length > c.size()) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            if ((k > 0 && c.endsClause(i + k - 1)) || !matches(words[k], c.word(i + k))) {
                return false;
            }
        }
        return true;
    }

    /** The clauses (as bits) in which every one of {@code words} occurs. */
    private static long clausesWithAll(Clauses c, String[] words) {
        long all = -1L;
        for (String w : words) {
            long with = 0;
            for (int i = 0; i < c.size(); i++) {
                if (matches(w, c.word(i))) {
                    with |= bit(c.clauseOf(i));
                }
            }
            all &= with;
            if (all == 0) {
                return 0;
            }
        }
        return all;
    }

    /** {@code w.substring(0, MIN_STEM).hashCode()}, without the copy. */
    private static int startHash(String w) {
        int h = 0;
        for (int k = 0; k < MIN_STEM; k++) {
            h = 31 * h + w.charAt(k);
        }
        return h;
    }

    private static boolean matches(String pattern, String word) {
        return isStem(pattern) ? word.regionMatches(0, pattern, 0, pattern.length() - 1) : word.equals(pattern);
    }

    private static boolean isStem(String pattern) {
        return pattern.endsWith("*");
    }

    private static String stem(String pattern) {
        return pattern.substring(0, pattern.length() - 1);
    }
}
