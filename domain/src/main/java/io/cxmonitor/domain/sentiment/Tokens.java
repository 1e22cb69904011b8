package io.cxmonitor.domain.sentiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A text split into words: each lower-cased without surrounding punctuation, with its raw form,
 * whether it is in capitals, and whether punctuation ends a clause after it.
 */
final class Tokens {

    private String[] words = new String[16];
    private String[] raws = new String[16];
    private boolean[] caps = new boolean[16];
    private boolean[] clauseEnds = new boolean[16];
    private int size;
    private int exclamations;
    private int letters;
    private int upperLetters;

    private Tokens() {}

    /** A text's words, each spelled as written. */
    static Tokens of(String text) {
        return of(text, w -> false);
    }

    /**
     * A text's words; a stretched word ("sooo", "loooved") becomes the form with its runs of a
     * letter shortened to two or to one that {@code known} knows ("so", "loved"), else to two.
     */
    static Tokens of(String text, Predicate<String> known) {
        Tokens t = new Tokens();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                char c = text.charAt(i);
                if (c == '!') {
                    t.exclamations++;
                }
                i++;
                if (c < 'A' && isClausePunctuation(c) && i < n && endsRunBeforeLetter(text, start, i)) {
                    t.add(text.substring(start, i), known); // "Works great.Would buy again", "fast,no fuss"
                    start = i;
                }
            }
            if (i > start) {
                t.add(text.substring(start, i), known);
            }
        }
        return t;
    }

    private static boolean isClausePunctuation(char c) {
        return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
    }

    /**
     * Whether the punctuation just before {@code i} ends a run that follows a letter or digit and
     * precedes a letter: a missing space, not a number ("5.3.0", "1,000") nor an emoticon.
     */
    private static boolean endsRunBeforeLetter(String text, int start, int i) {
        if (!Character.isLetter(text.charAt(i))) {
            return false;
        }
        int k = i - 1;
        while (k > start && isClausePunctuation(text.charAt(k))) {
            k--;
        }
        return Character.isLetterOrDigit(text.charAt(k));
    }

    private void add(String raw, Predicate<String> known) {
        int from = 0;
        int to = raw.length();
        while (from < to && isTrim(raw.charAt(from))) {
            from++;
        }
        boolean clauseEnd = false;
        while (to > from && isTrim(raw.charAt(to - 1))) {
            char c = raw.charAt(to - 1);
            clauseEnd |= c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')';
            to--;
        }
        String core = raw.substring(from, to);
        boolean upper = false;
        boolean stretched = false;
        int lettersHere = 0;
        int upperHere = 0;
        for (int k = 0; k < core.length(); k++) {
            char c = core.charAt(k);
            if (Character.isLetter(c)) {
                lettersHere++;
                if (Character.isUpperCase(c)) {
                    upperHere++;
                }
                stretched |= k >= 2 && c == core.charAt(k - 1) && c == core.charAt(k - 2);
            }
        }
        letters += lettersHere;
        upperLetters += upperHere;
        upper = lettersHere >= 2 && upperHere == lettersHere;
        if (size == words.length) {
            words = Arrays.copyOf(words, size * 2);
            raws = Arrays.copyOf(raws, size * 2);
            caps = Arrays.copyOf(caps, size * 2);
            clauseEnds = Arrays.copyOf(clauseEnds, size * 2);
        }
        String word = core.isEmpty() ? raw : core.toLowerCase(Locale.ROOT).replace('’', '\'');
        words[size] = normalize(stretched ? unstretched(word, w -> known.test(normalize(w))) : word); // "dooont"
        raws[size] = raw;
        caps[size] = upper;
        clauseEnds[size] = clauseEnd && !core.isEmpty();
        size++;
    }

    /**
     * Contractions written without their apostrophe, as quick reviews often are ("dont waste your
     * money"), in their usual form, so that the lexicon's phrases need one spelling.
     */
    private static final Map<String, String> CONTRACTIONS = Map.ofEntries(
            Map.entry("dont", "don't"), Map.entry("doesnt", "doesn't"), Map.entry("didnt", "didn't"),
            Map.entry("cant", "can't"), Map.entry("wont", "won't"), Map.entry("isnt", "isn't"),
            Map.entry("wasnt", "wasn't"), Map.entry("arent", "aren't"), Map.entry("werent", "weren't"),
            Map.entry("wouldnt", "wouldn't"), Map.entry("shouldnt", "shouldn't"), Map.entry("couldnt", "couldn't"),
            Map.entry("hasnt", "hasn't"), Map.entry("havent", "haven't"), Map.entry("hadnt", "hadn't"),
            Map.entry("aint", "ain't"));

    /** A lower-case word in the form the lexicon spells it. */
    static String normalize(String word) {
        int n = word.length();
        if (n < 4 || word.charAt(n - 1) != 't' || word.charAt(n - 2) != 'n') {
            return word; // most words: no look-up
        }
        return CONTRACTIONS.getOrDefault(word, word);
    }

    /** No English word has a letter three times in a row: a word that has is stretched for emphasis. */
    static String unstretched(String word, Predicate<String> known) {
        String two = shortenRuns(word, 2);
        if (known.test(two)) {
            return two;
        }
        String one = shortenRuns(word, 1);
        return known.test(one) ? one : two;
    }

    private static String shortenRuns(String word, int longest) {
        StringBuilder b = new StringBuilder(word.length());
        int run = 0;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            run = k > 0 && word.charAt(k - 1) == c ? run + 1 : 1;
            if (run <= longest || !Character.isLetter(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isTrim(char c) {
        return !Character.isLetterOrDigit(c) && c != '\'' && c != '’' && c != '-' && c != '/' && c < 0x2000;
    }

    int size() {
        return size;
    }

    String word(int i) {
        return words[i];
    }

    String raw(int i) {
        return raws[i];
    }

    boolean isCaps(int i) {
        return caps[i];
    }

    boolean endsClause(int i) {
        return clauseEnds[i];
    }

    int exclamations() {
        return exclamations;
    }

    /** Shouting throughout is no emphasis of single words. */
    boolean allCaps() {
        return letters > 0 && upperLetters == letters;
    }
}
