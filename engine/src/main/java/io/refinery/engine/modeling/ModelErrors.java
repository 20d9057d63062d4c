package io.refinery.engine.modeling;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The designer's refusals as JSON, in the shape of every {@code /api} error plus what the UI needs to place them: a
 * refused file gives {@code code} (stable, see {@link ModelRejected}), {@code fileName}, {@code line}, {@code column};
 * a refused deploy gives {@code problems}.
 */
@RestControllerAdvice(basePackages = "io.refinery.engine")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ModelErrors {

    @ExceptionHandler(ModelRejected.class)
    ResponseEntity<Map<String, Object>> rejected(ModelRejected e) {
        HttpStatus status = ModelRejected.TOO_LARGE.equals(e.code()) ? HttpStatus.PAYLOAD_TOO_LARGE
                : HttpStatus.BAD_REQUEST;
        Map<String, Object> body = body(status, e.getMessage());
        body.put("code", e.code());
        body.put("fileName", e.fileName());
        body.put("line", e.line());
        body.put("column", e.column());
        return ResponseEntity.status(status).body(body);
    }

    @ExceptionHandler(ModelInvalid.class)
    ResponseEntity<Map<String, Object>> invalid(ModelInvalid e) {
        Map<String, Object> body = body(HttpStatus.BAD_REQUEST, e.getMessage());
        body.put("code", "invalid");
        body.put("problems", e.validation().problems());
        return ResponseEntity.badRequest().body(body);
    }

    private static Map<String, Object> body(HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Instant.now().toString());
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        return body;
    }
}
