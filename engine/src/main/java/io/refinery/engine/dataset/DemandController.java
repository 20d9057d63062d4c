package io.refinery.engine.dataset;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Filing demands and following them: {@code /api/demands}, managers and admins. */
@RestController
@RequestMapping("/api/demands")
@PreAuthorize("hasAnyRole('MANAGER','ADMIN')")
class DemandController {
    private final DemandService demands;
    private final DemandList list;

    DemandController(DemandService demands, DemandList list) {
        this.demands = demands;
        this.list = list;
    }

    /** Files a demand; 400 names every field that is wrong, and why a named process cannot build a dataset. */
    @PostMapping
    ResponseEntity<DemandService.Started> file(@RequestBody Demand demand) {
        return ResponseEntity.status(HttpStatus.CREATED).body(demands.start(demand, CurrentUser.get()));
    }

    @GetMapping
    List<DemandList.Row> newest(@RequestParam(defaultValue = "100") int limit) {
        return list.newest(limit);
    }

    @GetMapping("/{versionId}")
    DemandList.Row one(@PathVariable long versionId) {
        return list.of(versionId).orElseThrow(() -> ApiException.notFound("demand of version " + versionId));
    }
}
