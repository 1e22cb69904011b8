package io.cxmonitor.domain.topics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words and two-word phrases of a text that may become emerging terms (SPEC 7), with what
 * could name a person or an account left out: no token with a digit, an {@code @}, a dot or a
 * slash inside (e-mail addresses, order numbers, phone numbers, links), and no capitalised word,
 * which may be a name (a sentence's first word too: "Sarah hung up"), unless it is shouted in
 * capitals. Function words are dropped; a phrase is two kept words next to each other in one
 * clause.
 */
public final class TermExtractor {

    private static final int MIN_LENGTH = 3;
    private static final int MAX_LENGTH = 20;
    /** Words too common to say anything on their own. */
    private static final Set<String> STOP = Set.of("the", "and", "for", "but", "not", "you", "your", "yours", "our",
            "ours", "are", "was", "were", "has", "have", "had", "having", "this", "that", "these", "those", "with",
            "from", "they", "them", "their", "theirs", "she", "her", "hers", "him", "his", "its", "it's", "i'm",
            "i've", "i'd", "i'll", "you're", "we're", "they're", "there", "here", "what", "when", "where", "which",
            "who", "whom", "why", "how", "all", "any", "can", "could", "would", "should", "will", "just", "also",
            "very", "really", "than", "then", "too", "into", "onto", "out", "about", "after", "before", "again",
            "over", "under", "more", "most", "some", "such", "only", "own", "same", "other", "each", "both", "few",
            "did", "does", "doing", "done", "been", "being", "because", "while", "until", "once", "get", "got",
            "let", "may", "might", "must", "shall", "one", "two", "still", "even", "ever", "yet", "now", "well",
            "much", "many", "lot", "lots", "way", "thing", "things", "like", "said", "says", "say", "hello", "dear",
            "please", "thanks", "thank", "regards", "hi", "hey", "yes", "yeah", "okay");

    private TermExtractor() {}

    /** The distinct terms of {@code text}, words first, then phrases. */
    public static List<String> terms(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        Set<String> phrases = new LinkedHashSet<>();
        String previous = null; // the last kept word, while no break came after it
        for (String raw : text.trim().split("\\s+")) {
            int from = 0;
            int to = raw.length();
            while (from < to && !Character.isLetterOrDigit(raw.charAt(from))) {
                from++;
            }
            while (to > from && !Character.isLetterOrDigit(raw.charAt(to - 1))) {
                to--;
            }
            String core = raw.substring(from, to);
            String after = raw.substring(to);
            String word = keep(core);
            if (word == null) {
                previous = null;
            } else {
                words.add(word);
                if (previous != null) {
                    phrases.add(previous + " " + word);
                }
                previous = word;
            }
            boolean endsClause = !after.isEmpty() && after.chars().anyMatch(c -> ".,;:!?)".indexOf(c) >= 0);
            if (endsClause) {
                previous = null;
            }
        }
        List<String> terms = new ArrayList<>(words);
        terms.addAll(phrases);
        return terms;
    }

    /** The word in lower case, or null when it is too short or long, a function word, or could be personal. */
    private static String keep(String core) {
        if (core.length() < MIN_LENGTH || core.length() > MAX_LENGTH) {
            return null;
        }
        boolean upper = true;
        for (int i = 0; i < core.length(); i++) {
            char c = core.charAt(i);
            if (!(Character.isLetter(c) || c == '\'' || c == '’' || c == '-')) {
                return null; // digits, @, dots, slashes: ids, numbers, addresses, links
            }
            upper &= !Character.isLowerCase(c);
        }
        boolean shouted = upper && core.length() >= 4;
        if (Character.isUpperCase(core.charAt(0)) && !shouted) {
            return null; // a capitalised word may be a name
        }
        String word = core.toLowerCase(Locale.ROOT).replace('’', '\'');
        return STOP.contains(word) ? null : word;
    }
}
