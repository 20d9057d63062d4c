package io.refinery.workflows;

/**
 * How the label tasks of a round are created: in waves, each an asynchronous job of its own, so that no engine
 * transaction creates more than one wave of tasks. Camunda creates a parallel multi-instance's instances in one
 * transaction and sorts the flush by references, which grows with the square of the count (measured: 8,000 tasks in
 * 19 s, 18,000 never finished before the worker's call timed out); waves of a few hundred take well under a second
 * each, and the first wave's tasks are in the inbox while the others are still being created.
 * <p>
 * The wave size is at least {@link #MIN_SIZE} and grows with the square root of the round's task count, so that
 * both levels stay small (90,000 tasks: 300 waves of 300); it is a multiple of the overlap, so that the slots of one
 * package are created together. The last wave holds the rest.
 *
 * @param taskCount the round's label tasks
 * @param waveCount waves (at least 1, so that a round without tasks still passes through the step)
 * @param waveSize  tasks per wave, the last wave excepted
 */
public record LabelWaves(int taskCount, int waveCount, int waveSize) {
    public static final int MIN_SIZE = 200;

    public static LabelWaves of(int taskCount, int overlap) {
        if (taskCount < 0) {
            throw new IllegalArgumentException("taskCount must not be negative: " + taskCount);
        }
        int slots = Math.max(1, overlap);
        int size = Math.max(MIN_SIZE, (int) Math.ceil(Math.sqrt(taskCount)));
        size = (size + slots - 1) / slots * slots;
        int waves = Math.max(1, (taskCount + size - 1) / size);
        return new LabelWaves(taskCount, waves, size);
    }

    /** What the plan-round step completes with: the round's task count and its waves. */
    public java.util.Map<String, Object> variables() {
        return java.util.Map.of(Vars.LABEL_TASK_COUNT, taskCount, Vars.LABEL_WAVE_COUNT, waveCount,
                Vars.LABEL_WAVE_SIZE, waveSize);
    }

    /** Tasks of wave {@code wave} (0-based): what the inner loop cardinality expression computes. */
    public int tasksOf(int wave) {
        return wave < waveCount - 1 ? waveSize : taskCount - wave * waveSize;
    }
}
