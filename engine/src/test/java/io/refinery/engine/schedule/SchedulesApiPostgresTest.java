package io.refinery.engine.schedule;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.support.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link SchedulesApiContract} on PostgreSQL with the {@code postgres} profile (Quartz's PostgreSQLDelegate), on the
 * machine's server (a fresh database per run).
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/schedules-pg", "spring.quartz.auto-startup=true"})
@ActiveProfiles("postgres")
class SchedulesApiPostgresTest extends SchedulesApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestPostgres.freshDatabase(registry, "refinery_schedules_test");
    }
}
