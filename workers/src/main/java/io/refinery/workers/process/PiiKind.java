package io.refinery.workers.process;

/** Kinds of personal data the masker finds, with the token that replaces them. */
public enum PiiKind {
    EMAIL("[EMAIL]"),
    PHONE("[PHONE]"),
    ID_CARD("[ID_CARD]"),
    BANK_CARD("[BANK_CARD]");

    private final String token;

    PiiKind(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
