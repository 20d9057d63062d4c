package io.refinery.engine.schedule;

import io.refinery.engine.system.CurrentUser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/schedules}: managers and admins only. */
@RestController
@RequestMapping("/api/schedules")
@PreAuthorize(ScheduleController.MANAGERS)
class ScheduleController {
    static final String MANAGERS = "hasAnyRole('MANAGER','ADMIN')";

    private final Schedules schedules;

    ScheduleController(Schedules schedules) {
        this.schedules = schedules;
    }

    @GetMapping
    List<Schedule> list() {
        return schedules.all();
    }

    @PostMapping
    ResponseEntity<Schedule> create(@RequestBody ScheduleSpec spec) {
        return ResponseEntity.status(HttpStatus.CREATED).body(schedules.create(spec, CurrentUser.get().id()));
    }

    /** The next fire times of a cron in a zone, to check an expression before saving it. */
    @GetMapping("/preview")
    Map<String, List<Instant>> preview(@RequestParam String cron, @RequestParam String zone) {
        return Map.of("nextFireTimes", schedules.preview(cron, zone));
    }

    @GetMapping("/{id}")
    Schedule get(@PathVariable long id) {
        return schedules.get(id);
    }

    @PutMapping("/{id}")
    Schedule update(@PathVariable long id, @RequestBody ScheduleSpec spec) {
        return schedules.update(id, spec, CurrentUser.get().id());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        schedules.delete(id, CurrentUser.get().id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/pause")
    Schedule pause(@PathVariable long id) {
        return schedules.pause(id);
    }

    @PostMapping("/{id}/resume")
    Schedule resume(@PathVariable long id) {
        return schedules.resume(id);
    }

    /** Fires it now; 201 with the logged firing (outcome STARTED with the process instance, or FAILED with the error). */
    @PostMapping("/{id}/run")
    ResponseEntity<Firing> runNow(@PathVariable long id) {
        return ResponseEntity.status(HttpStatus.CREATED).body(schedules.runNow(id, CurrentUser.get().id()));
    }

    @GetMapping("/{id}/firings")
    List<Firing> firings(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        return schedules.firings(id, limit);
    }
}
