package io.refinery.engine.system;

/**
 * JVM-wide settings of the embedded H2 database, set by the platform's main methods before H2 loads (H2 reads them
 * once, when its classes load). The database's own settings are in its URL ({@code application.yaml}).
 */
public final class H2Settings {

    /**
     * H2's value cache hashes every string it reads (up to 4 KB each) to share equal values between rows. Items are
     * mostly distinct texts and JSON: at 300,000 items the hashing was about a tenth of the platform's CPU while a
     * demand was processed, and turning it off (with the larger page cache in the URL) took 8 to 16 % off each step
     * through the engine. A setting given on the command line wins.
     */
    public static void apply() {
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    private H2Settings() {
    }
}
