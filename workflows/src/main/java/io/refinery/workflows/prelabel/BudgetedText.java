package io.refinery.workflows.prelabel;

/** A text that throws once it has been read more than a fixed number of times: a deterministic regex time limit. */
final class BudgetedText implements CharSequence {

    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regex budget exhausted", null, false, false);
        }
    }

    private final String text;
    private final long[] remaining;

    BudgetedText(String text, long budget) {
        this(text, new long[] {budget});
    }

    private BudgetedText(String text, long[] remaining) {
        this.text = text;
        this.remaining = remaining;
    }

    @Override
    public char charAt(int index) {
        if (--remaining[0] < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedText(text.substring(start, end), remaining);
    }

    @Override
    public String toString() {
        return text;
    }
}
