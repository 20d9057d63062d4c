package io.refinery.engine.tasks;

import io.refinery.engine.system.CurrentUser;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The human tasks over HTTP: the same calls the UI makes, for remote clients and the demo bots. */
@RestController
@RequestMapping("/api")
class TaskController {
    /** Who works on tasks at all. */
    public static final String PEOPLE = "hasAnyRole('MANAGER','ANNOTATOR','EXPERT','ADMIN')";

    record Completion(Map<String, Object> variables) {
    }

    private final Tasks tasks;

    TaskController(Tasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping("/tasks")
    @PreAuthorize(PEOPLE)
    List<TaskView> inbox(@RequestParam(defaultValue = "200") int max) { // kept for the demo bots; see /api/inbox
        return tasks.inbox(CurrentUser.get(), Math.min(Math.max(max, 1), 1000));
    }

    @GetMapping("/tasks/{taskId}")
    @PreAuthorize(PEOPLE)
    TaskView task(@PathVariable String taskId) {
        return tasks.view(tasks.requireMayWork(taskId, CurrentUser.get()));
    }

    @PostMapping("/tasks/{taskId}/claim")
    @PreAuthorize(PEOPLE)
    TaskView claim(@PathVariable String taskId) {
        return tasks.claim(taskId, CurrentUser.get());
    }

    @PostMapping("/tasks/{taskId}/unclaim")
    @PreAuthorize(PEOPLE)
    ResponseEntity<Void> unclaim(@PathVariable String taskId) {
        tasks.unclaim(taskId, CurrentUser.get());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/tasks/{taskId}/complete")
    @PreAuthorize(PEOPLE)
    ResponseEntity<Void> complete(@PathVariable String taskId, @RequestBody(required = false) Completion completion) {
        tasks.complete(taskId, completion == null ? null : completion.variables(), CurrentUser.get());
        return ResponseEntity.noContent().build();
    }
}
