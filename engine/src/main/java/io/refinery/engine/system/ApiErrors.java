package io.refinery.engine.system;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every error of {@code /api} as JSON: {@code {"status":400,"error":"Bad Request","message":"..."}}. */
@RestControllerAdvice(basePackages = "io.refinery.engine")
class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        return body(e.status(), e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return body(HttpStatus.FORBIDDEN, "Your role may not do this");
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<Map<String, Object>> camundaDenied(AuthorizationException e) {
        return body(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(NullValueException.class)
    ResponseEntity<Map<String, Object>> missing(NullValueException e) {
        return body(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> invalid(MethodArgumentNotValidException e) {
        StringBuilder message = new StringBuilder("Invalid request:");
        e.getBindingResult().getFieldErrors()
                .forEach(f -> message.append(" field '").append(f.getField()).append("' ").append(f.getDefaultMessage()).append(';'));
        return body(HttpStatus.BAD_REQUEST, message.toString());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        String message = e.getMessage() == null ? "unreadable request" : e.getMessage().lines().findFirst().orElse("");
        return body(HttpStatus.BAD_REQUEST, "Unreadable request body: " + message);
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Instant.now().toString());
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        if (status.is5xxServerError()) {
            log.error("API error: {}", message);
        }
        return ResponseEntity.status(status).body(body);
    }
}
