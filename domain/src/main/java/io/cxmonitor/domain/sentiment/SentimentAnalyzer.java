package io.cxmonitor.domain.sentiment;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores a review or support message in [-1, 1] with a lexicon and rules, the method of VADER
 * (Hutto and Gilbert, 2014), re-implemented with a lexicon written for customer experience.
 *
 * <ol>
 *   <li>Each word or phrase of the lexicon has a valence from -4 to +4. Phrases ("charged
 *       twice", "never arrived", "still not fixed", "highly recommend") win over their words.
 *       A phrase is not negated again, except an intention marked {@code negatable} ("be back",
 *       "buy again"): "won't be back" and "would not buy again" are negative; but a "no" right
 *       before it denies it ("no hidden fees"). A {@code *} in a phrase stands for one or two
 *       words of its clause ("sent * back").
 *   <li>A negation ("not", "never", "n't", "without", "less than"...) up to four words before a
 *       word, within its clause, flips and weakens it (×-0.74): "not happy" is negative, "not bad"
 *       positive, "never had a single problem" positive; but "never so" and "never this" are
 *       emphasis, and "nothing but praise" says "only". A negation as the clause's subject reaches
 *       eight words: "nothing about this meal was good". With no opinion word in its reach, a
 *       negation is a complaint of its own (denial: "nobody greeted us").
 *   <li>A booster ("very", "really", "extremely") before a word strengthens it by 0.293, a
 *       dampener ("slightly", "a bit", "somewhat") weakens it as much, less with distance.
 *   <li>A word in capitals within a text that is not all capitals is stronger by 0.733.
 *   <li>Contrast: after "but" or "however" words count 1.5 times, before it half.
 *   <li>Sarcasm: a positive word closed by a comma and followed by "another" or "again"
 *       ("great, another crash") is negative.
 *   <li>Excess: "too" before a word of no valence ("too small", "way too loud") is mildly
 *       negative.
 *   <li>Each exclamation mark (up to four) adds 0.292 in the direction of the sum.
 *   <li>The sum s becomes the compound score s / sqrt(s² + 15).
 * </ol>
 *
 * <p>Thread-safe and allocation-light: it scores well over 100,000 texts a second on one core.
 */
public final class SentimentAnalyzer implements Serializable {

    private static final String LEXICON = "/io/cxmonitor/domain/sentiment/cx-lexicon.tsv";
    private static final double NEGATION = -0.74;
    private static final double BOOST = 0.293;
    private static final double CAPS = 0.733;
    private static final double EXCLAMATION = 0.292;
    private static final double ALPHA = 15;
    private static final double[] DISTANCE = {1.0, 0.95, 0.9, 0.85};

    /** With every word ending in "n't" ({@link #isNegator}); a contraction without its apostrophe has it by now. */
    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "none", "nothing", "nobody", "noone",
            "neither", "nor", "without", "cannot", "nope", "hardly", "barely");
    /**
     * The negators that deny nothing by themselves ("without a fuss", "hardly", "nope"): every other
     * one, with no opinion word in its reach, is a complaint ({@link #isDenial}).
     */
    private static final Set<String> NOT_DENIALS = Set.of("without", "neither", "nor", "nope", "hardly", "barely");
    private static final double DENIAL = -0.8;
    private static final Set<String> BOOSTERS = Set.of("absolutely", "amazingly", "completely", "deeply",
            "especially", "exceptionally", "extremely", "entirely", "fully", "greatly", "highly", "hugely",
            "incredibly", "really", "so", "super", "thoroughly", "totally", "truly", "utterly", "very", "most",
            "such", "seriously", "insanely", "ridiculously", "terribly", "awfully", "too", "much");
    private static final Set<String> DAMPENERS = Set.of("slightly", "somewhat", "marginally", "partly", "fairly",
            "rather", "mildly", "little", "bit", "kinda", "sorta", "almost", "occasionally");

    /**
     * All the analyzer knows of each word it knows (its misspellings too), so that a word costs one
     * look-up.
     */
    private final Map<String, Entry> entries;

    /**
     * A word's valence (null for none), the phrases it begins (null for none), and whether it negates,
     * boosts or dampens (bits).
     */
    private record Entry(Double valence, List<Phrase> phrases, int kind) implements Serializable {
        boolean negator() {
            return (kind & NEGATES) != 0;
        }
    }

    private static final int NEGATES = 1;
    private static final int BOOSTS = 2;
    private static final int DAMPENS = 4;

    /** A phrase; a {@code *} among its words stands for one or two words ("sent * back", "took * an hour"). */
    private record Phrase(String[] tokens, double valence, boolean negatable, boolean hasGap, boolean hasNegator)
            implements Serializable {}

    private static final String GAP = "*";

    /** Words after "great," that turn it into sarcasm. */
    private static final Set<String> SARCASM_CUES = Set.of("another", "again");
    private static final double EXCESS = -0.9;
    /** Words after "too" that are no excess: "me too", "too much" is a booster. */
    private static final Set<String> NOT_EXCESS = Set.of("much", "many", "me", "and", "but", "so", "as", "to", "the",
            "a", "i", "it", "was", "is");

    /** Shorter words share their single-letter spelling with other words too often ("god", "broke"). */
    static final int MISSPELT_LENGTH = 6;

    /**
     * The hash codes of the longer words, sorted: a word with a doubled letter is spelled anew only
     * when its single-letter spelling's hash is one of them, which most words' is not.
     */
    private final int[] longWordHashes;

    /** With the lexicon's words and its phrases by their first word, longest first. */
    private SentimentAnalyzer(Map<String, Double> lexicon, Map<String, List<Phrase>> phrases) {
        Map<String, Double> words = withMisspellings(lexicon);
        Set<String> known = new java.util.HashSet<>(words.keySet());
        known.addAll(phrases.keySet());
        known.addAll(NEGATORS);
        known.addAll(BOOSTERS);
        known.addAll(DAMPENERS);
        this.entries = new HashMap<>();
        for (String w : known) {
            int kind = (NEGATORS.contains(w) ? NEGATES : 0) | (BOOSTERS.contains(w) ? BOOSTS : 0)
                    | (DAMPENERS.contains(w) ? DAMPENS : 0);
            entries.put(w, new Entry(words.get(w), phrases.get(w), kind));
        }
        this.longWordHashes = words.keySet().stream().filter(w -> w.length() >= MISSPELT_LENGTH)
                .mapToInt(String::hashCode).sorted().toArray();
    }

    /**
     * The lexicon with its longer words also under their letters with every doubled letter single
     * ("recomend", "terible", "disapointed" for "recommend", "terrible", "disappointed"), so that a
     * misspelling without a doubled letter is found by the one look-up every word has; a spelling
     * two words of opposite sign share is left out.
     */
    private static Map<String, Double> withMisspellings(Map<String, Double> lexicon) {
        Map<String, Double> bySpelling = new HashMap<>();
        Set<String> ambiguous = new java.util.HashSet<>();
        lexicon.forEach((word, valence) -> {
            String single = singleLetters(word);
            if (single.length() >= MISSPELT_LENGTH && valence != 0 && !lexicon.containsKey(single)) {
                Double other = bySpelling.putIfAbsent(single, valence);
                if (other != null && Math.signum(other) != Math.signum(valence)) {
                    ambiguous.add(single);
                }
            }
        });
        bySpelling.keySet().removeAll(ambiguous);
        Map<String, Double> words = new HashMap<>(bySpelling);
        words.putAll(lexicon);
        return words;
    }

    /** The word with each run of one letter written once: "disappointed" is "disapointed". */
    static String singleLetters(String word) {
        int k = 1;
        while (k < word.length() && word.charAt(k) != word.charAt(k - 1)) {
            k++;
        }
        if (k >= word.length()) {
            return word; // no doubled letter: no copy
        }
        StringBuilder b = new StringBuilder(word.length()).append(word, 0, k);
        for (; k < word.length(); k++) {
            if (word.charAt(k) != word.charAt(k - 1)) {
                b.append(word.charAt(k));
            }
        }
        return b.toString();
    }

    /** The valence of the word a word the lexicon lacks misspells by a doubled letter, or null. */
    private Double misspeltValence(String word) {
        if (word.length() > MISSPELT_LENGTH && hasDoubledLetter(word)
                && Arrays.binarySearch(longWordHashes, singleLettersHash(word)) >= 0) {
            String single = singleLetters(word); // "dissapointed": one letter too many
            if (single.length() >= MISSPELT_LENGTH) {
                return valenceOf(single);
            }
        }
        return null;
    }

    private static boolean hasDoubledLetter(String word) {
        for (int k = 1; k < word.length(); k++) {
            if (word.charAt(k) == word.charAt(k - 1)) {
                return true;
            }
        }
        return false;
    }

    /** {@code singleLetters(word).hashCode()}, without spelling it. */
    static int singleLettersHash(String word) {
        int h = word.charAt(0);
        for (int k = 1; k < word.length(); k++) {
            if (word.charAt(k) != word.charAt(k - 1)) {
                h = 31 * h + word.charAt(k);
            }
        }
        return h;
    }

    /** The analyzer with CX Monitor's lexicon. */
    public static SentimentAnalyzer standard() {
        try (InputStream in = SentimentAnalyzer.class.getResourceAsStream(LEXICON)) {
            if (in == null) {
                throw new IllegalStateException("sentiment lexicon " + LEXICON + " is missing from the classpath");
            }
            return fromLexicon(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An analyzer with another lexicon: {@code term<TAB>valence} lines, a phrase optionally followed
     * by {@code <TAB>negatable}, and {@code #} for comments.
     */
    public static SentimentAnalyzer fromLexicon(InputStream lexicon) throws IOException {
        Map<String, Double> words = new HashMap<>();
        Map<String, List<Phrase>> phrases = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(lexicon, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            String term = parts[0].trim().toLowerCase(Locale.ROOT);
            double valence = Double.parseDouble(parts[1].trim());
            String[] tokens = term.split(" ");
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = Tokens.normalize(tokens[i]);
            }
            term = String.join(" ", tokens);
            boolean negatable = parts.length > 2 && parts[2].trim().equals("negatable");
            if (tokens[0].equals(GAP) || tokens[tokens.length - 1].equals(GAP)) {
                throw new IllegalArgumentException("sentiment lexicon term '" + term + "': a " + GAP
                        + " stands for words between two of a phrase's words, so it cannot begin or end one");
            }
            if (tokens.length == 1) {
                words.put(term, valence);
            } else {
                boolean hasGap = Arrays.asList(tokens).contains(GAP);
                boolean hasNegator = Arrays.stream(tokens).anyMatch(SentimentAnalyzer::isNegator);
                phrases.computeIfAbsent(tokens[0], k -> new ArrayList<>())
                        .add(new Phrase(tokens, valence, negatable, hasGap, hasNegator));
            }
        }
        phrases.values().forEach(list -> list.sort((a, b) -> b.tokens.length - a.tokens.length));
        return new SentimentAnalyzer(words, phrases);
    }

    public Sentiment label(String text) {
        return Sentiment.of(score(text));
    }

    /** The compound score in [-1, 1]; 0 for an empty or neutral text. */
    public double score(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        Tokens t = Tokens.of(text, this::isKnown);
        return scoreOf(t, valences(t));
    }

    /** With the contrast weights of the whole text and its exclamation marks. */
    private static double scoreOf(Tokens t, double[] valence) {
        int contrast = -1;
        for (int i = 0; i < t.size() && contrast < 0; i++) {
            if (isContrast(t, i)) {
                contrast = i;
            }
        }
        double sum = 0;
        for (int i = 0; i < valence.length; i++) {
            double v = valence[i];
            if (contrast >= 0) {
                v *= i < contrast ? 0.5 : i > contrast ? 1.5 : 1;
            }
            sum += v;
        }
        return compound(sum, t.exclamations());
    }

    /**
     * The text cut into clauses, each with its own score: what a topic mentioned in a clause is
     * said to be like ("delivery was fast but the app keeps crashing").
     */
    public Clauses clauses(String text) {
        Tokens t = Tokens.of(text == null ? "" : text, this::isKnown);
        double[] valence = valences(t);
        return new Clauses(t, valence, scoreOf(t, valence));
    }

    /** Whether a word means something to the analyzer: what a stretched word ("sooo") may be. */
    private boolean isKnown(String word) {
        return entries.containsKey(word) || isNegator(word);
    }

    /** The valence the lexicon gives a word, or null. */
    private Double valenceOf(String word) {
        Entry e = entries.get(word);
        return e == null ? null : e.valence;
    }

    /** "but" or "however", not the "but" of "nothing but praise" or "anything but friendly". */
    static boolean isContrast(Tokens t, int i) {
        String w = t.word(i);
        return w.equals("however") || w.equals("but") && !isOnlyBut(t, i);
    }

    /**
     * "nothing but praise" (only) and "was anything but friendly" (not at all): the "but" contrasts
     * nothing. It does in "I changed nothing but it still crashes" and "I didn't change anything but
     * the app keeps crashing".
     */
    private static boolean isOnlyBut(Tokens t, int i) {
        if (i == 0 || t.endsClause(i - 1) || i + 1 >= t.size() || t.endsClause(i)
                || CLAUSE_SUBJECTS.contains(t.word(i + 1))) {
            return false;
        }
        String before = t.word(i - 1);
        return before.equals("nothing")
                || before.equals("anything") && i > 1 && !t.endsClause(i - 2) && COPULAS.contains(t.word(i - 2));
    }

    /** What begins a clause of its own after "but". */
    private static final Set<String> CLAUSE_SUBJECTS = Set.of("it", "it's", "its", "they", "they're", "i", "i'm",
            "we", "we're", "he", "she", "you", "you're", "this", "that", "there", "then");

    /** "anything but friendly": the words after it are denied. */
    private static boolean isAnythingBut(Tokens t, int j) {
        return t.word(j).equals("but") && isOnlyBut(t, j) && t.word(j - 1).equals("anything");
    }

    /** "nothing but praise": "nothing" here says "only", and denies nothing. */
    private static boolean isNothingBut(Tokens t, int j) {
        return t.word(j).equals("nothing") && j + 1 < t.size() && t.word(j + 1).equals("but") && isOnlyBut(t, j + 1);
    }

    /** s / sqrt(s² + alpha), with the exclamation marks' emphasis, within [-1, 1]. */
    static double compound(double sum, int exclamations) {
        if (sum != 0) {
            sum += Math.signum(sum) * Math.min(exclamations, 4) * EXCLAMATION;
        }
        double compound = sum / Math.sqrt(sum * sum + ALPHA);
        return Math.max(-1, Math.min(1, compound));
    }

    /** The valence of each word, with phrases, negation, boosters and capitals; 0 for most. */
    private double[] valences(Tokens t) {
        int n = t.size();
        double[] valence = new double[n];
        boolean allCaps = t.allCaps();
        int denial = -1;
        int denialReach = 0;
        int subject = -1; // where the last negation as a clause's subject began
        Entry[] known = new Entry[n]; // each word looked up once, for itself and for the words after it
        for (int i = 0; i < n; i++) {
            known[i] = entries.get(t.word(i));
        }
        for (int i = 0; i < n; i++) {
            String w = t.word(i);
            if (denial >= 0 && (i - denial > denialReach || t.endsClause(i - 1))) {
                valence[denial] = DENIAL; // nothing in its reach had a valence to negate
                denial = -1;
            }
            Entry entry = known[i];
            boolean startsSubject = entry != null && entry.negator() && startsSubjectNegation(t, i);
            if (startsSubject) {
                subject = i;
            }
            Phrase phrase = entry == null || entry.phrases == null ? null : matchPhrase(t, i, entry.phrases);
            if (phrase != null) {
                valence[i] = boosted(t, i, phrase.valence, phrase.negatable, allCaps, subject, known);
                if (!phrase.negatable && !phrase.hasNegator && (phrase.valence < 0 && isAbsence(t, i)
                        || isDeniedBySubject(t, i, 1, subject))) {
                    valence[i] *= NEGATION; // "no hidden fees", "nothing on the menu was worth the price"
                }
                denial = settled(t, i, denial, valence, subject);
                i = matchEnd(phrase.tokens, 1, t, i + 1) - 1;
                continue;
            }
            if ((entry != null && entry.negator() || w.endsWith("n't")) && isDenial(t, i)) {
                denial = i;
                denialReach = startsSubject ? SUBJECT_REACH : DISTANCE.length;
                continue;
            }
            Double v = entry != null && entry.valence != null ? entry.valence : misspeltValence(w);
            if (v == null && t.raw(i).length() <= 4 && t.raw(i).length() != w.length()) {
                v = valenceOf(t.raw(i)); // emoticons keep their punctuation, which the word lost
                String lower = t.raw(i).toLowerCase(Locale.ROOT);
                if (v == null && lower != t.raw(i)) { // the same string when it has no capital: no second look-up
                    v = valenceOf(lower); // "A+", ":P"
                }
            }
            if (v == null && isExcess(t, i)) {
                valence[i] = boosted(t, i, EXCESS, true, allCaps, subject, known); // "not too big" is praise
                denial = settled(t, i, denial, valence, subject);
                continue;
            }
            if (v == null && isRepeatedFault(t, i)) {
                valence[i] = boosted(t, i, REPEATED_FAULT, true, allCaps, subject, known);
                denial = settled(t, i, denial, valence, subject);
                continue;
            }
            if (v == null || v == 0 || isDampenerUse(t, i) || isLikeWithoutPraise(t, i)) {
                continue;
            }
            if (v > 0 && (isSarcasm(t, i) || isPraiseOfWhatWas(t, i))) {
                v = -v;
            }
            valence[i] = boosted(t, i, v, true, allCaps, subject, known);
            denial = settled(t, i, denial, valence, subject);
        }
        if (denial >= 0) {
            valence[denial] = DENIAL;
        }
        return valence;
    }

    /**
     * A word with a valence settles a pending denial: the denial is taken up when it negates the
     * word, and stands as a complaint of its own when the word is beyond the four words any negation
     * reaches and a subject's negation does not deny it ("nothing happened, they said it was fine").
     * Returns no denial.
     */
    private static int settled(Tokens t, int i, int denial, double[] valence, int subject) {
        if (denial >= 0 && i - denial > DISTANCE.length && !isDeniedBySubject(t, i, DISTANCE.length + 1, subject)) {
            valence[denial] = DENIAL;
        }
        return -1;
    }

    /** "less than stellar", "far from perfect": two words that negate what follows. */
    private static boolean isTwoWordNegator(Tokens t, int j) {
        String w = t.word(j);
        return j > 0 && !t.endsClause(j - 1) && (w.equals("than") && t.word(j - 1).equals("less")
                || w.equals("from") && t.word(j - 1).equals("far"));
    }

    /**
     * "The light never turned green", "nobody greeted us", "it does not close": a denial of what
     * was expected is a complaint, though nothing it denies is an opinion word.
     */
    private static boolean isDenial(Tokens t, int i) {
        String w = t.word(i);
        return isNegator(w) && !NOT_DENIALS.contains(w) && !t.endsClause(i) && i + 1 < t.size()
                && !isEmphaticNever(t, i) && !isNothingBut(t, i);
    }

    private static boolean isNegator(String w) {
        return NEGATORS.contains(w) || w.endsWith("n't");
    }

    /** Applies boosters, dampeners, capitals and (for single words) negation from the words before. */
    private double boosted(Tokens t, int i, double v, boolean negatable, boolean allCaps, int subject, Entry[] known) {
        double sign = Math.signum(v);
        double result = v;
        if (!allCaps && t.isCaps(i)) {
            result += sign * CAPS;
        }
        boolean negated = false;
        for (int d = 1; d <= DISTANCE.length && i - d >= 0; d++) {
            int j = i - d;
            String w = t.word(j);
            if (t.endsClause(j) || isContrast(t, j)) {
                break; // "not fast but reliable": the negation stays on its side of the contrast
            }
            int kind = known[j] == null ? 0 : known[j].kind;
            if (d <= 3 && (kind & BOOSTS) != 0) {
                result += sign * BOOST * DISTANCE[d - 1];
            } else if (d <= 3 && ((kind & DAMPENS) != 0 || isTwoWordDampener(t, j))) {
                result -= sign * BOOST * DISTANCE[d - 1];
            }
            if (negatable && !negated && (((kind & NEGATES) != 0 || w.endsWith("n't")) && !isEmphaticNever(t, j)
                    && !isNothingBut(t, j)
                    || isAnythingBut(t, j) || isTwoWordNegator(t, j) || isCounterfactual(t, j) || isPastState(t, j))) {
                negated = !isStopBetween(t, j, i); // "paid less than $20 and love it"
            }
        }
        negated |= negatable && isDeniedBySubject(t, i, DISTANCE.length + 1, subject);
        return negated ? result * NEGATION : result;
    }

    /**
     * Whether a negation as its clause's subject denies word i from at least {@code nearest} words
     * before it ({@code subject}: where the last such negation began, or -1): "nothing about this
     * meal was good", "not a single agent was helpful". Beyond the four words any negation reaches,
     * the word must follow the clause's verb closely, or it is not what is denied: "nothing is too
     * much trouble for the lovely staff" praises the staff.
     */
    private static boolean isDeniedBySubject(Tokens t, int i, int nearest, int subject) {
        if (subject < 0 || i - subject > SUBJECT_REACH) {
            return false; // no such negation in reach: most texts
        }
        int verb = -1;
        for (int j = i - 1; j >= 0 && i - j <= SUBJECT_REACH; j--) {
            String w = t.word(j);
            if (t.endsClause(j) || isContrast(t, j) || CONJUNCTIONS.contains(w)) {
                return false; // "none of the tips fit and it hurts": another clause
            }
            if (verb < 0 && COPULAS.contains(w)) {
                verb = j;
            }
            if (i - j >= nearest && startsSubjectNegation(t, j)) {
                return i - j <= DISTANCE.length || verb > j && i - verb <= 3;
            }
        }
        return false;
    }

    /** Conjunctions a negation does not reach across. */
    private static final Set<String> NEGATION_STOPS = Set.of("and", "or", "because", "although", "though",
            "while", "if");

    private static boolean isStopBetween(Tokens t, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (NEGATION_STOPS.contains(t.word(k))) {
                return true;
            }
        }
        return false;
    }
    private static final Set<String> SUBJECT_NEGATORS = Set.of("nothing", "nobody", "none", "noone");
    private static final int SUBJECT_REACH = 8;
    /**
     * Where a clause of its own begins: a conjunction, or what follows knowing or saying ("no one told
     * me it was late").
     */
    private static final Set<String> CONJUNCTIONS = Set.of("and", "or", "so", "because", "when", "while", "if",
            "since", "until", "then", "after", "before", "that", "which", "why", "how", "what", "where", "know", "knew",
            "told", "tell", "said", "say", "says", "explained", "mentioned", "informed", "warned");
    /** A clause's verb, when it links its subject to what is said of it. */
    private static final Set<String> COPULAS = Set.of("is", "was", "were", "are", "be", "been", "seemed", "seems",
            "seem", "looked", "looks", "felt", "feels", "tasted", "tastes", "sounded", "sounds", "could", "would",
            "will", "can", "did", "does", "do", "has", "had", "have");

    /** Whether word j begins a negation that is its clause's subject: "nothing", "nobody", "no one", "not a single". */
    private static boolean startsSubjectNegation(Tokens t, int j) {
        String w = t.word(j);
        if (SUBJECT_NEGATORS.contains(w)) {
            return !isNothingBut(t, j);
        }
        if (!(w.equals("no") || w.equals("not")) || j + 1 >= t.size() || t.endsClause(j)) {
            return false;
        }
        String next = t.word(j + 1);
        return next.equals("one") || next.equals("single")
                || next.equals("a") && j + 2 < t.size() && !t.endsClause(j + 1) && t.word(j + 2).equals("single");
    }

    /**
     * "could have been better", "would have loved it": what might have been, and so was not. A
     * negated modal ("couldn't have been better") is the negation's.
     */
    private static boolean isCounterfactual(Tokens t, int j) {
        String w = t.word(j);
        boolean modal = w.equals("have") ? j > 0 && !t.endsClause(j - 1) && MODALS.contains(t.word(j - 1))
                : w.endsWith("'ve") && MODALS.contains(w.substring(0, w.length() - 3));
        return modal && j + 1 < t.size() && isPastParticiple(t.word(j + 1)); // not "everyone should have this"
    }

    /** "been", "loved", "given", "made": what follows "could have" in a counterfactual. */
    private static boolean isPastParticiple(String w) {
        return w.endsWith("ed") || w.endsWith("en") || w.endsWith("wn") || PARTICIPLES.contains(w);
    }

    private static final Set<String> PARTICIPLES = Set.of("made", "had", "done", "gone", "got", "bought", "paid", "felt",
            "thought", "kept", "left", "sent", "spent", "found", "heard", "put", "read", "said", "told", "won");

    private static final Set<String> MODALS = Set.of("could", "should", "would", "might");

    /** "I used to love this app", "it used to be my favorite": what was, and is no longer. */
    private static boolean isPastState(Tokens t, int j) {
        return j > 0 && t.word(j).equals("to") && t.word(j - 1).equals("used") && !t.endsClause(j - 1)
                && !(j > 1 && GETTING.contains(t.word(j - 2))); // "easy to get used to": accustomed
    }

    private static final Set<String> GETTING = Set.of("get", "gets", "got", "getting", "gotten");

    /**
     * "The old version was much better", "the previous model was faster": the comparison praises
     * what was, so it blames what is ("better than my old one" praises the new one).
     */
    private static boolean isPraiseOfWhatWas(Tokens t, int i) {
        if (!COMPARATIVE_PRAISE.contains(t.word(i))) {
            return false;
        }
        boolean past = false;
        boolean whatWas = false;
        for (int j = i - 1; j >= 0 && !t.endsClause(j); j--) {
            String w = t.word(j);
            if (isContrast(t, j) || COMPARING.contains(w)) {
                return false; // "compared to my old one this is better"
            }
            past |= i - j <= 3 && PAST.contains(w);
            whatWas |= past && i - j <= 6 && WHAT_WAS.contains(w);
        }
        return whatWas;
    }

    private static final Set<String> COMPARATIVE_PRAISE = Set.of("better", "faster", "easier", "nicer", "smoother",
            "cheaper", "clearer", "quieter", "lighter", "stronger", "tastier", "fresher", "superior");
    private static final Set<String> WHAT_WAS = Set.of("old", "older", "previous", "former", "original", "prior");
    private static final Set<String> COMPARING = Set.of("than", "compared", "unlike", "versus", "vs", "over");
    /** The old thing was: "an old-school diner with better food" compares nothing that was. */
    private static final Set<String> PAST = Set.of("was", "were", "been", "seemed", "felt", "looked", "sounded",
            "tasted", "worked", "ran");

    /** "great, another crash", "perfect, again": praise that announces a complaint. */
    private static boolean isSarcasm(Tokens t, int i) {
        return t.endsClause(i) && i + 1 < t.size() && SARCASM_CUES.contains(t.word(i + 1));
    }

    /** "too small", "way too loud": the word has no valence of its own, "too" makes it a fault. */
    private boolean isExcess(Tokens t, int i) {
        return i > 0 && t.word(i - 1).equals("too") && !t.endsClause(i - 1) && !NOT_EXCESS.contains(t.word(i))
                && !t.word(i).isEmpty() && Character.isLetter(t.word(i).charAt(0));
    }

    /**
     * "It keeps restarting", "the screen kept flickering": what keeps happening by itself is a fault,
     * unless it is the product going on ("keeps working", "keeps going"), encouragement ("Keep doing
     * what you do!") or the reviewer's own habit ("we keep ordering from them").
     */
    private static boolean isRepeatedFault(Tokens t, int i) {
        String w = t.word(i);
        return i > 0 && w.length() > 5 && w.endsWith("ing") && KEEPS.contains(t.word(i - 1)) && !t.endsClause(i - 1)
                && !KEEPS_GOING.contains(w) && !(t.word(i - 1).equals("keep") && (i == 1 || t.endsClause(i - 2)))
                && !(i > 1 && CUSTOMERS.contains(t.word(i - 2))); // "we keep ordering from them": loyalty
    }

    /** Who keeps doing something by choice: the reviewer, not the product. */
    private static final Set<String> CUSTOMERS = Set.of("i", "we", "i'll", "we'll", "i'd", "we'd");

    private static final Set<String> KEEPS = Set.of("keep", "keeps", "kept", "keeping");
    /** What keeps on that is no fault: the product itself going on, or getting better. */
    private static final Set<String> KEEPS_GOING = Set.of("working", "going", "running", "improving", "getting",
            "coming", "charging", "lasting", "performing", "delivering", "surprising", "impressing", "ticking");
    private static final double REPEATED_FAULT = -1.2;

    /**
     * "no hidden fees", "without any hidden fees", "no more dropped calls": a complaint that is not
     * negated by a negation in its reach is still denied by a "no" or "without" right before it
     * (not praise: "no thank you" declines).
     */
    private static boolean isAbsence(Tokens t, int i) {
        int j = i - 1;
        if (j > 0 && !t.endsClause(j) && !t.endsClause(j - 1)
                && (t.word(j).equals("more") || t.word(j).equals("longer") || t.word(j).equals("any"))) {
            j--;
        }
        return j >= 0 && !t.endsClause(j) && (t.word(j).equals("no") || t.word(j).equals("without"));
    }

    /** "never so pleased", "never this happy", "never felt this smooth": emphasis, not negation. */
    private static boolean isEmphaticNever(Tokens t, int j) {
        if (!t.word(j).equals("never") || j + 2 >= t.size()) {
            return false;
        }
        String next = LINKING_VERBS.contains(t.word(j + 1)) ? t.word(j + 2) : t.word(j + 1);
        return next.equals("so") || next.equals("this");
    }

    /** What may come between "never" and "this" or "so" in an emphasis. */
    private static final Set<String> LINKING_VERBS = Set.of("been", "felt", "looked", "seemed", "tasted",
            "sounded", "smelled", "smelt", "slept");

    /**
     * "I would like a refund", "we'd like to know": "like" wishes here, and praises nothing.
     */
    private static boolean isLikeWithoutPraise(Tokens t, int i) {
        if (!t.word(i).equals("like")) {
            return false;
        }
        int j = i - 1;
        while (j >= 0 && !t.endsClause(j) && (BOOSTERS.contains(t.word(j)) || t.word(j).equals("just"))) {
            j--; // "I would really like"
        }
        return j >= 0 && !t.endsClause(j) && WISHING.contains(t.word(j));
    }

    /** "would like": a wish. */
    private static final Set<String> WISHING = Set.of("would", "i'd", "we'd", "you'd", "they'd", "he'd", "she'd",
            "should");

    /** "kind of", "sort of": the word is a dampener here, not an opinion. */
    private static boolean isDampenerUse(Tokens t, int i) {
        String w = t.word(i);
        return (w.equals("kind") || w.equals("sort")) && i + 1 < t.size() && t.word(i + 1).equals("of");
    }

    private static boolean isTwoWordDampener(Tokens t, int j) {
        String w = t.word(j);
        return w.equals("of") && j > 0 && (t.word(j - 1).equals("kind") || t.word(j - 1).equals("sort"));
    }

    /** The longest of the phrases that begin with word i that stays within its clause, or null. */
    private static Phrase matchPhrase(Tokens t, int i, List<Phrase> candidates) {
        for (Phrase p : candidates) {
            if (p.hasGap) {
                if (matchEnd(p.tokens, 1, t, i + 1) >= 0) {
                    return p;
                }
                continue;
            }
            if (i + p.tokens.length > t.size()) {
                continue;
            }
            boolean match = true;
            for (int k = 1; k < p.tokens.length && match; k++) {
                match = !t.endsClause(i + k - 1) && t.word(i + k).equals(p.tokens[k]);
            }
            if (match) {
                return p;
            }
        }
        return null;
    }

    /**
     * The word after a phrase whose words from the k-th on match from word j, or -1 when they do not:
     * a gap takes one word, else two, and no word of the phrase is past the end of its clause.
     */
    private static int matchEnd(String[] tokens, int k, Tokens t, int j) {
        if (k == tokens.length) {
            return j;
        }
        if (j >= t.size() || t.endsClause(j - 1)) {
            return -1;
        }
        if (!tokens[k].equals(GAP)) {
            return t.word(j).equals(tokens[k]) ? matchEnd(tokens, k + 1, t, j + 1) : -1;
        }
        if (GAP_REFUSES.contains(t.word(j))) {
            return -1;
        }
        int end = matchEnd(tokens, k + 1, t, j + 1);
        return end >= 0 || t.endsClause(j) || j + 1 >= t.size() || GAP_REFUSES.contains(t.word(j + 1)) ? end
                : matchEnd(tokens, k + 1, t, j + 2);
    }

    /** Words a gap does not take, for they change what the phrase says: "took less than an hour". */
    private static final Set<String> GAP_REFUSES = Set.of("less", "than", "only", "under", "just", "not", "no",
            "never", "barely");
}
