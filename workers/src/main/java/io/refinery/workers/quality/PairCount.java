package io.refinery.workers.quality;

/** How many doubly-annotated items got {@code first} in the lower slot and {@code second} in the higher one. */
public record PairCount(String first, String second, long count) {
}
