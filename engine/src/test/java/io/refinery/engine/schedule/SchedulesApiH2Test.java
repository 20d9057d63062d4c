package io.refinery.engine.schedule;

import io.refinery.engine.HeadlessEngine;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link SchedulesApiContract} on an H2 file, as the platform runs by default. */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=./target/test-data/schedules-h2", "spring.quartz.auto-startup=true"})
class SchedulesApiH2Test extends SchedulesApiContract {
}
