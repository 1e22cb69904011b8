package io.cxmonitor.generator;

import java.util.SplittableRandom;

/**
 * Review and support texts composed from templates and a CX vocabulary, so that no two runs read
 * like a handful of fixed strings. Every text knows the polarity it was written with: that is the
 * ground truth the sentiment analyzer is measured against.
 */
final class Texts {

    /** The intended reading of a text. */
    enum Polarity {
        POSITIVE, NEUTRAL, NEGATIVE;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How strongly: an angry message is a bad experience, a mild complaint is not. */
    enum Intensity {
        MILD, STRONG
    }

    /** A text and what it was meant to say. */
    record Text(String text, Polarity polarity, Intensity intensity, String form) {}

    private static final String[] PRODUCTS = {"jacket", "headphones", "coffee maker", "running shoes", "backpack",
        "phone case", "desk lamp", "blender", "sofa cushion", "smart watch", "kettle", "yoga mat", "rain coat",
        "board game", "winter boots", "laptop stand"};
    private static final String[] GOOD_ADJ = {"great", "excellent", "fantastic", "lovely", "perfect", "amazing",
        "really good", "solid", "comfortable", "beautiful"};
    private static final String[] PRAISE = {"Fast delivery", "Easy checkout", "Friendly support", "Great value",
        "Arrived early", "Well packaged", "Exactly as described", "Quick refund when I needed one"};
    private static final String[] POSITIVE_CLOSE = {"Highly recommend!", "Will buy again.", "Very happy.",
        "Love it!", "Thank you!", "Five stars.", "Couldn't be happier :)", "Brilliant service, thanks!"};
    private static final String[] ANGRY_EVENT = {"My order never arrived", "I was charged twice", "The app crashed at checkout",
        "The refund still hasn't come through", "The parcel arrived broken", "The payment failed three times",
        "Nobody answered my emails for a week", "I got the wrong item and the return was refused",
        "The item stopped working after two days"};
    private static final String[] ANGRY_CLOSE = {"This is unacceptable.", "Worst service ever.",
        "I'm furious and I want a refund now!", "Terrible experience, never again.", "Absolutely useless support.",
        "Completely disappointed and angry.", "I will cancel my account.", "Awful. Just awful!!",
        "Still not fixed. Horrible."};
    private static final String[] MILD_ISSUE = {"the delivery was a bit slow", "the box was slightly dented",
        "the colour is a little different from the photo", "the instructions were somewhat confusing",
        "it took a while to find the size guide", "the strap feels a bit cheap"};
    private static final String[] REQUEST = {"Can I change the delivery address for order %d?",
        "How do I return the %s?", "When will my order %d be shipped?", "Do you have the %s in another size?",
        "Please send me the invoice for order %d.", "I'd like to update the email on my account.",
        "Is the %s compatible with last year's model?", "What are your customer service hours?",
        "Where can I find the tracking number for order %d?"};
    private static final String[] NEUTRAL_REVIEW = {"The %s does what it says.", "Average %s, nothing special.",
        "It's an okay %s for the price.", "Delivered on the expected date. The %s is as described.",
        "Standard %s. Fits the description."};
    private static final String[] THANKS = {"Thanks, that solved it.", "Great, thank you for the quick help!",
        "Perfect, that's all I needed. Thanks!", "Thank you, much appreciated."};
    private static final String[] AGENT = {"Thanks for reaching out, let me check that for you.",
        "I'm sorry for the trouble. I've looked into your order.", "Happy to help! Could you confirm the order number?",
        "I've escalated this to our logistics team and will update you shortly."};

    private final SplittableRandom random;

    Texts(SplittableRandom random) {
        this.random = random;
    }

    /** A review text fitting its star rating. */
    Text review(int rating) {
        switch (rating) {
            case 5:
                return random.nextInt(4) == 0 ? negatedPraise() : praise();
            case 4:
                return random.nextInt(3) == 0 ? mixed(true) : praise();
            case 3:
                int pick = random.nextInt(3);
                return pick == 0 ? neutralReview() : pick == 1 ? mild() : mixed(random.nextBoolean());
            default:
                return random.nextInt(4) == 0 ? negatedComplaint() : angry();
        }
    }

    /** A strongly negative text: the voice of a customer about to leave. */
    Text angry() {
        return new Text(pick(ANGRY_EVENT) + (random.nextBoolean() ? " and " + lower(pick(ANGRY_EVENT)) : "")
                + ". " + pick(ANGRY_CLOSE), Polarity.NEGATIVE, Intensity.STRONG, "angry");
    }

    /** A delivery complaint, as a delay wave produces them. */
    Text deliveryComplaint() {
        String[] forms = {"My order never arrived and tracking hasn't moved in a week. ",
            "Still waiting for my parcel, it is ten days late. ", "The delivery was cancelled twice without notice. "};
        return new Text(pick(forms) + pick(ANGRY_CLOSE), Polarity.NEGATIVE, Intensity.STRONG, "angry");
    }

    /** A mild complaint: negative, but far from a reason to leave. */
    Text mild() {
        String[] forms = {"The %s is fine, although %s.", "Overall okay, just %s.", "Decent %s, but %s."};
        String form = pick(forms);
        String text = form.startsWith("Overall") ? String.format(form, pick(MILD_ISSUE))
                : String.format(form, pick(PRODUCTS), pick(MILD_ISSUE));
        return new Text(text, Polarity.NEGATIVE, Intensity.MILD, "mild_complaint");
    }

    /** Praise of a product and the service. */
    Text praise() {
        String text = String.format("%s %s! %s. %s", random.nextBoolean() ? "Really" : "Such a",
                pick(GOOD_ADJ), pick(PRAISE), pick(POSITIVE_CLOSE));
        if (random.nextBoolean()) {
            text = String.format("The %s is %s. %s. %s", pick(PRODUCTS), pick(GOOD_ADJ), pick(PRAISE), pick(POSITIVE_CLOSE));
        }
        return new Text(text, Polarity.POSITIVE, Intensity.STRONG, "praise");
    }

    /** Two clauses joined by "but": the second one carries the meaning. */
    Text mixed(boolean endsWell) {
        String good = String.format("the %s is %s", pick(PRODUCTS), pick(GOOD_ADJ));
        String bad = pick(MILD_ISSUE);
        String text = endsWell ? capitalize(bad) + ", but " + good + "." : capitalize(good) + ", but " + bad + ".";
        return new Text(text, endsWell ? Polarity.POSITIVE : Polarity.NEGATIVE, Intensity.MILD, "mixed");
    }

    /** Praise through negation: "not bad at all", "never had a problem". */
    Text negatedPraise() {
        String[] forms = {"Not bad at all, the %s works well.", "Never had a single problem with this %s.",
            "I can't complain, the %s is really good.", "No issues whatsoever with the %s. Recommended."};
        return new Text(String.format(pick(forms), pick(PRODUCTS)), Polarity.POSITIVE, Intensity.MILD, "negation");
    }

    /** Complaint through negation: "not happy", "doesn't work". */
    Text negatedComplaint() {
        String[] forms = {"Not happy at all. The %s doesn't work and support never replied.",
            "I am not satisfied, the %s is not what was advertised. Terrible.",
            "Not worth the money. The %s broke and nobody helps.",
            "Don't buy this %s. It never worked properly. Awful."};
        return new Text(String.format(pick(forms), pick(PRODUCTS)), Polarity.NEGATIVE, Intensity.STRONG, "negation");
    }

    Text neutralReview() {
        return new Text(String.format(pick(NEUTRAL_REVIEW), pick(PRODUCTS)), Polarity.NEUTRAL, Intensity.MILD,
                "neutral");
    }

    /** A neutral support request. */
    Text request() {
        String form = pick(REQUEST);
        String text = form.contains("%d") ? String.format(form, 100_000 + random.nextInt(900_000))
                : form.contains("%s") ? String.format(form, pick(PRODUCTS)) : form;
        return new Text(text, Polarity.NEUTRAL, Intensity.MILD, "request");
    }

    Text thanks() {
        return new Text(pick(THANKS), Polarity.POSITIVE, Intensity.MILD, "thanks");
    }

    String agentReply() {
        return pick(AGENT);
    }

    String subject(Text opening) {
        return opening.polarity() == Polarity.NEGATIVE ? "Complaint" : "Question";
    }

    String title(int rating) {
        return rating >= 4 ? pick(new String[] {"Great", "Love it", "Recommended"})
                : rating == 3 ? "Okay" : pick(new String[] {"Disappointed", "Avoid", "Very bad"});
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String lower(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
