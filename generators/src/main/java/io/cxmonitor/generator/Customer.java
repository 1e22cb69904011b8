package io.cxmonitor.generator;

/** A simulated customer: who they are and where they are in their story. */
final class Customer {

    final String id;
    final Persona persona;
    /** Uses the app (else the web). */
    final boolean appUser;
    final String platform;
    final String appVersion;
    /** For at-risk customers: the activity that holds their first bad experience. */
    final int triggerActivity;

    int activities;
    /** Server-side sessions end after 30 min of silence: the next session starts after this. */
    long nextSessionAt = Long.MIN_VALUE;
    boolean hadBadExperience;
    /** At-risk customers leave after their first bad experience and its follow-up. */
    boolean gone;

    Customer(String id, Persona persona, boolean appUser, String platform, String appVersion, int triggerActivity) {
        this.id = id;
        this.persona = persona;
        this.appUser = appUser;
        this.platform = platform;
        this.appVersion = appVersion;
        this.triggerActivity = triggerActivity;
    }
}
