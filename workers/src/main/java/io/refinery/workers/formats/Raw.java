package io.refinery.workers.formats;

/** How rejected records are shown: one line of reason, at most 1,000 characters of raw text. */
final class Raw {

    static final int MAX = 1000;

    private Raw() {
    }

    static String cut(String raw) {
        if (raw == null) {
            return null;
        }
        return raw.length() <= MAX ? raw : raw.substring(0, MAX);
    }

    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
