package io.cxmonitor.domain.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SentimentAnalyzerTest {

    private final SentimentAnalyzer analyzer = SentimentAnalyzer.standard();

    private double score(String text) {
        return analyzer.score(text);
    }

    @Test
    void aTextWithoutOpinionIsNeutral() {
        assertThat(score("Can I change the delivery address for my order?")).isZero();
        assertThat(analyzer.label("I ordered the blue one.")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(score("")).isZero();
        assertThat(score(null)).isZero();
    }

    @Test
    void negationFlipsAndWeakens() {
        assertThat(score("I am happy")).isPositive();
        assertThat(score("I am not happy")).isNegative();
        assertThat(score("not bad at all")).isPositive();
        assertThat(score("The app doesn't crash anymore")).isPositive();
        assertThat(Math.abs(score("not great"))).isLessThan(Math.abs(score("great")));
    }

    /** Quick reviews drop the apostrophe; the lexicon's phrases, spelled either way, still match. */
    @Test
    void contractionsWithoutTheirApostropheReadAsWithIt() {
        assertThat(score("Dont waste your money")).isNegative().isEqualTo(score("Don't waste your money"));
        assertThat(score("Cant beat it for the price")).isPositive().isEqualTo(score("Can't beat it for the price"));
        assertThat(score("It won't hold a charge")).isNegative().isEqualTo(score("It wont hold a charge"));
        assertThat(score("Doesnt work")).isNegative();
        assertThat(score("I can't")).isEqualTo(score("I cant")).isZero();
    }

    /** Typed in a hurry: the full stop or comma without its space still ends the word and the clause. */
    @Test
    void punctuationWithoutItsSpaceStillSeparatesWords() {
        assertThat(score("Wow...Loved this place.")).isPositive().isEqualTo(score("Wow... Loved this place."));
        assertThat(score("Food was amazing!Will be back")).isEqualTo(score("Food was amazing! Will be back"));
        assertThat(score("Great screen,but the battery is awful")).as("the contrast is found")
                .isEqualTo(score("Great screen, but the battery is awful")).isNegative();
        assertThat(score("No,the service was great")).as("the clause ends after No").isPositive();
        Tokens numbers = Tokens.of("Version 5.3.0 costs $1,000.Fine");
        assertThat(numbers.size()).as("numbers stay whole").isEqualTo(5);
        assertThat(numbers.word(1)).isEqualTo("5.3.0");
        assertThat(numbers.word(3)).isEqualTo("1,000");
        assertThat(numbers.word(4)).isEqualTo("fine");
        assertThat(Tokens.of("e.g.this").size()).isEqualTo(3);
        assertThat(Tokens.of("ok :) fine").size()).isEqualTo(3);
    }

    /** No English word has a letter three times in a row: "sooo", "loooved" are stretched for emphasis. */
    @Test
    void stretchedWordsReadAsTheWordsTheyStretch() {
        assertThat(score("I loooved it")).isEqualTo(score("I loved it")).isPositive();
        assertThat(score("Sooo good")).isEqualTo(score("So good"));
        assertThat(score("goood stuff")).isEqualTo(score("good stuff")).isPositive();
        assertThat(score("Sooooo baaaad")).isEqualTo(score("So bad")).isNegative();
        assertThat(score("Dooont buy it")).as("a stretched contraction").isEqualTo(score("Don't buy it")).isNegative();
        assertThat(score("Noooo, it was fine")).as("the negator, which the clause ends").isPositive();
        assertThat(Tokens.of("Zzzzz", w -> false).word(0)).as("unknown either way: two of each").isEqualTo("zz");
    }

    /** The commonest misspelling doubles a letter or drops one of a pair. */
    @Test
    void wordsMisspeltByADoubledLetterAreRead() {
        assertThat(score("Very dissapointed")).isEqualTo(score("Very disappointed")).isNegative();
        assertThat(score("I recomend it")).isEqualTo(score("I recommend it")).isPositive();
        assertThat(score("Terible service")).isEqualTo(score("Terrible service")).isNegative();
        assertThat(score("An excelent phone")).isPositive();
        assertThat(score("Not helpfull at all")).isEqualTo(score("Not helpful at all")).isNegative();
        assertThat(score("oh my god")).as("short words share their spelling too often: not read").isZero();
        assertThat(SentimentAnalyzer.singleLetters("disappointed")).isEqualTo("disapointed");
        assertThat(SentimentAnalyzer.singleLetters("recomend")).isSameAs(SentimentAnalyzer.singleLetters("recomend"));
    }

    /** What might have been was not: the modal negates; a negated modal is praise. */
    @Test
    void whatCouldHaveBeenIsNegated() {
        assertThat(score("Could have been better.")).isNegative().isEqualTo(score("Could've been better."));
        assertThat(score("I would have loved it if it worked.")).isNegative();
        assertThat(score("It could have been worse.")).isPositive();
        assertThat(score("Couldn't have been better.")).isPositive();
        assertThat(score("I would have given it five stars")).as("a phrase is not negated again").isPositive();
        assertThat(score("Could we have it better?")).as("no modal right before have").isPositive();
        assertThat(score("Everyone should have this amazing app")).as("a recommendation, not a counterfactual")
                .isPositive();
    }

    /** A negation stays on its side of a contrast: "not fast but reliable" praises. */
    @Test
    void negationDoesNotReachAcrossAContrast() {
        assertThat(score("Not fast but reliable.")).isPositive();
        assertThat(score("No frills but delicious.")).isPositive();
        assertThat(score("Not the cheapest but worth it")).isPositive();
        assertThat(score("Not reliable.")).isNegative();
    }

    /** "nothing but" says "only"; "anything but" denies: neither "but" is a contrast. */
    @Test
    void nothingButAndAnythingButAreNoContrast() {
        assertThat(score("Nothing but praise for the staff.")).isPositive();
        assertThat(score("Nothing but trouble since day one.")).isNegative();
        assertThat(score("The service was anything but friendly.")).isNegative();
        assertThat(score("It is anything but cheap junk")).isPositive();
        assertThat(score("Nothing works, but the staff were lovely")).as("a contrast after all").isPositive();
        assertThat(score("I didn't change anything but the app keeps crashing")).as("a contrast").isNegative();
        assertThat(score("I changed nothing but it still crashes")).as("a contrast").isNegative();
    }

    /** "nothing", "nobody" or "none" as the subject denies its whole clause, and no further. */
    @Test
    void aNegationAsSubjectDeniesItsClause() {
        assertThat(score("Nothing about this meal was good.")).isNegative();
        assertThat(score("Nothing on the menu was worth the price.")).as("a phrase too").isNegative();
        assertThat(score("Nobody at the front desk was friendly")).isNegative();
        assertThat(score("None of the ear tips fit and it hurts after an hour")).as("not past 'and'").isNegative();
        assertThat(score("Not one thing on the plate was good")).isNegative();
        assertThat(score("Not a single agent was helpful")).isNegative();
        assertThat(score("No one at the front desk was helpful")).as("one negation, not two")
                .isEqualTo(score("Nobody at the front desk was helpful"));
        assertThat(score("Nobody took the time to listen")).as("a phrase, near").isNegative();
        assertThat(score("Nothing is too much trouble for the lovely staff")).as("far from the verb").isPositive();
        assertThat(score("Nothing happened and they said ok")).as("the denial stands").isNegative();
        assertThat(score("Not a single person at the desk was rude")).isPositive();
        assertThat(score("Nobody needs a reservation and the food is good")).as("not past 'and'").isPositive();
    }

    @Test
    void lessThanAndFarFromNegate() {
        assertThat(score("Less than stellar.")).isNegative();
        assertThat(score("Paid less than 20 dollars and love it")).as("not past 'and'").isPositive();
        assertThat(score("No lag and great battery")).as("not past 'and'").isPositive();
        assertThat(score("Far from perfect")).isNegative();
        assertThat(score("It costs less than the others and works great")).isPositive();
    }

    /** A phrase a negation does not reach is still denied by a "no" or "without" right before it. */
    @Test
    void noBeforeAPhraseDeniesIt() {
        assertThat(score("Hidden fees everywhere.")).isNegative();
        assertThat(score("No hidden fees.")).isPositive();
        assertThat(score("No more dropped calls.")).isPositive();
        assertThat(score("Booked without any hidden fees")).isPositive();
        assertThat(score("I did not know about the hidden fees")).as("a phrase is not negated from afar").isNegative();
        assertThat(score("No thank you")).as("a courtesy declined, not denied").isPositive();
        assertThat(score("I want no more. Hidden fees everywhere")).isNegative();
    }

    /** A * in a lexicon phrase stands for one or two words of its clause. */
    @Test
    void aGapInAPhraseTakesOneOrTwoWords() throws IOException {
        SentimentAnalyzer gaps = SentimentAnalyzer.fromLexicon(new ByteArrayInputStream(
                "sent * back\t-2\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(gaps.score("We sent it back")).isNegative();
        assertThat(gaps.score("We sent my plate back")).isNegative();
        assertThat(gaps.score("We sent the cold plate back")).as("three words").isZero();
        assertThat(gaps.score("We sent back")).as("at least one word").isZero();
        assertThat(gaps.score("We sent it. Back home now")).as("within a clause").isZero();
        assertThat(score("It took them an hour to bring the check.")).isNegative();
        assertThat(score("Setup took less than an hour.")).as("a gap takes no 'less than'").isNotNegative();
        assertThatThrownBy(() -> SentimentAnalyzer.fromLexicon(new ByteArrayInputStream(
                "* back\t-2\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("* back");
    }

    /** What was, and is no longer: the app that used to be loved, the old version that was better. */
    @Test
    void praiseOfWhatWasBlamesWhatIs() {
        assertThat(score("I used to love this app.")).isNegative();
        assertThat(score("It used to be my favorite spot.")).isNegative();
        assertThat(score("I used to hate broccoli but I love theirs.")).isPositive();
        assertThat(score("Easy to get used to and great value")).as("accustomed, not a past state").isPositive();
        assertThat(score("The old version was much better.")).isNegative();
        assertThat(score("The previous model ran faster")).isNegative();
        assertThat(score("Better than my old one.")).as("praises the new one").isPositive();
        assertThat(score("Compared to my old one this is better.")).isPositive();
        assertThat(score("Old school diner with better food than most")).as("compares nothing that was").isPositive();
    }

    @Test
    void whatKeepsHappeningByItselfIsAFault() {
        assertThat(score("It keeps restarting.")).isNegative();
        assertThat(score("The screen kept flickering")).isNegative();
        assertThat(score("It keeps going and going.")).isZero();
        assertThat(score("It never kept restarting")).as("negatable").isPositive();
        assertThat(score("Keep doing what you are doing!")).as("encouragement").isZero();
        assertThat(score("Great pasta. Keep cooking like this!")).isPositive();
        assertThat(score("We keep ordering from them")).as("the reviewer's habit").isZero();
    }

    /** A denial with no opinion word in its reach is a complaint; one with an opinion word negates it. */
    @Test
    void denyingWhatWasExpectedIsAComplaint() {
        assertThat(score("The light never turned green.")).isNegative();
        assertThat(score("Nobody greeted us at the door")).isNegative();
        assertThat(score("Nobody was helpful")).as("a denial is a negator: it negates what it reaches").isNegative();
        assertThat(score("Nobody was rude")).isPositive();
        assertThat(score("The case does not close all the way")).isNegative();
        assertThat(score("I was not pleased")).as("negates the opinion, no denial besides")
                .isEqualTo(SentimentAnalyzer.compound(-0.74 * 2.2, 0));
        assertThat(score("The app doesn't crash anymore")).isPositive();
        assertThat(score("The box was not too big")).as("negated excess, no denial besides").isPositive();
        assertThat(score("It never gets hot")).as("praise said as a denial, by a negatable phrase").isPositive();
        assertThat(score("The charger gets hot")).isNegative();
        assertThat(score("No, the service was great")).as("an answer, not a denial").isPositive();
        assertThat(score("Never been so pleased")).isPositive();
        assertThat(score("I ordered the blue one.")).isZero();
        assertThat(score("I can't")).as("nothing denied").isZero();
        assertThat(score("The light never turned green. Great service!")).as("a clause of its own")
                .isGreaterThan(score("Great service!") - 0.25).isLessThan(score("Great service!"));
    }

    /** A term written twice would have two valences, the first of which silently wins. */
    @Test
    void everyTermOfTheLexiconIsWrittenOnceAsTheAnalyzerSpellsIt() throws IOException {
        Set<String> terms = new HashSet<>();
        try (InputStream in = SentimentAnalyzer.class.getResourceAsStream("/io/cxmonitor/domain/sentiment/cx-lexicon.tsv")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> Arrays.stream(l.split("\t")[0].trim().toLowerCase(Locale.ROOT).split(" "))
                            .map(Clauses::spelling).collect(Collectors.joining(" ")))
                    .forEach(term -> assertThat(terms.add(term)).as("written twice: %s", term).isTrue());
        }
        assertThat(terms).hasSizeGreaterThan(2_000);
    }

    @Test
    void readsRatingsWrittenAsFractions() {
        assertThat(score("Honestly 2/10.")).isNegative();
        assertThat(score("Food was 3 out of 10 at best")).isNegative();
        assertThat(score("9/10 would order again")).isPositive();
        assertThat(score("I'd give it four out of five")).isPositive();
        assertThat(score("0/5")).isLessThan(score("2/5")).isNegative();
    }

    @Test
    void negationStopsAtTheEndOfAClause() {
        assertThat(score("No, the service was great")).isPositive();
    }

    @Test
    void neverSoIsEmphasisNotNegation() {
        assertThat(score("Never been so pleased")).isPositive();
        assertThat(score("Never pleased")).isNegative();
    }

    @Test
    void boostersStrengthenAndDampenersWeaken() {
        assertThat(score("very good")).isGreaterThan(score("good"));
        assertThat(score("extremely bad")).isLessThan(score("bad"));
        assertThat(score("slightly late")).isGreaterThan(score("late")).isNegative();
        assertThat(score("a bit slow")).isGreaterThan(score("slow")).isNegative();
    }

    @Test
    void capitalsAndExclamationMarksAddEmphasis() {
        assertThat(score("This is GREAT")).isGreaterThan(score("This is great"));
        assertThat(score("Terrible!!!")).isLessThan(score("Terrible"));
        assertThat(score("LOVE IT")).isPositive();
    }

    @Test
    void afterButCountsMore() {
        assertThat(score("The design is nice, but it broke after a week")).isNegative();
        assertThat(score("It broke once, but the replacement is excellent")).isPositive();
    }

    @Test
    void knowsTheVocabularyOfCustomerExperience() {
        assertThat(score("I was charged twice")).isLessThan(-0.5);
        assertThat(score("My order never arrived")).isLessThan(-0.5);
        assertThat(score("Still not fixed")).isLessThan(-0.5);
        assertThat(score("The app crashed")).isNegative();
        assertThat(score("Highly recommend")).isGreaterThan(0.5);
        assertThat(score("I would like to return my order")).isZero();
    }

    @Test
    void readsEmoticonsAndEmoji() {
        assertThat(score(":)")).isPositive();
        assertThat(score("Broken again :(")).isNegative();
        assertThat(score("👍")).isPositive();
        assertThat(score("😡")).isNegative();
    }

    @Test
    void angryMessagesAreStronglyNegativeAndMildComplaintsAreNot() {
        assertThat(score("My order never arrived and nobody answers. This is unacceptable!")).isLessThan(-0.5);
        double mild = score("The delivery was a bit slow.");
        assertThat(mild).isNegative().isGreaterThan(-0.5);
    }

    @Test
    void scoresStayWithinMinusOneAndOne() {
        String rant = "terrible awful horrible worst useless broken scam fraud ".repeat(20) + "!!!!!!";
        assertThat(score(rant)).isBetween(-1.0, -0.99);
        assertThat(score("amazing excellent perfect best ".repeat(20))).isBetween(0.99, 1.0);
    }

    @Test
    void anIntentionIsNegatedWhereAnOpinionPhraseIsNot() {
        assertThat(score("We will be back")).isPositive();
        assertThat(score("We won't be back")).isNegative();
        assertThat(score("Would buy again")).isPositive();
        assertThat(score("Would not buy again")).isNegative();
        assertThat(score("Never coming back")).isNegative();
        assertThat(score("Not working")).as("a phrase that holds its negation").isNegative();
    }

    @Test
    void praiseThatAnnouncesAComplaintIsSarcasm() {
        assertThat(score("Great, another crash")).isNegative();
        assertThat(score("Perfect, again no delivery")).isNegative();
        assertThat(score("Great, and fast")).isPositive();
    }

    @Test
    void tooBeforeAPlainWordIsAFault() {
        assertThat(score("Way too big")).isNegative();
        assertThat(score("The strap is too short")).isNegative();
        assertThat(score("Not too big")).isPositive();
        assertThat(score("The fries were great too.")).isPositive();
        assertThat(score("Me too")).isZero();
    }

    @Test
    void likeAsAComparisonIsNoPraise() {
        assertThat(score("The potatoes were like rubber")).isNegative();
        assertThat(score("It tasted like it came from a can")).isNegative();
        assertThat(score("Looks like the photo")).isZero();
        assertThat(score("I like it")).isPositive();
    }

    @Test
    void knowsTheIdiomsOfReviews() {
        assertThat(score("Waste of money")).isLessThan(-0.5);
        assertThat(score("Would not recommend")).isNegative();
        assertThat(score("Five stars")).isPositive();
        assertThat(score("Two stars")).isNegative();
        assertThat(score("The dessert was to die for")).isPositive();
        assertThat(score("Do yourself a favor and look elsewhere")).isNegative();
        assertThat(score("This place never disappoints")).isPositive();
        assertThat(score("Can't say enough good things")).isPositive();
        assertThat(score("Piece of junk")).isLessThan(-0.5);
    }

    @Test
    void neverWithThisOrSoIsEmphasisAfterALinkingVerbToo() {
        assertThat(score("My skin has never felt this smooth.")).isPositive();
        assertThat(score("I have never been so pleased.")).isPositive();
        assertThat(score("I have never felt so let down.")).isNegative();
        assertThat(score("It never felt good to use.")).as("without this or so, never negates").isNegative();
    }

    @Test
    void aNegatedReportOfStoppingIsPraise() {
        assertThat(score("Got it for my dad and he hasn't stopped using it.")).isPositive();
        assertThat(score("He stopped using it after a day.")).isNegative();
        assertThat(score("Barely does the job.")).isNegative();
    }
}
